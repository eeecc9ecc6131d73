package dev.migrationreview.cli;

import dev.migrationreview.analysis.RepositoryChangeReviewer;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.dialect.InstalledDialects;
import dev.migrationreview.sql.Dialect;
import java.util.Optional;
import io.micronaut.context.annotation.Prototype;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code review}: the review the GitHub App would post, run on a local repository. */
@Prototype
final class ReviewCommand implements Callable<Integer> {
    static final String NAME = "review";
    static final String DESCRIPTION = "Reviews the migrations changed between the merge base of BASE and HEAD, "
            + "with the history and config as of the merge base.";

    private final ReportOptions report = new ReportOptions();

    private final OptionSpec repo = OptionSpec.builder("--repo").paramLabel("DIR").type(Path.class).defaultValue(".")
            .description("The git repository (default: the working directory).").build();

    private final OptionSpec base = OptionSpec.builder("--base").paramLabel("REF").type(String.class)
            .description("The branch the change goes into (default: origin/main, else main).").build();

    private final OptionSpec head = OptionSpec.builder("--head").paramLabel("REF").type(String.class).defaultValue("HEAD")
            .description("The change (default: ${DEFAULT-VALUE}).").build();

    private final OptionSpec dialect = OptionSpec.builder("--dialect").paramLabel("DIALECT").type(String.class)
            .description("postgresql, mysql or mariadb (overrides config and detection).").build();

    private final OptionSpec databaseVersion = OptionSpec.builder("--database-version").paramLabel("VERSION").type(String.class)
            .description("The production server's version, e.g. 16, 15.4 or 8.0.35 (overrides config).").build();

    final CommandSpec spec = report.addTo(Main.command(this, NAME, DESCRIPTION))
            .addOption(repo).addOption(base).addOption(head).addOption(dialect).addOption(databaseVersion);

    private final RepositoryChangeReviewer reviewer;
    private final ReviewEngine engine;
    private final ConfigLoader configLoader;

    ReviewCommand(RepositoryChangeReviewer reviewer, ReviewEngine engine, ConfigLoader configLoader) {
        this.reviewer = reviewer;
        this.engine = engine;
        this.configLoader = configLoader;
    }

    @Override
    public Integer call() throws IOException {
        Path repo = this.repo.getValue();
        String base = this.base.getValue();
        String head = this.head.getValue();
        // the refs resolved with the check that this is a repository, in one git process
        GitRepository git = new GitRepository(repo, base != null ? List.of(base, head) : List.of("origin/main", head));
        String baseCommit = baseCommit(git, repo, base);
        String headCommit = git.resolve(head).orElseThrow(() -> new InputException("--head " + head + ": no such commit in " + repo));
        String mergeBase = git.mergeBase(baseCommit, headCommit);
        List<String> changed = git.changedPaths(mergeBase, headCommit);
        Map<String, String> textByObject = new ConcurrentHashMap<>();
        try (GitRepositoryFiles baseFiles = new GitRepositoryFiles(git, mergeBase, textByObject);
             GitRepositoryFiles headFiles = new GitRepositoryFiles(git, headCommit, textByObject)) {
            Optional<ReviewConfig> config = report.explicitConfig(configLoader, baseFiles);
            if (dialect.getValue() != null || databaseVersion.getValue() != null) {
                config = Optional.of(overridden(config.isPresent() ? config.get() : configLoader.load(baseFiles)));
            }
            RepositoryChangeReviewer.Outcome outcome = reviewer.reviewWith(baseFiles, headFiles, changed, config);
            return report.print(outcome.report(), outcome.config(), engine.rules(), spec.commandLine().getOut());
        }
    }

    /** The config with {@code --dialect} and {@code --database-version} over it, each checked as config is. */
    private ReviewConfig overridden(ReviewConfig c) {
        String dialect = this.dialect.getValue();
        String databaseVersion = this.databaseVersion.getValue();
        ReviewConfig out = c;
        if (dialect != null) {
            try {
                out = out.withDialect(Dialect.fromConfigName(dialect));
            } catch (IllegalArgumentException e) {
                throw new InputException("--dialect: " + e.getMessage());
            }
        }
        if (databaseVersion != null) {
            try {
                out = out.withVersion(DatabaseVersion.parse(databaseVersion));
            } catch (IllegalArgumentException e) {
                throw new InputException("--database-version: " + e.getMessage());
            }
        }
        String problem = InstalledDialects.versionProblem(out.dialect(), out.version());
        if (problem != null) {
            throw new InputException("--database-version: " + problem);
        }
        return out;
    }

    private static String baseCommit(GitRepository git, Path repo, String base) {
        if (base != null) {
            return git.resolve(base).orElseThrow(() -> new InputException("--base " + base + ": no such commit in " + repo));
        }
        return git.resolve("origin/main").or(() -> git.resolve("main")).orElseThrow(() -> new InputException(
                "no --base given and neither origin/main nor main exists in " + repo + "; pass --base <branch>"));
    }
}
