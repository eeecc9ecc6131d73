package dev.migrationreview.jobs;

import dev.migrationreview.github.PullRequestReviewer;
import dev.migrationreview.github.PullRequestTarget;
import dev.migrationreview.setup.ServerSettings;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The GitHub side for the crash test's server processes: writes each call to DATA_DIR/reviews.log and
 * takes as long as migration-review.test.review-time, so that the test can kill a process mid-review.
 */
@Singleton
@Replaces(PullRequestReviewer.class)
@Requires(property = "migration-review.test.reviewer", value = "slow")
public class SlowPullRequestReviewer implements PullRequestReviewer {
    public static final String LOG_FILE = "reviews.log";

    private final Path log;
    private final Duration reviewTime;

    public SlowPullRequestReviewer(ServerSettings settings, @Value("${migration-review.test.review-time:0s}") Duration reviewTime) {
        this.log = settings.dataDir().resolve(LOG_FILE);
        this.reviewTime = reviewTime;
    }

    @Override
    public void review(PullRequestTarget target, String runKey) {
        write("started " + ProcessHandle.current().pid() + " " + target.headSha());
        try {
            Thread.sleep(reviewTime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        write("completed " + ProcessHandle.current().pid() + " " + target.headSha());
    }

    @Override
    public void giveUp(PullRequestTarget target, String runKey, String reason) {
        write("gave-up " + ProcessHandle.current().pid() + " " + target.headSha());
    }

    @Override
    public void acceptRisk(PullRequestTarget target, long checkRunId, String login) {
        write("accepted " + ProcessHandle.current().pid() + " " + checkRunId);
    }

    private synchronized void write(String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
