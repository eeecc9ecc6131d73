package dev.migrationreview.jobs;

import java.io.Serializable;

/**
 * The stored data of a review job: which pull request ("owner/repo#n"; what to review is read from
 * the review requests when the job runs, so it is always the newest head), how many attempts have
 * failed so far, and why the last one did (the reason the check run gets if the job gives up).
 */
public record ReviewJob(String pullRequest, int failedAttempts, String lastError) implements Serializable {

    public static ReviewJob fresh(String pullRequest) {
        return new ReviewJob(pullRequest, 0, null);
    }

    public ReviewJob failedOnceMore(String error) {
        return new ReviewJob(pullRequest, failedAttempts + 1, error);
    }
}
