package dev.migrationreview.jobs;

import dev.migrationreview.github.PullRequestTarget;
import dev.migrationreview.store.ReviewRequests;
import dev.migrationreview.store.Transactions;
import dev.migrationreview.webhook.WebhookFixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job layer against the real scheduler and store, with the GitHub side recording and failing on cue. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewJobsTest implements TestPropertyProvider {

    @Inject
    JobScheduler jobs;
    @Inject
    ReviewRequests requests;
    @Inject
    Transactions transactions;
    @Inject
    RecordingPullRequestReviewer reviewer;
    @Inject
    DataSource dataSource;

    private int pullRequestNumber = 100;

    @Override
    public Map<String, String> getProperties() {
        return Map.ofEntries(
                Map.entry("micronaut.server.port", "-1"),
                Map.entry("migration-review.data-dir", TemporaryDataDir.create("migration-review-jobs-test").toString()),
                Map.entry("migration-review.github.app-id", "29310"),
                Map.entry("migration-review.github.private-key", WebhookFixtures.privateKeyPem()),
                Map.entry("migration-review.github.webhook-secret", "secret"),
                Map.entry("migration-review.test.reviewer", "recording"),
                Map.entry("migration-review.jobs.max-attempts", "3"),
                Map.entry("migration-review.jobs.initial-backoff", "100ms"),
                Map.entry("migration-review.jobs.max-backoff", "400ms"),
                Map.entry("migration-review.jobs.polling-interval", "100ms"));
    }

    @BeforeEach
    void clean() throws SQLException {
        reviewer.reset();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from review_requests");
        }
        pullRequestNumber++;
    }

    @Test
    void githubFailuresAreRetriedUntilTheReviewLands() {
        reviewer.failReviews(2, null);

        PullRequestTarget target = request("a1", false);

        Eventually.await(Duration.ofSeconds(20), "three review attempts", () -> reviewer.calls("review").size() == 3,
                reviewer::calls);
        sleep(500);
        assertEquals(3, reviewer.calls("review").size());
        assertEquals(List.of(), reviewer.calls("giveUp"), "the third attempt succeeded");
        assertEquals(target, reviewer.calls("review").get(2).target());
        assertEquals(0, requests.find(ReviewRequests.key(target)).map(p -> p.generation() - p.doneGeneration()).orElseThrow());
        List<RecordingPullRequestReviewer.Call> calls = reviewer.calls("review");
        Duration firstWait = Duration.between(calls.get(0).at(), calls.get(1).at());
        Duration secondWait = Duration.between(calls.get(1).at(), calls.get(2).at());
        assertTrue(firstWait.toMillis() >= 100, "backs off at least initial-backoff: " + firstWait);
        assertTrue(secondWait.toMillis() >= 200, "the second wait doubles: " + secondWait);
    }

    @Test
    void githubsRetryAfterIsHonoured() {
        reviewer.failReviews(1, Duration.ofMillis(1500));

        request("b1", false);

        Eventually.await(Duration.ofSeconds(20), "the retry", () -> reviewer.calls("review").size() == 2, reviewer::calls);
        List<RecordingPullRequestReviewer.Call> calls = reviewer.calls("review");
        Duration wait = Duration.between(calls.get(0).at(), calls.get(1).at());
        assertTrue(wait.toMillis() >= 1500, "waited for retry-after, not the 100 ms backoff: " + wait);
    }

    @Test
    void afterTheLastRetryTheCheckIsCompletedWithTheReason() {
        reviewer.failReviews(3, null);

        PullRequestTarget target = request("c1", false);

        Eventually.await(Duration.ofSeconds(20), "giving up", () -> !reviewer.calls("giveUp").isEmpty(), reviewer::calls);
        assertEquals(3, reviewer.calls("review").size());
        RecordingPullRequestReviewer.Call giveUp = reviewer.calls("giveUp").get(0);
        assertEquals(target, giveUp.target());
        assertTrue(giveUp.detail().contains("3 attempt") && giveUp.detail().contains("502"), giveUp.detail());
    }

    @Test
    void aNewerHeadSupersedesOneStillQueued() throws InterruptedException {
        CountDownLatch held = reviewer.holdReviews();
        request("d1", false);
        assertTrue(held.await(20, TimeUnit.SECONDS), "first review started");

        // Two pushes while the first review runs: only the newest is reviewed next.
        request("d2", false);
        request("d3", false);
        reviewer.release();

        Eventually.await(Duration.ofSeconds(20), "the review of the newest head",
                () -> reviewer.calls("review").size() == 2, reviewer::calls);
        sleep(800);
        assertEquals(List.of("d1", "d3"), reviewer.calls("review").stream().map(call -> call.target().headSha()).toList());
    }

    @Test
    void theSameHeadIsNotReviewedTwiceUnlessAskedTo() {
        request("e1", false);
        Eventually.await(Duration.ofSeconds(20), "the review", () -> reviewer.calls("review").size() == 1, reviewer::calls);

        request("e1", false);
        sleep(800);
        assertEquals(1, reviewer.calls("review").size(), "same (repository, pull request, head): no second review");

        request("e1", true);
        Eventually.await(Duration.ofSeconds(20), "the re-run", () -> reviewer.calls("review").size() == 2, reviewer::calls);
    }

    private PullRequestTarget request(String headSha, boolean force) {
        PullRequestTarget target = new PullRequestTarget(42, "octo", "shop", pullRequestNumber, headSha);
        boolean added = transactions.inTransaction("test request", connection -> requests.request(connection, target, force));
        if (added) {
            jobs.scheduleReview(ReviewRequests.key(target));
        }
        return target;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
