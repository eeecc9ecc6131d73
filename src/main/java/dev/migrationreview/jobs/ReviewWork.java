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
    /** Extra attempts at completing the check run once the review itself was given up. */
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
        if (job.giveUpAttempts() > 0
                || (job.failedAttempts() > 0 && settings.exhausted(job.failedAttempts(), job.firstFailedAt(), Instant.now()))) {
            return giveUp(job, pending);
        }
        long started = System.nanoTime();
        try {
            reviewer.get().review(target, runKey(key, pending));
            meters.reviewDuration(Duration.ofNanos(System.nanoTime() - started), "published");
            requests.markDone(key, pending.generation(), "reviewed");
            LOG.info("Reviewed {} at {}", key, headName(target));
            return newerOr(key, pending.generation(), remove());
        } catch (GitHubRetryException e) {
            meters.reviewDuration(Duration.ofNanos(System.nanoTime() - started), "retry");
            meters.jobRetried(JobScheduler.REVIEW_TASK);
            ReviewJob next = job.failedOnceMore(e.getMessage(), Instant.now());
            if (settings.exhausted(next.failedAttempts(), next.firstFailedAt(), Instant.now())) {
                return giveUp(next, pending);
            }
            Duration wait = settings.backoff(next.failedAttempts(), e.retryAfter());
            LOG.info("GitHub asked to retry the review of {} ({}); attempt {} in {}, retrying until {}", key, e.getMessage(),
                    next.failedAttempts() + 1, wait, next.firstFailedAt().plus(settings.retryFor()));
            return newerOr(key, pending.generation(), (complete, operations) ->
                    operations.reschedule(complete, Instant.now().plus(wait), next));
        } catch (RuntimeException e) {
            // A bug or an unreadable pull request: retrying will not help, but the check must not hang.
            meters.reviewDuration(Duration.ofNanos(System.nanoTime() - started), "error");
            LOG.error("The review of {} at {} failed", key, headName(target), e);
            return giveUp(job.failedOnceMore("the review failed: " + e, Instant.now()), pending);
        }
    }

    /** The check run's external id: one per review request, the same for all its retries. */
    static String runKey(String key, ReviewRequests.Pending pending) {
        return key + "@" + pending.generation();
    }

    public CompletionHandler<AcceptRiskJob> acceptRisk(AcceptRiskJob job) {
        try {
            reviewer.get().acceptRisk(job.target(), job.checkRunId(), job.login());
            LOG.info("Handled {}'s Accept risk on check run {} of {}/{} (accepted only with write access)", job.login(),
                    job.checkRunId(), job.owner(), job.repo());
            return (complete, operations) -> operations.remove();
        } catch (GitHubRetryException e) {
            meters.jobRetried(JobScheduler.ACCEPT_RISK_TASK);
            AcceptRiskJob next = job.failedOnceMore();
            if (settings.exhausted(next.failedAttempts(), next.firstFailedAt(), Instant.now())) {
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

    /**
     * Completes the check run as the on-review-error policy says (failure by default), with the reason and
     * how to re-run: a required check must neither hang pending nor pass a review that never happened.
     */
    private CompletionHandler<ReviewJob> giveUp(ReviewJob job, ReviewRequests.Pending pending) {
        String key = job.pullRequest();
        String reason = "migration-review could not complete the review after " + job.failedAttempts() + " attempt(s)"
                + (job.firstFailedAt() == null ? "" : " over " + Duration.between(job.firstFailedAt(), Instant.now()).toMinutes() + " min")
                + ": " + (job.lastError() == null ? "GitHub kept failing" : job.lastError());
        try {
            reviewer.get().giveUp(pending.target(), runKey(key, pending), reason);
            requests.markDone(key, pending.generation(), "gave-up", reason);
            meters.jobFailed(JobScheduler.REVIEW_TASK);
            LOG.warn("Gave up reviewing {} at {}: {}", key, headName(pending.target()), reason);
            return newerOr(key, pending.generation(), remove());
        } catch (GitHubRetryException | RuntimeException e) {
            if (job.giveUpAttempts() < GIVE_UP_ATTEMPTS) {
                ReviewJob next = job.giveUpFailedOnceMore();
                Duration wait = settings.backoff(job.failedAttempts(),
                        e instanceof GitHubRetryException retry ? retry.retryAfter() : null);
                return (complete, operations) -> operations.reschedule(complete, Instant.now().plus(wait), next);
            }
            requests.markDone(key, pending.generation(), "lost", reason + "; then the check run could not be completed: " + e.getMessage());
            meters.jobFailed(JobScheduler.REVIEW_TASK);
            LOG.error("Could not even complete the check run of {} after giving up; its check stays pending (which blocks a required check)", key, e);
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
