package dev.migrationreview.jobs;

import java.io.Serializable;
import java.time.Instant;

/**
 * The stored data of a review job: which pull request ("owner/repo#n"; what to review is read from
 * the review requests when the job runs, so it is always the newest head), how many attempts have
 * failed so far, when the first of them failed (retries go on for {@code retry-for} from then), and
 * why the last one did (the reason the check run gets if the job gives up).
 */
public record ReviewJob(String pullRequest, int failedAttempts, String lastError, Instant firstFailedAt,
                        int giveUpAttempts) implements Serializable {

    public static ReviewJob fresh(String pullRequest) {
        return new ReviewJob(pullRequest, 0, null, null, 0);
    }

    public ReviewJob failedOnceMore(String error, Instant now) {
        return new ReviewJob(pullRequest, failedAttempts + 1, error, firstFailedAt == null ? now : firstFailedAt, giveUpAttempts);
    }

    /** Completing the check run after giving up failed too (GitHub still down). */
    public ReviewJob giveUpFailedOnceMore() {
        return new ReviewJob(pullRequest, failedAttempts, lastError, firstFailedAt, giveUpAttempts + 1);
    }
}
