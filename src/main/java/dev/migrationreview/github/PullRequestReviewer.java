package dev.migrationreview.github;

/**
 * Everything a review job asks of GitHub. The job layer decides when and how often; this decides what
 * is read and what is published.
 *
 * <p>{@code runKey} names one review request (the pull request and the request's generation); it goes on
 * the check run as its {@code external_id}, so every retry of that request, even after a crash that came
 * between publishing and recording the job as done, finds and reuses the same run instead of starting
 * another. A new request for the same commit (Re-run, recheck) has a new key and a new run.
 */
public interface PullRequestReviewer {

    /**
     * Reads the pull request at {@code target.headSha()}, reviews it and publishes the check run and
     * review comments (synced with earlier ones). Publishes nothing when the pull request's head has
     * moved on since (a newer job will), or when the run of {@code runKey} is already completed.
     */
    void review(PullRequestTarget target, String runKey) throws GitHubRetryException;

    /**
     * The job stopped retrying: completes the run of {@code runKey} as the {@code on-review-error} policy
     * says ({@code failure} by default), with the reason and how to re-run, so a required check neither
     * hangs pending nor passes unreviewed. A run that already completed keeps its verdict.
     */
    void giveUp(PullRequestTarget target, String runKey, String reason) throws GitHubRetryException;

    /**
     * The "Accept risk" action: when {@code login} may write to the repository, completes the run for that
     * head as success, recording who accepted what; otherwise leaves the verdict and says why on the run.
     */
    void acceptRisk(PullRequestTarget target, long checkRunId, String login) throws GitHubRetryException;
}
