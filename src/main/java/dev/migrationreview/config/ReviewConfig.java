package dev.migrationreview.config;

import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.format.FormatSettings;
import dev.migrationreview.format.TransactionSetting;
import dev.migrationreview.sql.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A repository's {@code .github/migration-review.yml}, validated. Key names are a public contract
 * (docs/configuration.md).
 *
 * @param version          the production server's version as written ({@code 16}, {@code 15.4}, {@code 8.0.35})
 * @param migrations       configured migration locations; empty: detect from the repository layout
 * @param schemaFile       a pg_dump-style schema to start the history from, or null
 * @param largeTableRows   tables above this many rows are "large"
 * @param tables           what the repository cannot know about production, by table name as written in config
 * @param rules            per-rule overrides by rule id
 * @param ignorePaths      globs of files never reviewed
 * @param commentOn        the lowest risk the GitHub App posts as an inline comment (never below {@code low});
 *                         every finding is in the check run regardless
 * @param limits           how much one review may read and spend ({@code review-limits})
 */
public record ReviewConfig(
        Dialect dialect,
        DatabaseVersion version,
        List<MigrationLocation> migrations,
        String schemaFile,
        DeployStrategy deploy,
        Risk failOn,
        long largeTableRows,
        Map<String, TableFacts> tables,
        Map<String, RuleSetting> rules,
        List<String> ignorePaths,
        Risk commentOn,
        ReviewLimits limits) implements FormatSettings {

    public static final int DEFAULT_POSTGRES_VERSION = 14;
    public static final Risk DEFAULT_COMMENT_ON = Risk.LOW;
    public static final long DEFAULT_LARGE_TABLE_ROWS = 1_000_000L;

    public ReviewConfig {
        Objects.requireNonNull(version, "version");
        migrations = List.copyOf(migrations);
        tables = Map.copyOf(tables);
        rules = Map.copyOf(rules);
        ignorePaths = List.copyOf(ignorePaths);
        if (commentOn == null) {
            commentOn = DEFAULT_COMMENT_ON;
        }
        if (!commentOn.atLeast(Risk.LOW)) {
            throw new IllegalArgumentException("comment-on must be low or above, got " + commentOn.configName());
        }
        if (limits == null) {
            limits = ReviewLimits.DEFAULTS;
        }
    }

    /** Without {@code comment-on} and {@code review-limits}: their defaults. */
    public ReviewConfig(Dialect dialect, DatabaseVersion version, List<MigrationLocation> migrations, String schemaFile,
            DeployStrategy deploy, Risk failOn, long largeTableRows, Map<String, TableFacts> tables,
            Map<String, RuleSetting> rules, List<String> ignorePaths) {
        this(dialect, version, migrations, schemaFile, deploy, failOn, largeTableRows, tables, rules, ignorePaths,
                DEFAULT_COMMENT_ON, ReviewLimits.DEFAULTS);
    }

    /** A config with a major version only ({@code 16}), the default {@code comment-on} and {@code review-limits}. */
    public ReviewConfig(Dialect dialect, int databaseVersion, List<MigrationLocation> migrations, String schemaFile,
            DeployStrategy deploy, Risk failOn, long largeTableRows, Map<String, TableFacts> tables, Map<String, RuleSetting> rules,
            List<String> ignorePaths) {
        this(dialect, DatabaseVersion.of(databaseVersion), migrations, schemaFile, deploy, failOn, largeTableRows, tables, rules,
                ignorePaths, DEFAULT_COMMENT_ON, ReviewLimits.DEFAULTS);
    }

    /** A config with a major version only ({@code 16}) and {@code comment-on}; the default {@code review-limits}. */
    public ReviewConfig(Dialect dialect, int databaseVersion, List<MigrationLocation> migrations, String schemaFile,
            DeployStrategy deploy, Risk failOn, long largeTableRows, Map<String, TableFacts> tables, Map<String, RuleSetting> rules,
            List<String> ignorePaths, Risk commentOn) {
        this(dialect, DatabaseVersion.of(databaseVersion), migrations, schemaFile, deploy, failOn, largeTableRows, tables, rules,
                ignorePaths, commentOn, ReviewLimits.DEFAULTS);
    }

    /** A config with a major version only ({@code 16}) and {@code review-limits}; the default {@code comment-on}. */
    public ReviewConfig(Dialect dialect, int databaseVersion, List<MigrationLocation> migrations, String schemaFile,
            DeployStrategy deploy, Risk failOn, long largeTableRows, Map<String, TableFacts> tables, Map<String, RuleSetting> rules,
            List<String> ignorePaths, ReviewLimits limits) {
        this(dialect, DatabaseVersion.of(databaseVersion), migrations, schemaFile, deploy, failOn, largeTableRows, tables, rules,
                ignorePaths, DEFAULT_COMMENT_ON, limits);
    }

    /** The production server's major version ({@code 16}; {@code 8} for {@code 8.0.35}). */
    @Override
    public int databaseVersion() {
        return version.major();
    }

    /** The same config for another dialect, at that dialect's default version (a detected dialect: config named none). */
    public ReviewConfig withDialect(Dialect newDialect) {
        return new ReviewConfig(newDialect, DatabaseVersion.parse(newDialect.defaultVersion()), migrations, schemaFile, deploy, failOn,
                largeTableRows, tables, rules, ignorePaths, commentOn, limits);
    }

    /** The same config for another server version. */
    public ReviewConfig withVersion(DatabaseVersion newVersion) {
        return new ReviewConfig(dialect, newVersion, migrations, schemaFile, deploy, failOn, largeTableRows, tables, rules, ignorePaths,
                commentOn, limits);
    }

    /**
     * Bounds that keep one file or one review from holding a worker: beyond them a file is reported as too
     * large to review instead of being reviewed. The defaults are far above every real migration seen (the
     * largest in the project's corpus: 534 KB, 2,684 statements).
     *
     * @param fileBytes      a migration file larger than this is not read into the review
     * @param fileStatements statements of one file beyond this many are not reviewed
     * @param reviewSeconds  statements still unreviewed when a review has run this long are not reviewed
     */
    public record ReviewLimits(long fileBytes, int fileStatements, int reviewSeconds) {
        public static final ReviewLimits DEFAULTS = new ReviewLimits(10L * 1024 * 1024, 20_000, 120);
    }

    /** What applies when a repository has no config file. */
    public static ReviewConfig defaults() {
        return new ReviewConfig(Dialect.POSTGRESQL, DatabaseVersion.of(DEFAULT_POSTGRES_VERSION), List.of(), null, DeployStrategy.ROLLING,
                Risk.HIGH, DEFAULT_LARGE_TABLE_ROWS, Map.of(), Map.of(), List.of(), DEFAULT_COMMENT_ON, ReviewLimits.DEFAULTS);
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
