package dev.migrationreview.sql;

/** The SQL dialect a repository's migrations are written in. */
public enum Dialect {
    POSTGRESQL("postgresql"),
    MYSQL("mysql"),
    MARIADB("mariadb");

    private final String configName;

    Dialect(String configName) {
        this.configName = configName;
    }

    /** The name used in config files and the report ({@code postgresql}). */
    public String configName() {
        return configName;
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
