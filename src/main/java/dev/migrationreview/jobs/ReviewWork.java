package dev.migrationreview.jobs;

import dev.migrationreview.github.GitHubRetryException;
import dev.migrationreview.github.PullRequestReviewer;
import dev.migrationreview.github.PullRequestTarget;
import dev.migrationreview.store.ReviewRequests;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a job does when the scheduler runs it: calls the GitHub side, and decides from the outcome
 * whether to finish, retry later, take up a newer request, or give up visibly. Runs on the
 * scheduler's worker threads only.
 */
@Singleton
public class ReviewWork {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewWork.class);
    /** Extra attempts at completing the check run as neutral once the review itself was given up. */
    private static final int GIVE_UP_ATTEMPTS = 3;

    private final ReviewRequests requests;
    private final BeanProvider<PullRequestReviewer> reviewer;
    private final JobSettings settings;
    private final ServiceMeters meters;

    public ReviewWork(ReviewRequests requests, BeanProvider<PullRequestReviewer> reviewer, JobSettings settings,
                      ServiceMeters meters) {
        this.requests = requests;
        this.reviewer = reviewer;
        this.settings = settings;
        this.meters = meters;
    }

    public CompletionHandler<ReviewJob> review(ReviewJob job) {
        String key = job.pullRequest();
        Optional<ReviewRequests.Pending> found = requests.find(key);
        if (found.isEmpty() || !found.get().outstanding()) {
            return remove();
        }
        ReviewRequests.Pending pending = found.get();
        PullRequestTarget target = pending.target();
        if (job.failedAttempts() >= settings.maxAttempts()) {
            return giveUp(job, pending);
        }
        long started = System.nanoTime();
        try {
            reviewer.get().review(target);
            meters.reviewDuration(Duration.ofNanos(System.nanoTime() - started), "published");
            requests.markDone(key, pending.generation(), "reviewed");
            LOG.info("Reviewed {} at {}", key, headName(target));
            return newerOr(key, pending.generation(), remove());
        } catch (GitHubRetryException e) {
            meters.reviewDuration(Duration.ofNanos(System.nanoTime() - started), "retry");
            meters.jobRetried(JobScheduler.REVIEW_TASK);
            ReviewJob next = job.failedOnceMore(e.getMessage());
            if (next.failedAttempts() >= settings.maxAttempts()) {
                return giveUp(next, pending);
            }
            Duration wait = settings.backoff(next.failedAttempts(), e.retryAfter());
            LOG.info("GitHub asked to retry the review of {} ({}); attempt {} of {} in {}", key, e.getMessage(),
                    next.failedAttempts() + 1, settings.maxAttempts(), wait);
            return newerOr(key, pending.generation(), (complete, operations) ->
                    operations.reschedule(complete, Instant.now().plus(wait), next));
        } catch (RuntimeException e) {
            // A bug or an unreadable pull request: retrying will not help, but the check must not hang.
            meters.reviewDuration(Duration.ofNanos(System.nanoTime() - started), "error");
            LOG.error("The review of {} at {} failed", key, headName(target), e);
            return giveUp(job.failedOnceMore("the review failed: " + e), pending);
        }
    }

    public CompletionHandler<AcceptRiskJob> acceptRisk(AcceptRiskJob job) {
        try {
            reviewer.get().acceptRisk(job.target(), job.checkRunId(), job.login());
            LOG.info("{} accepted the risk of check run {} on {}/{}", job.login(), job.checkRunId(), job.owner(), job.repo());
            return (complete, operations) -> operations.remove();
        } catch (GitHubRetryException e) {
            meters.jobRetried(JobScheduler.ACCEPT_RISK_TASK);
            AcceptRiskJob next = job.failedOnceMore();
            if (next.failedAttempts() >= settings.maxAttempts()) {
                meters.jobFailed(JobScheduler.ACCEPT_RISK_TASK);
                LOG.error("Could not record {}'s risk acceptance on check run {} after {} attempts: {}", job.login(),
                        job.checkRunId(), next.failedAttempts(), e.getMessage());
                return (complete, operations) -> operations.remove();
            }
            Duration wait = settings.backoff(next.failedAttempts(), e.retryAfter());
            return (complete, operations) -> operations.reschedule(complete, Instant.now().plus(wait), next);
        } catch (RuntimeException e) {
            meters.jobFailed(JobScheduler.ACCEPT_RISK_TASK);
            LOG.error("Could not record {}'s risk acceptance on check run {}", job.login(), job.checkRunId(), e);
            return (complete, operations) -> operations.remove();
        }
    }

    /** Completes the check run as neutral with the reason, so that a required check never hangs pending. */
    private CompletionHandler<ReviewJob> giveUp(ReviewJob job, ReviewRequests.Pending pending) {
        String key = job.pullRequest();
        String reason = "migration-review could not complete the review after " + job.failedAttempts()
                + " attempt(s): " + (job.lastError() == null ? "GitHub kept failing" : job.lastError());
        try {
            reviewer.get().giveUp(pending.target(), reason);
            requests.markDone(key, pending.generation(), "gave-up", reason);
            meters.jobFailed(JobScheduler.REVIEW_TASK);
            LOG.warn("Gave up reviewing {} at {}: {}", key, headName(pending.target()), reason);
            return newerOr(key, pending.generation(), remove());
        } catch (GitHubRetryException | RuntimeException e) {
            if (job.failedAttempts() < settings.maxAttempts() + GIVE_UP_ATTEMPTS) {
                ReviewJob next = new ReviewJob(key, job.failedAttempts() + 1, job.lastError());
                Duration wait = settings.backoff(next.failedAttempts(),
                        e instanceof GitHubRetryException retry ? retry.retryAfter() : null);
                return (complete, operations) -> operations.reschedule(complete, Instant.now().plus(wait), next);
            }
            requests.markDone(key, pending.generation(), "lost", reason + "; then the check run could not be completed: " + e.getMessage());
            meters.jobFailed(JobScheduler.REVIEW_TASK);
            LOG.error("Could not even mark the check run of {} as neutral; its check may stay pending", key, e);
            return newerOr(key, pending.generation(), remove());
        }
    }

    /** A push that arrived while this job ran is reviewed next, right away, in the same execution slot. */
    private CompletionHandler<ReviewJob> newerOr(String key, long generation, CompletionHandler<ReviewJob> otherwise) {
        boolean newer = requests.find(key).map(p -> p.generation() > generation).orElse(false);
        if (newer) {
            return (complete, operations) -> operations.reschedule(complete, Instant.now(), ReviewJob.fresh(key));
        }
        return otherwise;
    }

    private static CompletionHandler<ReviewJob> remove() {
        return (complete, operations) -> operations.remove();
    }

    private static String headName(PullRequestTarget target) {
        return target.headSha() == null ? "its current head" : target.headSha();
    }
}
