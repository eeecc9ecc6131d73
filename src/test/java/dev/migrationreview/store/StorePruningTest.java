package dev.migrationreview.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrationreview.github.JdbcBlobCache;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The store stays bounded: deliveries older than the retention go (younger ones still de-duplicate),
 * cached blobs go by age and then least recently used first past the size limit. On the embedded H2
 * store and on PostgreSQL, through the same Flyway migrations the server runs.
 */
class StorePruningTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void prunesOnH2() throws Exception {
        try (HikariDataSource ds = store("jdbc:h2:file:" + dataDir.resolve("store") + ";WRITE_DELAY=0", "", "")) {
            pruneAndCheck(ds);
        }
    }

    @Test
    void prunesOnPostgresql() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "SKIPPED: PostgreSQL refuses to run as root; .ci/run runs the build as an unprivileged user");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
             HikariDataSource ds = store(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "")) {
            pruneAndCheck(ds);
        }
    }

    private void pruneAndCheck(HikariDataSource ds) throws SQLException {
        Transactions transactions = new Transactions(ds);
        DeliveryLog deliveries = new DeliveryLog();
        transactions.inTransaction("seeding", c -> {
            deliveries.record(c, "old-delivery", "pull_request", "opened", "queued");
            deliveries.record(c, "recent-delivery", "pull_request", "opened", "queued");
            return null;
        });
        setTime(ds, "update deliveries set received_at = ? where delivery_id = ?", NOW.minus(Duration.ofDays(15)), "old-delivery");
        setTime(ds, "update deliveries set received_at = ? where delivery_id = ?", NOW.minus(Duration.ofDays(13)), "recent-delivery");

        JdbcBlobCache blobs = new JdbcBlobCache(ds);
        String kb = "x".repeat(1000);
        for (String sha : List.of("stale", "lru", "used", "fresh")) {
            blobs.put(sha, kb);
        }
        setTime(ds, "update blob_cache set last_used_at = ? where sha = ?", NOW.minus(Duration.ofDays(31)), "stale");
        setTime(ds, "update blob_cache set last_used_at = ? where sha = ?", NOW.minus(Duration.ofDays(3)), "lru");
        setTime(ds, "update blob_cache set last_used_at = ? where sha = ?", NOW.minus(Duration.ofDays(2)), "used");
        setTime(ds, "update blob_cache set last_used_at = ? where sha = ?", NOW.minus(Duration.ofDays(1)), "fresh");
        // a read marks a blob used: "lru" becomes the most recently used and survives the size limit instead of "used"
        assertTrue(blobs.get("lru").isPresent());
        setTime(ds, "update blob_cache set last_used_at = ? where sha = ?", NOW.minus(Duration.ofHours(1)), "lru");

        StorePruning pruning = new StorePruning(transactions, Duration.ofDays(14), Duration.ofDays(30), 2500,
                Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
        StorePruning.Pruned pruned = pruning.prune();

        assertEquals(1, pruned.deliveries());
        assertEquals(List.of("recent-delivery"), keys(ds, "select delivery_id from deliveries order by 1"));
        boolean recordedAgain = transactions.inTransaction("redelivery", c -> deliveries.record(c, "recent-delivery",
                "pull_request", "opened", "queued"));
        assertFalse(recordedAgain, "a delivery within the retention is still recognised as a redelivery");
        assertEquals(2, pruned.blobs(), "the stale one by age, then the least recently used one by size");
        assertEquals(List.of("fresh", "lru"), keys(ds, "select sha from blob_cache order by 1"));
        assertEquals(2000, pruned.blobBytesLeft());
        assertEquals(Optional.empty(), blobs.get("used"));

        assertEquals(new StorePruning.Pruned(0, 0, 2000), pruning.prune(), "a second run has nothing to do");
    }

    private static HikariDataSource store(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        config.setMaximumPoolSize(2);
        HikariDataSource ds = new HikariDataSource(config);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }

    private static void setTime(HikariDataSource ds, String sql, Instant at, String key) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            s.setString(2, key);
            assertEquals(1, s.executeUpdate());
        }
    }

    private static List<String> keys(HikariDataSource ds, String sql) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }
}
