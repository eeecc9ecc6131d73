package dev.migrationreview.github;

import java.time.Duration;

/**
 * GitHub could not do it now (5xx, timeout, rate limit); the job should try again after
 * {@code retryAfter} (from {@code retry-after} or {@code x-ratelimit-reset}), or with its own backoff when null.
 */
public class GitHubRetryException extends Exception {
    private final transient Duration retryAfter;

    public GitHubRetryException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
