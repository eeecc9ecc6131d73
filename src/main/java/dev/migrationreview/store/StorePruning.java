package dev.migrationreview.store;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the store bounded. Deliveries are kept as long as de-duplication needs them (GitHub redelivers
 * a delivery, by hand or by its API, only for a few days; the default keeps two weeks); cached blobs go
 * when unused for max-age, then least recently used first until the cache is under max-size. Run by one
 * instance at a time, as a recurring job.
 */
@Singleton
public class StorePruning {
    private static final Logger LOG = LoggerFactory.getLogger(StorePruning.class);
    private static final int BATCH = 500;

    /** What one run removed. */
    public record Pruned(int deliveries, int blobs, long blobBytesLeft) {
    }

    private final Transactions transactions;
    private final Duration deliveryRetention;
    private final Duration blobMaxAge;
    private final long blobMaxBytes;
    private final Duration interval;
    private final Clock clock;

    public StorePruning(Transactions transactions,
                        @Value("${migration-review.store.delivery-retention:14d}") Duration deliveryRetention,
                        @Value("${migration-review.store.blob-cache.max-age:30d}") Duration blobMaxAge,
                        @Value("${migration-review.store.blob-cache.max-megabytes:512}") long blobMaxMegabytes,
                        @Value("${migration-review.store.prune-interval:1h}") Duration interval) {
        this(transactions, deliveryRetention, blobMaxAge, blobMaxMegabytes * 1024 * 1024, interval, Clock.systemUTC());
    }

    StorePruning(Transactions transactions, Duration deliveryRetention, Duration blobMaxAge, long blobMaxBytes,
                 Duration interval, Clock clock) {
        if (deliveryRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalStateException("migration-review.store.delivery-retention must be at least 1d (GitHub "
                    + "redelivers within days, and a delivery forgotten earlier would be acted on twice), got " + deliveryRetention);
        }
        if (blobMaxAge.isNegative() || blobMaxAge.isZero()) {
            throw new IllegalStateException("migration-review.store.blob-cache.max-age must be positive, got " + blobMaxAge);
        }
        if (blobMaxBytes < 0) {
            throw new IllegalStateException("migration-review.store.blob-cache.max-megabytes must not be negative");
        }
        this.transactions = transactions;
        this.deliveryRetention = deliveryRetention;
        this.blobMaxAge = blobMaxAge;
        this.blobMaxBytes = blobMaxBytes;
        this.interval = interval;
        this.clock = clock;
    }

    /** How often the recurring job runs (migration-review.store.prune-interval, default 1h). */
    public Duration interval() {
        return interval;
    }

    public Pruned prune() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int deliveries = deleteOlderThan("deliveries", "received_at", now.minus(deliveryRetention));
        int blobs = deleteOlderThan("blob_cache", "last_used_at", now.minus(blobMaxAge));
        List<String> overSize = transactions.inTransaction("finding the least recently used blobs", this::beyondSizeLimit);
        for (int from = 0; from < overSize.size(); from += BATCH) {
            List<String> batch = overSize.subList(from, Math.min(overSize.size(), from + BATCH));
            blobs += transactions.inTransaction("removing least recently used blobs", connection -> {
                int removed = 0;
                try (PreparedStatement delete = connection.prepareStatement("delete from blob_cache where sha = ?")) {
                    for (String sha : batch) {
                        delete.setString(1, sha);
                        removed += delete.executeUpdate();
                    }
                }
                return removed;
            });
        }
        long left = transactions.inTransaction("measuring the blob cache", connection -> {
            try (PreparedStatement sum = connection.prepareStatement("select coalesce(sum(size_bytes), 0) from blob_cache");
                 ResultSet rows = sum.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        if (deliveries > 0 || blobs > 0) {
            LOG.info("Pruned the store: {} deliveries older than {}, {} cached blobs; the blob cache holds {} bytes",
                    deliveries, deliveryRetention, blobs, left);
        }
        return new Pruned(deliveries, blobs, left);
    }

    /** Deletes in batches, so that a first run on a large table holds no long lock. */
    private int deleteOlderThan(String table, String column, OffsetDateTime cutoff) {
        int total = 0;
        while (true) {
            int removed = transactions.inTransaction("pruning " + table, connection -> {
                List<String> keys = new ArrayList<>();
                String key = table.equals("deliveries") ? "delivery_id" : "sha";
                try (PreparedStatement select = connection.prepareStatement(
                        "select " + key + " from " + table + " where " + column + " < ? order by " + column)) {
                    select.setMaxRows(BATCH);
                    select.setObject(1, cutoff);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            keys.add(rows.getString(1));
                        }
                    }
                }
                int count = 0;
                try (PreparedStatement delete = connection.prepareStatement(
                        "delete from " + table + " where " + key + " = ? and " + column + " < ?")) {
                    for (String k : keys) {
                        delete.setString(1, k);
                        delete.setObject(2, cutoff);
                        count += delete.executeUpdate();
                    }
                }
                return keys.isEmpty() ? -1 : count;
            });
            if (removed < 0) {
                return total;
            }
            total += removed;
        }
    }

    /** The blobs past the size limit, walking from the most recently used down. */
    private List<String> beyondSizeLimit(Connection connection) throws SQLException {
        List<String> beyond = new ArrayList<>();
        long kept = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "select sha, size_bytes from blob_cache order by last_used_at desc, sha")) {
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    kept += rows.getLong(2);
                    if (kept > blobMaxBytes) {
                        beyond.add(rows.getString(1));
                    }
                }
            }
        }
        return beyond;
    }
}
