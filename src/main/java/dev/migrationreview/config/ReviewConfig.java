package dev.migrationreview.config;

import dev.migrationreview.analysis.Risk;
import dev.migrationreview.format.FormatSettings;
import dev.migrationreview.format.TransactionSetting;
import dev.migrationreview.sql.Dialect;
import java.util.List;
import java.util.Map;

/**
 * A repository's {@code .github/migration-review.yml}, validated. Key names are a public contract
 * (docs/configuration.md).
 *
 * @param databaseVersion  the production server's major version ({@code 16})
 * @param migrations       configured migration locations; empty: detect from the repository layout
 * @param schemaFile       a pg_dump-style schema to start the history from, or null
 * @param largeTableRows   tables above this many rows are "large"
 * @param tables           what the repository cannot know about production, by table name as written in config
 * @param rules            per-rule overrides by rule id
 * @param ignorePaths      globs of files never reviewed
 */
public record ReviewConfig(
        Dialect dialect,
        int databaseVersion,
        List<MigrationLocation> migrations,
        String schemaFile,
        DeployStrategy deploy,
        Risk failOn,
        long largeTableRows,
        Map<String, TableFacts> tables,
        Map<String, RuleSetting> rules,
        List<String> ignorePaths) implements FormatSettings {

    public static final int DEFAULT_POSTGRES_VERSION = 14;
    public static final long DEFAULT_LARGE_TABLE_ROWS = 1_000_000L;

    public ReviewConfig {
        migrations = List.copyOf(migrations);
        tables = Map.copyOf(tables);
        rules = Map.copyOf(rules);
        ignorePaths = List.copyOf(ignorePaths);
    }

    /** What applies when a repository has no config file. */
    public static ReviewConfig defaults() {
        return new ReviewConfig(Dialect.POSTGRESQL, DEFAULT_POSTGRES_VERSION, List.of(), null, DeployStrategy.ROLLING,
                Risk.HIGH, DEFAULT_LARGE_TABLE_ROWS, Map.of(), Map.of(), List.of());
    }

    /** @param tool the migration tool's config name ({@code flyway}); null: detect */
    /** @param transaction how the migrator runs each file's transaction ({@code migrations[].transaction}) */
    public record MigrationLocation(String path, String tool, TransactionSetting transaction) implements FormatSettings.Location {
        public MigrationLocation {
            transaction = transaction == null ? TransactionSetting.TOOL_DEFAULT : transaction;
        }

        public MigrationLocation(String path, String tool) {
            this(path, tool, TransactionSetting.TOOL_DEFAULT);
        }
    }

    /** @param rows row count in production, or null; @param bytes size on disk, or null */
    public record TableFacts(Long rows, Long bytes, boolean hot) {}

    /** @param enabled false for {@code off}; @param risk an overriding risk, or null */
    public record RuleSetting(boolean enabled, Risk risk) {}

    public enum DeployStrategy {
        ROLLING("rolling"),
        BLUE_GREEN("blue-green"),
        DOWNTIME_OK("downtime-ok");

        private final String configName;

        DeployStrategy(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }
}
