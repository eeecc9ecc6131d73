package dev.migrationreview.tablestats;

import java.time.Instant;
import java.util.List;

/**
 * One read of a database's table statistics: what {@code migration-review table-stats} writes and what
 * config's {@code table-stats:} reads.
 *
 * @param generatedAt        when the statistics were read
 * @param serverVersion      the server's version as it reports it ({@code 16.4}), or null
 * @param hotWritesPerSecond the write rate at and above which a table was marked hot
 */
public record TableStatsSnapshot(Instant generatedAt, String serverVersion, double hotWritesPerSecond,
        List<TableStatistics> tables) {
    public TableStatsSnapshot {
        tables = List.copyOf(tables);
    }
}
