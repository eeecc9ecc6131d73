package dev.migrationreview.jobs;

import dev.migrationreview.github.OnReviewError;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How review jobs run and retry (migration-review.jobs.*). A job that GitHub keeps refusing is retried
 * for {@code retry-for} (6 hours: a GitHub outage or a long rate-limit window, not a few minutes) with
 * exponential backoff capped at {@code max-backoff}, jittered so that the jobs of one outage do not all
 * come back in the same second; {@code max-attempts} (0: no limit) can end it sooner.
 */
@Singleton
public class JobSettings {
    private final int threads;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration heartbeatInterval;
    private final int missedHeartbeats;
    private final Duration pollingInterval;
    private final Duration reconcileInterval;
    private final Duration retryFor;

    public JobSettings(@Value("${migration-review.jobs.threads:4}") int threads,
                       @Value("${migration-review.jobs.max-attempts:0}") int maxAttempts,
                       @Value("${migration-review.jobs.retry-for:6h}") Duration retryFor,
                       @Value("${migration-review.jobs.initial-backoff:15s}") Duration initialBackoff,
                       @Value("${migration-review.jobs.max-backoff:15m}") Duration maxBackoff,
                       @Value("${migration-review.jobs.heartbeat-interval:5s}") Duration heartbeatInterval,
                       @Value("${migration-review.jobs.missed-heartbeats:4}") int missedHeartbeats,
                       @Value("${migration-review.jobs.polling-interval:2s}") Duration pollingInterval,
                       @Value("${migration-review.jobs.reconcile-interval:30s}") Duration reconcileInterval,
                       @Value("${migration-review.on-review-error:failure}") String onReviewError) {
        // read by the GitHub side when a job gives up, hours later: a typo must stop the server now
        OnReviewError.parse(onReviewError);
        if (threads < 1) {
            throw new IllegalStateException("migration-review.jobs.threads (JOB_THREADS) must be at least 1, got " + threads);
        }
        if (maxAttempts < 0) {
            throw new IllegalStateException("migration-review.jobs.max-attempts must be 0 (no limit) or more, got " + maxAttempts);
        }
        if (retryFor.isNegative()) {
            throw new IllegalStateException("migration-review.jobs.retry-for must not be negative, got " + retryFor);
        }
        this.threads = threads;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.heartbeatInterval = heartbeatInterval;
        this.missedHeartbeats = missedHeartbeats;
        this.pollingInterval = pollingInterval;
        this.reconcileInterval = reconcileInterval;
        this.retryFor = retryFor;
    }

    /** Whether a job that has failed {@code failedAttempts} times, the first at {@code firstFailedAt}, should stop retrying. */
    public boolean exhausted(int failedAttempts, Instant firstFailedAt, Instant now) {
        if (maxAttempts > 0 && failedAttempts >= maxAttempts) {
            return true;
        }
        return firstFailedAt != null && !now.isBefore(firstFailedAt.plus(retryFor));
    }

    public Duration retryFor() {
        return retryFor;
    }

    public int threads() {
        return threads;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    public int missedHeartbeats() {
        return missedHeartbeats;
    }

    public Duration pollingInterval() {
        return pollingInterval;
    }

    public Duration reconcileInterval() {
        return reconcileInterval;
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}: GitHub's own hint when it gave one
     * (retry-after, x-ratelimit-reset), else exponential backoff from initial-backoff up to max-backoff;
     * either plus up to a fifth more at random, never less than asked.
     */
    public Duration backoff(int failedAttempts, Duration hint) {
        Duration delay;
        if (hint != null && !hint.isNegative()) {
            delay = hint;
        } else {
            delay = initialBackoff;
            for (int i = 1; i < failedAttempts && delay.compareTo(maxBackoff) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            delay = delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
        }
        long jitterMillis = delay.toMillis() / 5;
        return jitterMillis <= 0 ? delay : delay.plusMillis(ThreadLocalRandom.current().nextLong(jitterMillis + 1));
    }
}
