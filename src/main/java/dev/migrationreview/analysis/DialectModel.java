package dev.migrationreview.analysis;

import dev.migrationreview.sql.Dialect;

/**
 * One dialect's knowledge of what statements do to a live database (PostgreSQL now, MySQL later).
 * Version-aware: the answer depends on {@link StatementContext#databaseVersion()} and the schema.
 */
public interface DialectModel {
    Dialect dialect();

    StatementEffects effects(StatementContext context);
}
