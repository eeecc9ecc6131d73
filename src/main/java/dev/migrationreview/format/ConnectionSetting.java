package dev.migrationreview.format;

/**
 * A session setting the migration tool's connection already has when a migration's first statement runs: Rails'
 * {@code variables:} of the database in {@code config/database.yml}, strong_migrations' {@code StrongMigrations.lock_timeout}.
 * The migration runs as if it had set it itself, so a rule asking for a {@code lock_timeout} finds it set.
 *
 * @param name   as the database names it ({@code lock_timeout}, {@code lock_wait_timeout})
 * @param value  as the server reads it ({@code 5s}, {@code 10})
 * @param source where it is written, as a reader finds it ({@code config/database.yml:14})
 */
public record ConnectionSetting(String name, String value, String source) {
}
