package dev.migrationreview.jobs;

import dev.migrationreview.github.PullRequestTarget;

import java.io.Serializable;
import java.time.Instant;

/** The stored data of an "Accept risk" click: the run, who clicked, and failed attempts so far. */
public record AcceptRiskJob(long installationId, String owner, String repo, int number, String headSha,
                            long checkRunId, String login, int failedAttempts, Instant firstFailedAt) implements Serializable {

    public static AcceptRiskJob of(PullRequestTarget target, long checkRunId, String login) {
        return new AcceptRiskJob(target.installationId(), target.owner(), target.repo(), target.number(),
                target.headSha(), checkRunId, login, 0, null);
    }

    public PullRequestTarget target() {
        return new PullRequestTarget(installationId, owner, repo, number, headSha);
    }

    public AcceptRiskJob failedOnceMore() {
        return new AcceptRiskJob(installationId, owner, repo, number, headSha, checkRunId, login, failedAttempts + 1,
                firstFailedAt == null ? Instant.now() : firstFailedAt);
    }
}
