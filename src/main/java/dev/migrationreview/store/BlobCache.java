package dev.migrationreview.store;

import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Git blob content by SHA, for the GitHub reader. A blob SHA names its content for ever, so an
 * entry never needs invalidating, and a second push reads only the blobs that changed.
 */
@Singleton
public class BlobCache {
    private final Transactions transactions;

    public BlobCache(Transactions transactions) {
        this.transactions = transactions;
    }

    public Optional<byte[]> get(String sha) {
        return transactions.inTransaction("reading blob " + sha + " from the cache", connection -> {
            try (PreparedStatement select = connection.prepareStatement("select content from blob_cache where sha = ?")) {
                select.setString(1, sha);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    public void put(String sha, byte[] content) {
        try {
            transactions.inTransaction("caching blob " + sha, connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into blob_cache (sha, content) select ?, ? where not exists "
                                + "(select 1 from blob_cache where sha = ?)")) {
                    insert.setString(1, sha);
                    insert.setBytes(2, content);
                    insert.setString(3, sha);
                    return insert.executeUpdate();
                }
            });
        } catch (StoreException e) {
            // Another worker cached the same blob between the check and the insert: same content, fine.
            if (!(e.getCause() instanceof SQLException sql && DeliveryLog.isUniqueViolation(sql))) {
                throw e;
            }
        }
    }
}
