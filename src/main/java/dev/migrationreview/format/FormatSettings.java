package dev.migrationreview.format;

import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.sql.Dialect;
import java.util.List;

/**
 * What finding migrations needs from a repository's config ({@code dialect}, {@code database-version},
 * {@code migrations}, {@code ignore-paths}); the config implements it, so this package does not depend on it.
 */
public interface FormatSettings {
    Dialect dialect();

    /** The production server's major version. */
    int databaseVersion();

    /** The production server's version as written ({@code 8.0.35}): MySQL's minor and patch change what a statement does. */
    default DatabaseVersion version() {
        return DatabaseVersion.of(databaseVersion());
    }

    /** Configured locations, in config order; empty: detect from the layout. */
    List<? extends Location> migrations();

    List<String> ignorePaths();

    /** One {@code migrations:} entry: a directory or glob, and the tool's name, or null to detect. */
    interface Location {
        String path();

        String tool();

        /** How the migrator runs each file's transaction; {@code tool-default} unless config says otherwise. */
        default TransactionSetting transaction() {
            return TransactionSetting.TOOL_DEFAULT;
        }
    }
}
