package dev.migrationreview.analysis;

/**
 * Session settings in force at a statement, as the file's own SET statements leave them.
 *
 * @param lockTimeout       {@code lock_timeout} value as written, or null when never set (or set to 0)
 * @param statementTimeout  {@code statement_timeout} value as written, or null
 * @param explicitTransaction inside an explicit BEGIN ... COMMIT written in the file
 */
public record SessionState(String lockTimeout, String statementTimeout, boolean explicitTransaction) {
    public static final SessionState INITIAL = new SessionState(null, null, false);
}
