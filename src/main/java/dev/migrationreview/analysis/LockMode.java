package dev.migrationreview.analysis;

/**
 * A table-level lock mode of one dialect, named as the database names it. What it blocks is derived
 * from the dialect's conflict table, never written by hand.
 */
public interface LockMode {
    /** The name as the database reports it ({@code AccessExclusiveLock} in {@code pg_locks.mode}). */
    String databaseName();

    /** What ordinary traffic this lock makes wait. */
    LockImpact impact();

    boolean conflictsWith(LockMode other);
}
