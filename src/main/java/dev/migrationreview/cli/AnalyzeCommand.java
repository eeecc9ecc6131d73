package dev.migrationreview.cli;

import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.dialect.InstalledDialects;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.fetch.Utf8Source;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code analyze FILE...}: reviews files given on the command line, with no repository needed. */
@Prototype
final class AnalyzeCommand implements Callable<Integer> {
    static final String NAME = "analyze";
    static final String DESCRIPTION = "Reviews migration files as one change, in the order given.";

    private final ReportOptions report = new ReportOptions();

    private final OptionSpec dialect = OptionSpec.builder("--dialect").paramLabel("DIALECT").type(String.class)
            .description("postgresql, mysql or mariadb (overrides config).").build();

    private final OptionSpec databaseVersion = OptionSpec.builder("--database-version").paramLabel("VERSION").type(String.class)
            .description("The production server's version, e.g. 16, 15.4 or 8.0.35 (overrides config).").build();

    private final OptionSpec schema = OptionSpec.builder("--schema").paramLabel("FILE").type(List.class).auxiliaryTypes(Path.class)
            .description("History to replay before the change (migrations or a pg_dump schema); not reported. Repeatable.").build();

    private final PositionalParamSpec files = PositionalParamSpec.builder().paramLabel("FILE").arity("1..*").required(true)
            .type(List.class).auxiliaryTypes(Path.class)
            .description("The migration files to review, in the order they run.").build();

    final CommandSpec spec = report.addTo(Main.command(this, NAME, DESCRIPTION))
            .addOption(dialect).addOption(databaseVersion).addOption(schema).addPositional(files);

    private final List<String> readProblems = new ArrayList<>();
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
        List<Path> schema = this.schema.getValue();
        for (Path p : schema == null ? List.<Path>of() : schema) {
            history.add(script(p, "--schema ", config));
        }
        List<MigrationScript> changed = new ArrayList<>();
        for (Path p : files.<List<Path>>getValue()) {
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
        Report reviewed = engine.review(config, history, changed, schemaFile);
        List<String> notes = new ArrayList<>(reviewed.notes());
        notes.addAll(readProblems);
        Report result = new Report(reviewed.dialect(), reviewed.databaseVersion(), reviewed.risk(), reviewed.files(), notes);
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
        String dialect = this.dialect.getValue();
        String databaseVersion = this.databaseVersion.getValue();
        Dialect d = c.dialect();
        if (dialect != null) {
            try {
                d = Dialect.fromConfigName(dialect);
            } catch (IllegalArgumentException e) {
                throw new InputException("--dialect: " + e.getMessage());
            }
        }
        DatabaseVersion version = c.version();
        if (databaseVersion != null) {
            try {
                version = DatabaseVersion.parse(databaseVersion);
            } catch (IllegalArgumentException e) {
                throw new InputException("--database-version: " + e.getMessage());
            }
        } else if (d != c.dialect()) {
            version = DatabaseVersion.parse(d.defaultVersion());
        }
        String problem = InstalledDialects.versionProblem(d, version);
        if (problem != null) {
            throw new InputException("--database-version: " + problem);
        }
        return new ReviewConfig(d, version, c.migrations(), c.schemaFile(), c.deploy(), c.failOn(), c.largeTableRows(),
                c.tables(), c.rules(), c.ignorePaths(), c.commentOn(), c.limits());
    }

    private MigrationScript script(Path path, String option, ReviewConfig config) {
        return finder.script(path.toString().replace('\\', '/'), read(path, option), null, config);
    }

    /** Read as every file is read ({@link Utf8Source}): bytes that are not UTF-8 are a note, as in {@code review}. */
    private String read(Path path, String option) {
        try {
            Utf8Source source = Utf8Source.decode(path.toString().replace('\\', '/'), Files.readAllBytes(path));
            source.problem().filter(p -> !readProblems.contains(p)).ifPresent(readProblems::add);
            return source.text();
        } catch (NoSuchFileException e) {
            throw new InputException(option + path + ": no such file");
        } catch (IOException e) {
            throw new InputException(option + path + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }
}
