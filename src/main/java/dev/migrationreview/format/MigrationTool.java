package dev.migrationreview.format;

import java.util.Locale;
import java.util.Objects;

/**
 * The name a migration tool goes by in config ({@code migrations[].tool}) and in the report
 * ({@code files[].tool}). Each {@link MigrationFormat} declares its own; the constants name the formats this
 * project ships with, for the code and tests that refer to them, and are not a list to extend: a new format
 * brings its own name.
 */
public record MigrationTool(String configName) {
    public static final MigrationTool FLYWAY = new MigrationTool("flyway");
    public static final MigrationTool LIQUIBASE = new MigrationTool("liquibase");
    public static final MigrationTool GOLANG_MIGRATE = new MigrationTool("golang-migrate");
    public static final MigrationTool GOOSE = new MigrationTool("goose");
    public static final MigrationTool DBMATE = new MigrationTool("dbmate");
    public static final MigrationTool PRISMA = new MigrationTool("prisma");
    public static final MigrationTool DIESEL = new MigrationTool("diesel");
    public static final MigrationTool SQITCH = new MigrationTool("sqitch");
    public static final MigrationTool PLAIN = new MigrationTool("plain");

    public MigrationTool {
        Objects.requireNonNull(configName, "configName");
        configName = configName.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return configName;
    }
}
