package dev.migrationreview.github;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link BlobCache} in the app's store: table {@code blob_cache(sha, content, size_bytes, last_used_at)}, created by
 * the store's Flyway migrations; content as UTF-8 bytes. Shared by every instance on the same database. A read
 * refreshes {@code last_used_at} at most once an hour, which is all the store's pruning (least recently used
 * first) needs, without a write per read.
 */
public final class JdbcBlobCache implements BlobCache {
    private static final Duration TOUCH_AFTER = Duration.ofHours(1);

    private final DataSource dataSource;

    public JdbcBlobCache(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<String> get(String blobSha) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT content FROM blob_cache WHERE sha = ?")) {
            s.setString(1, blobSha);
            Optional<String> content;
            try (ResultSet rs = s.executeQuery()) {
                content = rs.next() ? Optional.of(new String(rs.getBytes(1), StandardCharsets.UTF_8)) : Optional.empty();
            }
            if (content.isPresent()) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                try (PreparedStatement touch = c.prepareStatement(
                        "UPDATE blob_cache SET last_used_at = ? WHERE sha = ? AND last_used_at < ?")) {
                    touch.setObject(1, now);
                    touch.setString(2, blobSha);
                    touch.setObject(3, now.minus(TOUCH_AFTER));
                    touch.executeUpdate();
                }
            }
            return content;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read blob " + blobSha + " from the store's blob_cache table: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String blobSha, String content) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO blob_cache (sha, content, size_bytes, last_used_at) VALUES (?, ?, ?, ?)")) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            s.setString(1, blobSha);
            s.setBytes(2, bytes);
            s.setLong(3, bytes.length);
            s.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            s.executeUpdate();
        } catch (SQLException e) {
            // another job (or instance) cached the same blob first: same SHA, same content
            if (isDuplicate(e)) {
                return;
            }
            throw new IllegalStateException("cannot store blob " + blobSha + " in the store's blob_cache table: " + e.getMessage(), e);
        }
    }

    /**
     * One transaction for the lot: with the store writing every commit to disk at once, 800 single inserts
     * cost more than fetching the blobs. If another job cached one of them meanwhile, falls back to one by one.
     */
    @Override
    public void putAll(Map<String, String> contentBySha) {
        if (contentBySha.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO blob_cache (sha, content, size_bytes, last_used_at) VALUES (?, ?, ?, ?)")) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                for (Map.Entry<String, String> blob : contentBySha.entrySet()) {
                    byte[] bytes = blob.getValue().getBytes(StandardCharsets.UTF_8);
                    s.setString(1, blob.getKey());
                    s.setBytes(2, bytes);
                    s.setLong(3, bytes.length);
                    s.setObject(4, now);
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!isDuplicate(e)) {
                    throw e;
                }
                contentBySha.forEach(this::put);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + contentBySha.size() + " blobs in the store's blob_cache table: "
                    + e.getMessage(), e);
        }
    }

    private static boolean isDuplicate(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (next.getSQLState() != null && next.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
