package dev.migrationreview.format.rails;

import dev.migrationreview.sql.Dialect;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One database of a Rails application ({@code config/database.yml}), as the review needs it.
 *
 * @param name            {@code primary} for a two-tier file, else the entry's name
 * @param primary         the application's main database (named {@code primary}, or the first)
 * @param adapter         the adapter as written ({@code postgresql}, {@code trilogy}), lower case; null when the
 *                        file does not say it without its environment
 * @param unknownAdapter  when {@code adapter} is null: why, in words
 * @param where           {@code config/database.yml:12}: where the adapter is written
 * @param migrationsPaths its migration folders ({@code db/migrate} unless {@code migrations_paths} says others)
 * @param dumpsSchema     false when {@code schema_dump: false}
 * @param schemaDump      the schema file {@code schema_dump:} names, or null for Rails' default
 * @param variables       its {@code variables:}, which the adapter sets on every connection ({@code lock_timeout: 5s})
 */
public record RailsDatabase(String name, boolean primary, String adapter, String unknownAdapter, String where,
        List<String> migrationsPaths, boolean dumpsSchema, String schemaDump,
        List<dev.migrationreview.format.ConnectionSetting> variables) {
    public RailsDatabase {
        migrationsPaths = List.copyOf(migrationsPaths);
        variables = List.copyOf(variables);
    }

    /** A database whose connections set no variables. */
    public RailsDatabase(String name, boolean primary, String adapter, String unknownAdapter, String where,
            List<String> migrationsPaths, boolean dumpsSchema, String schemaDump) {
        this(name, primary, adapter, unknownAdapter, where, migrationsPaths, dumpsSchema, schemaDump, List.of());
    }

    /**
     * The dialect the adapter speaks: {@code postgresql} and {@code postgis} are PostgreSQL; {@code mysql2},
     * {@code trilogy} and {@code mysql} are MySQL, or MariaDB when the review is configured for MariaDB (the
     * adapter does not tell the two apart). Empty for an adapter of a database the review does not model
     * ({@code sqlite3}) or an unknown one.
     *
     * @param configured the review's configured dialect
     */
    public Optional<Dialect> dialect(Dialect configured) {
        if (adapter == null) {
            return Optional.empty();
        }
        return switch (adapter.toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres", "postgis" -> Optional.of(Dialect.POSTGRESQL);
            case "mysql2", "trilogy", "mysql" -> Optional.of(configured == Dialect.MARIADB ? Dialect.MARIADB : Dialect.MYSQL);
            default -> Optional.empty();
        };
    }

    /** The schema files Rails dumps for it under {@code db/}: {@code schema.rb} then {@code structure.sql}. */
    public List<String> schemaFiles() {
        if (!dumpsSchema) {
            return List.of();
        }
        if (schemaDump != null) {
            return List.of(schemaDump.contains("/") ? schemaDump : "db/" + schemaDump);
        }
        String prefix = primary ? "db/" : "db/" + name + "_";
        return List.of(prefix + "schema.rb", prefix + "structure.sql");
    }
}
