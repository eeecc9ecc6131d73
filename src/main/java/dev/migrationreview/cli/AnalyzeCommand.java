package dev.migrationreview.cli;

import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.report.Report;
import dev.migrationreview.sql.Dialect;
import io.micronaut.context.annotation.Prototype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code analyze FILE...}: reviews files given on the command line, with no repository needed. */
@Prototype
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Reviews migration files as one change, in the order given.")
final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    ReportOptions report;

    @Option(names = "--dialect", paramLabel = "DIALECT", description = "postgresql, mysql or mariadb (overrides config).")
    String dialect;

    @Option(names = "--database-version", paramLabel = "N", description = "The production server's major version (overrides config).")
    Integer databaseVersion;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "History to replay before the change (migrations or a pg_dump schema); not reported. Repeatable.")
    List<Path> schema = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The migration files to review, in the order they run.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    private final ReviewEngine engine;
    private final MigrationFinder finder;
    private final ConfigLoader configLoader;

    AnalyzeCommand(ReviewEngine engine, MigrationFinder finder, ConfigLoader configLoader) {
        this.engine = engine;
        this.finder = finder;
        this.configLoader = configLoader;
    }

    @Override
    public Integer call() {
        ReviewConfig config = overridden(report.explicitConfig(configLoader).orElseGet(this::workingDirectoryConfig));
        List<MigrationScript> history = new ArrayList<>();
        for (Path p : schema) {
            history.add(script(p, "--schema ", config));
        }
        List<MigrationScript> changed = new ArrayList<>();
        for (Path p : files) {
            changed.add(script(p, "", config));
        }
        Optional<String> schemaFile = Optional.empty();
        if (config.schemaFile() != null) {
            Path p = Path.of(config.schemaFile());
            if (!Files.isRegularFile(p)) {
                throw new InputException("schema-file: " + config.schemaFile() + ": no such file (paths are relative to the working directory)");
            }
            schemaFile = Optional.of(read(p, "schema-file: "));
        }
        Report result = engine.review(config, history, changed, schemaFile);
        return report.print(result, config, engine.rules(), spec.commandLine().getOut());
    }

    /** Without {@code --config}: the working directory's config file when there is one, else defaults. */
    private ReviewConfig workingDirectoryConfig() {
        for (String name : List.of(".github/migration-review.yml", ".migration-review.yml")) {
            Path p = Path.of(name);
            if (Files.isRegularFile(p)) {
                return configLoader.parse(name, read(p, ""));
            }
        }
        return ReviewConfig.defaults();
    }

    private ReviewConfig overridden(ReviewConfig c) {
        Dialect d = c.dialect();
        if (dialect != null) {
            try {
                d = Dialect.fromConfigName(dialect);
            } catch (IllegalArgumentException e) {
                throw new InputException("--dialect: " + e.getMessage());
            }
        }
        int version = c.databaseVersion();
        if (databaseVersion != null) {
            if (databaseVersion < 1) {
                throw new InputException("--database-version: " + databaseVersion + " is not a major version (for example 16)");
            }
            version = databaseVersion;
        }
        return new ReviewConfig(d, version, c.migrations(), c.schemaFile(), c.deploy(), c.failOn(), c.largeTableRows(),
                c.tables(), c.rules(), c.ignorePaths());
    }

    private MigrationScript script(Path path, String option, ReviewConfig config) {
        return finder.script(path.toString().replace('\\', '/'), read(path, option), null, config);
    }

    private static String read(Path path, String option) {
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new InputException(option + path + ": no such file");
        } catch (IOException e) {
            throw new InputException(option + path + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }
}
