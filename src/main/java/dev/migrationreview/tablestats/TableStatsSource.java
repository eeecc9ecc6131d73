package dev.migrationreview.tablestats;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads table statistics from one kind of database's catalogue. One bean per dialect; the command picks
 * the one that accepts the JDBC URL.
 */
public interface TableStatsSource {
    /** Whether this source reads databases reached by {@code jdbcUrl} ({@code jdbc:postgresql:...}). */
    boolean accepts(String jdbcUrl);

    /**
     * Makes the session unable to change anything and quick to give up, before anything is read: the
     * command runs against production.
     */
    void makeReadOnly(Connection connection) throws SQLException;

    /** Reads every user table's size and write rate; tables written at {@code hotWritesPerSecond} or more are hot. */
    TableStatsSnapshot read(Connection connection, double hotWritesPerSecond) throws SQLException;
}
