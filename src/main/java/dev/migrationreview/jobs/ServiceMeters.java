package dev.migrationreview.jobs;

import dev.migrationreview.github.GitHubCallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The server's own meters, exported at GET /metrics. The names are a contract with dashboards and
 * with the GitHub client (docs/github-app.md): Micrometer dots become underscores in Prometheus.
 */
@Singleton
public class ServiceMeters implements GitHubCallListener {
    /** Counter, tags {@code event}, {@code outcome}. */
    public static final String DELIVERIES = "migration_review.webhook.deliveries";
    /** Gauges: executions waiting / being worked on, read from the job table at scrape time. */
    public static final String JOBS_QUEUED = "migration_review.jobs.queued";
    public static final String JOBS_RUNNING = "migration_review.jobs.running";
    /** Counter, tag {@code task}: jobs that ended without doing their work (after the last retry). */
    public static final String JOBS_FAILED = "migration_review.jobs.failed";
    /** Counter, tag {@code task}: attempts that GitHub asked to retry later. */
    public static final String JOBS_RETRIED = "migration_review.jobs.retried";
    /** Timer, tag {@code outcome}: one PullRequestReviewer.review call, reading to publishing. */
    public static final String REVIEW_DURATION = "migration_review.review.duration";
    /** Counter, tags {@code method}, {@code status}: incremented by the GitHub client for every API call. */
    public static final String GITHUB_CALLS = "migration_review.github.calls";
    /** Gauge: x-ratelimit-remaining of the latest GitHub answer; NaN until the first call. */
    public static final String GITHUB_RATE_LIMIT_REMAINING = "migration_review.github.rate_limit.remaining";

    private final MeterRegistry registry;
    private volatile double rateLimitRemaining = Double.NaN;
    private volatile Instant rateLimitSeenAt;

    public ServiceMeters(MeterRegistry registry, DataSource dataSource) {
        this.registry = registry;
        Gauge.builder(JOBS_QUEUED, dataSource, ds -> countExecutions(ds, false))
                .description("Jobs waiting to run, including retries waiting for their time")
                .register(registry);
        Gauge.builder(JOBS_RUNNING, dataSource, ds -> countExecutions(ds, true))
                .description("Jobs being worked on by some instance")
                .register(registry);
        Gauge.builder(GITHUB_RATE_LIMIT_REMAINING, this, meters -> meters.rateLimitRemaining)
                .description("GitHub API calls left in the current rate-limit window")
                .strongReference(true)
                .register(registry);
        for (String task : new String[] {JobScheduler.REVIEW_TASK, JobScheduler.ACCEPT_RISK_TASK}) {
            Counter.builder(JOBS_FAILED).tag("task", task).register(registry);
            Counter.builder(JOBS_RETRIED).tag("task", task).register(registry);
        }
    }

    public void delivery(String event, String outcome) {
        registry.counter(DELIVERIES, Tags.of("event", event, "outcome", outcome)).increment();
    }

    public void jobFailed(String task) {
        registry.counter(JOBS_FAILED, Tags.of("task", task)).increment();
    }

    public void jobRetried(String task) {
        registry.counter(JOBS_RETRIED, Tags.of("task", task)).increment();
    }

    public void reviewDuration(Duration duration, String outcome) {
        Timer.builder(REVIEW_DURATION).tag("outcome", outcome).register(registry).record(duration);
    }

    /** For the GitHub client: one API call answered with {@code status} (0 when no answer came). */
    public void githubCall(String method, int status) {
        registry.counter(GITHUB_CALLS, Tags.of("method", method, "status", Integer.toString(status))).increment();
    }

    /** For the GitHub client: the x-ratelimit-remaining header of the latest answer. */
    public void githubRateLimitRemaining(long remaining) {
        rateLimitRemaining = remaining;
        rateLimitSeenAt = Instant.now();
    }

    /** GitHub's x-ratelimit-remaining on this instance's latest call, and when; empty before the first. */
    public Optional<RateLimit> githubRateLimit() {
        Instant at = rateLimitSeenAt;
        return at == null ? Optional.empty() : Optional.of(new RateLimit((long) rateLimitRemaining, at));
    }

    public record RateLimit(long remaining, Instant seenAt) {
    }

    /** The GitHub client reports every call here (the github package does not know this one: no cycle). */
    @Override
    public void called(String method, int status, long rateLimitRemaining) {
        githubCall(method, status);
        if (rateLimitRemaining >= 0) {
            githubRateLimitRemaining(rateLimitRemaining);
        }
    }

    private static double countExecutions(DataSource dataSource, boolean picked) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from scheduled_tasks where picked = ? and task_name not in (?, ?)")) {
            select.setBoolean(1, picked);
            select.setString(2, JobScheduler.RECONCILE_TASK);
            select.setString(3, JobScheduler.PRUNE_TASK);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
