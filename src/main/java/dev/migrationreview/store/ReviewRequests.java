package dev.migrationreview.store;

import dev.migrationreview.github.PullRequestTarget;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest review asked for per pull request, with a generation that grows with every request.
 * The review job works on whatever is latest when it runs, which is how a newer head SHA supersedes
 * an older one still queued; the generation tells a finished job whether something newer arrived.
 */
@Singleton
public class ReviewRequests {
    private final Transactions transactions;

    public ReviewRequests(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The latest requested target of one pull request and how far the reviews have got. */
    public record Pending(PullRequestTarget target, long generation, long doneGeneration) {
        public boolean outstanding() {
            return generation > doneGeneration;
        }
    }

    /** "owner/repo#number": the job instance id, one per pull request. */
    public static String key(PullRequestTarget target) {
        return target.owner() + "/" + target.repo() + "#" + target.number();
    }

    /**
     * Records a request inside the caller's transaction. Returns false when it adds nothing: the same
     * head is already queued or reviewed and the sender did not ask for a fresh review. A null head
     * SHA ("the current head", from a recheck comment) always counts as new.
     */
    public boolean request(Connection connection, PullRequestTarget target, boolean force) throws SQLException {
        String key = key(target);
        Optional<Pending> existing = find(connection, key);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (existing.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into review_requests (pull_request, installation_id, owner_login, repository_name, "
                            + "pr_number, head_sha, generation, done_generation, requested_at) "
                            + "values (?, ?, ?, ?, ?, ?, 1, 0, ?)")) {
                insert.setString(1, key);
                insert.setLong(2, target.installationId());
                insert.setString(3, target.owner());
                insert.setString(4, target.repo());
                insert.setInt(5, target.number());
                insert.setString(6, target.headSha());
                insert.setObject(7, now);
                insert.executeUpdate();
                return true;
            }
        }
        Pending pending = existing.get();
        if (!force && target.headSha() != null && Objects.equals(target.headSha(), pending.target().headSha())) {
            return false;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update review_requests set installation_id = ?, head_sha = ?, generation = generation + 1, "
                        + "requested_at = ? where pull_request = ?")) {
            update.setLong(1, target.installationId());
            update.setString(2, target.headSha());
            update.setObject(3, now);
            update.setString(4, key);
            update.executeUpdate();
        }
        return true;
    }

    public Optional<Pending> find(String key) {
        return transactions.inTransaction("reading the review request of " + key, connection -> find(connection, key));
    }

    public Optional<Pending> find(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select installation_id, owner_login, repository_name, pr_number, head_sha, generation, done_generation "
                        + "from review_requests where pull_request = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                PullRequestTarget target = new PullRequestTarget(rows.getLong(1), rows.getString(2), rows.getString(3),
                        rows.getInt(4), rows.getString(5));
                return Optional.of(new Pending(target, rows.getLong(6), rows.getLong(7)));
            }
        }
    }

    /** Marks every request up to {@code generation} as handled, with how it ended. */
    public void markDone(String key, long generation, String outcome) {
        markDone(key, generation, outcome, null);
    }

    /** As {@link #markDone(String, long, String)}, with why it failed ({@code error}; null when it did not). */
    public void markDone(String key, long generation, String outcome, String error) {
        transactions.inTransaction("recording the review of " + key, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update review_requests set done_generation = ?, done_at = ?, last_outcome = ?, last_error = ? "
                            + "where pull_request = ? and done_generation < ?")) {
                update.setLong(1, generation);
                update.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                update.setString(3, outcome);
                update.setString(4, error == null || error.length() <= 1000 ? error : error.substring(0, 997) + "...");
                update.setString(5, key);
                update.setLong(6, generation);
                return update.executeUpdate();
            }
        });
    }

    /** A pull request's latest request as the operator's status page shows it. */
    public record Recent(PullRequestTarget target, boolean outstanding, OffsetDateTime requestedAt, OffsetDateTime doneAt,
                         String outcome, String error) {
    }

    /** The most recently requested reviews, newest first. */
    public List<Recent> recent(int limit) {
        return transactions.inTransaction("listing recent reviews", connection -> {
            List<Recent> recent = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select installation_id, owner_login, repository_name, pr_number, head_sha, generation, done_generation, "
                            + "requested_at, done_at, last_outcome, last_error from review_requests "
                            + "order by requested_at desc")) {
                select.setMaxRows(limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        PullRequestTarget target = new PullRequestTarget(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getInt(4), rows.getString(5));
                        recent.add(new Recent(target, rows.getLong(6) > rows.getLong(7),
                                rows.getObject(8, OffsetDateTime.class), rows.getObject(9, OffsetDateTime.class),
                                rows.getString(10), rows.getString(11)));
                    }
                }
            }
            return recent;
        });
    }

    /** Pull requests with a request no job has finished yet. */
    public List<String> outstanding() {
        return transactions.inTransaction("listing outstanding reviews", connection -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select pull_request from review_requests where generation > done_generation");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        });
    }
}
