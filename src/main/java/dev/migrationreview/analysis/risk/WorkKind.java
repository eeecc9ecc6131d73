package dev.migrationreview.analysis.risk;

/**
 * Work whose duration grows with the table, with the throughput the estimates assume (docs/risk.md).
 * Deliberately conservative figures for a busy production server with a cold cache: real servers are
 * often faster, rarely much slower, and an order of magnitude is all the message claims.
 */
public enum WorkKind {
    /** A full read under the lock: constraint validation, SET NOT NULL. */
    SCAN("a full scan", 1_000_000, 200L << 20),
    /** New storage for the table and every index on it. */
    REWRITE("a rewrite of the table and its indexes", 100_000, 30L << 20),
    /** Reading the table and sorting it into a new index. */
    INDEX_BUILD("an index build", 250_000, 50L << 20),
    /** Updating or deleting every row in one statement (new row versions, WAL, index entries). */
    ROW_CHANGES("changing every row", 20_000, 5L << 20);

    private final String description;
    private final long rowsPerSecond;
    private final long bytesPerSecond;

    WorkKind(String description, long rowsPerSecond, long bytesPerSecond) {
        this.description = description;
        this.rowsPerSecond = rowsPerSecond;
        this.bytesPerSecond = bytesPerSecond;
    }

    public String description() {
        return description;
    }

    public long rowsPerSecond() {
        return rowsPerSecond;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }
}
