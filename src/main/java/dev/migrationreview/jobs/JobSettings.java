package dev.migrationreview.jobs;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/** How review jobs run and retry (migration-review.jobs.*). */
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

    public JobSettings(@Value("${migration-review.jobs.threads:4}") int threads,
                       @Value("${migration-review.jobs.max-attempts:6}") int maxAttempts,
                       @Value("${migration-review.jobs.initial-backoff:15s}") Duration initialBackoff,
                       @Value("${migration-review.jobs.max-backoff:10m}") Duration maxBackoff,
                       @Value("${migration-review.jobs.heartbeat-interval:5s}") Duration heartbeatInterval,
                       @Value("${migration-review.jobs.missed-heartbeats:4}") int missedHeartbeats,
                       @Value("${migration-review.jobs.polling-interval:2s}") Duration pollingInterval,
                       @Value("${migration-review.jobs.reconcile-interval:30s}") Duration reconcileInterval) {
        if (threads < 1) {
            throw new IllegalStateException("migration-review.jobs.threads (JOB_THREADS) must be at least 1, got " + threads);
        }
        if (maxAttempts < 1) {
            throw new IllegalStateException("migration-review.jobs.max-attempts must be at least 1, got " + maxAttempts);
        }
        this.threads = threads;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.heartbeatInterval = heartbeatInterval;
        this.missedHeartbeats = missedHeartbeats;
        this.pollingInterval = pollingInterval;
        this.reconcileInterval = reconcileInterval;
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
     * (retry-after, x-ratelimit-reset), else exponential backoff from initial-backoff up to max-backoff.
     */
    public Duration backoff(int failedAttempts, Duration hint) {
        if (hint != null && !hint.isNegative()) {
            return hint;
        }
        Duration delay = initialBackoff;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
