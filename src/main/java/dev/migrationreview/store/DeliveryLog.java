package dev.migrationreview.store;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Deliveries acted on, keyed by X-GitHub-Delivery: GitHub redelivers with the same id. */
@Singleton
public class DeliveryLog {

    /**
     * Records a delivery inside the caller's transaction. False when that delivery id is already
     * recorded. A concurrent copy racing this one fails on the unique key (SQLState 23505) and is
     * retried by {@link Transactions#inTransactionRetryingConflicts}, which then sees the winner's row.
     */
    public boolean record(Connection connection, String deliveryId, String event, String action, String outcome)
            throws SQLException {
        if (find(connection, deliveryId).isPresent()) {
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into deliveries (delivery_id, event, action, received_at, outcome) values (?, ?, ?, ?, ?)")) {
            insert.setString(1, deliveryId);
            insert.setString(2, event);
            // GitHub's action names are short; a longer one (signed, so from the app's own secret holder) is cut, not refused
            insert.setString(3, action == null || action.length() <= 60 ? action : action.substring(0, 60));
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setString(5, outcome);
            insert.executeUpdate();
            return true;
        }
    }

    public Optional<String> find(Connection connection, String deliveryId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select outcome from deliveries where delivery_id = ?")) {
            select.setString(1, deliveryId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    public long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select count(*) from deliveries");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** 23505 is the SQL standard's unique violation, used by both PostgreSQL and H2. */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
