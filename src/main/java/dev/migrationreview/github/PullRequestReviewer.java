package dev.migrationreview.github;

/**
 * Everything a review job asks of GitHub. The job layer decides when and how often; this decides what
 * is read and what is published.
 */
public interface PullRequestReviewer {

    /**
     * Reads the pull request at {@code target.headSha()}, reviews it and publishes the check run and
     * review comments (synced with earlier ones). Publishes nothing when the pull request's head has
     * moved on since (a newer job will).
     */
    void review(PullRequestTarget target) throws GitHubRetryException;

    /** Completes the check run as {@code neutral} with the reason: a required check must never hang pending. */
    void giveUp(PullRequestTarget target, String reason) throws GitHubRetryException;

    /** The "Accept risk" action: completes the run for that head as success, recording who accepted what. */
    void acceptRisk(PullRequestTarget target, long checkRunId, String login) throws GitHubRetryException;
}
