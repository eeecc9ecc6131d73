package dev.migrationreview.jobs;

import dev.migrationreview.github.GitHubRetryException;
import dev.migrationreview.github.PullRequestReviewer;
import dev.migrationreview.github.PullRequestTarget;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The GitHub side as the job layer sees it, for the job layer's own tests: records every call and
 * answers with scripted GitHubRetryExceptions. Active only when a test sets
 * migration-review.test.reviewer=recording (the end-to-end tests use the real reviewer against a
 * fake GitHub server instead).
 */
@Singleton
@Replaces(PullRequestReviewer.class)
@Requires(property = "migration-review.test.reviewer", value = "recording")
public class RecordingPullRequestReviewer implements PullRequestReviewer {

    public record Call(String method, PullRequestTarget target, String detail, Instant at) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Deque<GitHubRetryException> reviewFailures = new ArrayDeque<>();
    private final Deque<GitHubRetryException> giveUpFailures = new ArrayDeque<>();
    private volatile CountDownLatch gate;
    private volatile CountDownLatch entered;

    @Override
    public void review(PullRequestTarget target, String runKey) throws GitHubRetryException {
        record("review", target, null);
        CountDownLatch currentGate = gate;
        if (currentGate != null) {
            entered.countDown();
            try {
                currentGate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        GitHubRetryException failure;
        synchronized (this) {
            failure = reviewFailures.poll();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void giveUp(PullRequestTarget target, String runKey, String reason) throws GitHubRetryException {
        record("giveUp", target, reason);
        GitHubRetryException failure;
        synchronized (this) {
            failure = giveUpFailures.poll();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void acceptRisk(PullRequestTarget target, long checkRunId, String login) {
        record("acceptRisk", target, checkRunId + " " + login);
    }

    /** The next {@code times} reviews fail as GitHub's 502 would, asking for a retry after {@code retryAfter}. */
    public synchronized void failReviews(int times, Duration retryAfter) {
        for (int i = 0; i < times; i++) {
            reviewFailures.add(new GitHubRetryException("GitHub answered 502 Bad Gateway", retryAfter, null));
        }
    }

    /** Holds every review until {@link #release()}; returns a latch counted down when one is held. */
    public CountDownLatch holdReviews() {
        entered = new CountDownLatch(1);
        gate = new CountDownLatch(1);
        return entered;
    }

    public void release() {
        CountDownLatch currentGate = gate;
        gate = null;
        if (currentGate != null) {
            currentGate.countDown();
        }
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    public synchronized void reset() {
        calls.clear();
        reviewFailures.clear();
        giveUpFailures.clear();
        release();
    }

    private synchronized void record(String method, PullRequestTarget target, String detail) {
        calls.add(new Call(method, target, detail, Instant.now()));
    }
}
