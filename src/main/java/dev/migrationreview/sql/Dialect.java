package dev.migrationreview.sql;

import java.util.List;
import java.util.Locale;

/** The SQL dialect a repository's migrations are written in. */
public enum Dialect {
    // the default version is the oldest release still supported upstream when the config names none (MySQL 8.0 reached its end of life in April 2026)
    POSTGRESQL("postgresql", List.of("postgres", "postgresql", "pg", "pgsql"), true, "14"),
    MYSQL("mysql", List.of("mysql"), false, "8.4"),
    MARIADB("mariadb", List.of("mariadb", "mysql"), false, "10.11");

    private final String configName;
    private final List<String> directoryNames;
    private final boolean multiStatementQueryIsOneTransaction;
    private final String defaultVersion;

    Dialect(String configName, List<String> directoryNames, boolean multiStatementQueryIsOneTransaction, String defaultVersion) {
        this.defaultVersion = defaultVersion;
        this.configName = configName;
        this.directoryNames = directoryNames;
        this.multiStatementQueryIsOneTransaction = multiStatementQueryIsOneTransaction;
    }

    /** The name used in config files and the report ({@code postgresql}). */
    public String configName() {
        return configName;
    }

    /**
     * Whether a directory or file-name part naming a database ({@code pg}, {@code mysql}) means this one:
     * repositories keep per-database variants side by side.
     */
    public boolean answersTo(String databaseName) {
        return directoryNames.contains(databaseName.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the server runs several statements sent as one query string as one implicit transaction
     * (PostgreSQL's simple-query protocol does, so {@code CREATE INDEX CONCURRENTLY} fails there; MySQL has no
     * such block, and its DDL commits anyway).
     */
    public boolean runsMultiStatementQueryAsOneTransaction() {
        return multiStatementQueryIsOneTransaction;
    }

    /** The version assumed when the config names none, as written ({@code 14}, {@code 8.0}). */
    public String defaultVersion() {
        return defaultVersion;
    }

    public static Dialect fromConfigName(String name) {
        for (Dialect d : values()) {
            if (d.configName.equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + name + "' (expected postgresql, mysql or mariadb)");
    }
}
