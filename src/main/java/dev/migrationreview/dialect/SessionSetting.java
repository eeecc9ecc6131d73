package dev.migrationreview.dialect;

/** What a session setting means to a review, whatever the database calls it. */
public enum SessionSetting {
    /** How long a statement waits for a lock before it fails (PostgreSQL {@code lock_timeout}, MySQL {@code lock_wait_timeout}). */
    LOCK_TIMEOUT,
    /** How long a statement may run (PostgreSQL {@code statement_timeout}, MySQL {@code max_execution_time}). */
    STATEMENT_TIMEOUT
}
