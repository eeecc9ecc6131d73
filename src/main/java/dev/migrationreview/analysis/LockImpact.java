package dev.migrationreview.analysis;

/** What a held lock makes wait, in the words a reviewer uses. Ordinal order is severity order. */
public enum LockImpact {
    NOTHING("nothing"),
    SCHEMA_CHANGES("schema changes and maintenance only"),
    WRITES("writes (INSERT, UPDATE, DELETE); reads continue"),
    READS_AND_WRITES("reads and writes");

    private final String description;

    LockImpact(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
