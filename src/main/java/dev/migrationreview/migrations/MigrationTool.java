package dev.migrationreview.migrations;

/** The tools whose file layouts and transaction rules the engine knows. */
public enum MigrationTool {
    FLYWAY("flyway"),
    LIQUIBASE("liquibase"),
    GOLANG_MIGRATE("golang-migrate"),
    GOOSE("goose"),
    DBMATE("dbmate"),
    PRISMA("prisma"),
    DIESEL("diesel"),
    SQITCH("sqitch"),
    PLAIN("plain");

    private final String configName;

    MigrationTool(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static MigrationTool fromConfigName(String name) {
        for (MigrationTool t : values()) {
            if (t.configName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown migration tool '" + name
                + "' (expected flyway, liquibase, golang-migrate, goose, dbmate, prisma, diesel, sqitch or plain)");
    }
}
