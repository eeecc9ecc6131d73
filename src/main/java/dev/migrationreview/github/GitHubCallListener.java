package dev.migrationreview.github;

/** Told about every GitHub API call, for metrics: calls by method and status, and the rate limit left. */
public interface GitHubCallListener {
    GitHubCallListener NONE = (method, status, rateLimitRemaining) -> { };

    /**
     * @param status             the HTTP status, or 0 when no answer came (timeout, connection refused)
     * @param rateLimitRemaining {@code x-ratelimit-remaining} of the answer, or -1 when it had none
     */
    void called(String method, int status, long rateLimitRemaining);
}
