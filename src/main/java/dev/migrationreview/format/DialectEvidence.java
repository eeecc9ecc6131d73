package dev.migrationreview.format;

import dev.migrationreview.sql.Dialect;

/**
 * Where a repository says which database its migrations run on, found when the config does not say it
 * ({@code dialect:} in config always wins).
 *
 * @param dialect the database it names
 * @param path    the file that says it ({@code prisma/migrations/migration_lock.toml})
 * @param setting what in that file says it, as written ({@code provider = "mysql"})
 */
public record DialectEvidence(Dialect dialect, String path, String setting) {

    /** For the report's notes: {@code dialect mysql, from prisma/migrations/migration_lock.toml (provider = "mysql")}. */
    public String describe() {
        return "dialect " + dialect.configName() + ", from " + path + " (" + setting + ")";
    }
}
