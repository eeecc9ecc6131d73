package dev.migrationreview.tablestats;

/**
 * What production says about one table, as a {@code table-stats} file records it.
 *
 * @param table            {@code orders} for a table in {@code public}, else {@code schema.table}
 * @param rows             the planner's row estimate, or null when the table was never analysed
 * @param bytes            the table with its indexes and TOAST, or null when not known
 * @param writesPerSecond  rows inserted, updated and deleted per second since the statistics were reset, or null
 * @param hot              written to often enough that a queued lock on it stalls traffic at once
 */
public record TableStatistics(String table, Long rows, Long bytes, Double writesPerSecond, boolean hot) {
    public TableStatistics {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("a table needs a name");
        }
    }
}
