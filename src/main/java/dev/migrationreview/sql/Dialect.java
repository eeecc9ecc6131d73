package dev.migrationreview.sql;

import java.util.List;
import java.util.Locale;

/** The SQL dialect a repository's migrations are written in. */
public enum Dialect {
    POSTGRESQL("postgresql", List.of("postgres", "postgresql", "pg", "pgsql"), true),
    MYSQL("mysql", List.of("mysql"), false),
    MARIADB("mariadb", List.of("mariadb", "mysql"), false);

    private final String configName;
    private final List<String> directoryNames;
    private final boolean multiStatementQueryIsOneTransaction;

    Dialect(String configName, List<String> directoryNames, boolean multiStatementQueryIsOneTransaction) {
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

    public static Dialect fromConfigName(String name) {
        for (Dialect d : values()) {
            if (d.configName.equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + name + "' (expected postgresql, mysql or mariadb)");
    }
}
