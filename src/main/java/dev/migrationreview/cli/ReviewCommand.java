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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code review}: the review the GitHub App would post, run on a local repository. */
@Prototype
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"Reviews the migrations changed between the merge base of BASE and HEAD, "
                + "with the history and config as of the merge base."})
final class ReviewCommand implements Callable<Integer> {

    @Mixin
    ReportOptions report;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The git repository (default: the working directory).")
    Path repo;

    @Option(names = "--base", paramLabel = "REF", description = "The branch the change goes into (default: origin/main, else main).")
    String base;

    @Option(names = "--head", paramLabel = "REF", defaultValue = "HEAD", description = "The change (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--dialect", paramLabel = "DIALECT", description = "postgresql, mysql or mariadb (overrides config and detection).")
    String dialect;

    @Option(names = "--database-version", paramLabel = "VERSION",
            description = "The production server's version, e.g. 16, 15.4 or 8.0.35 (overrides config).")
    String databaseVersion;

    @Spec
    CommandSpec spec;

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
        // the refs resolved with the check that this is a repository, in one git process
        GitRepository git = new GitRepository(repo, base != null ? List.of(base, head) : List.of("origin/main", head));
        String baseCommit = baseCommit(git);
        String headCommit = git.resolve(head).orElseThrow(() -> new InputException("--head " + head + ": no such commit in " + repo));
        String mergeBase = git.mergeBase(baseCommit, headCommit);
        List<String> changed = git.changedPaths(mergeBase, headCommit);
        Map<String, String> textByObject = new ConcurrentHashMap<>();
        try (GitRepositoryFiles baseFiles = new GitRepositoryFiles(git, mergeBase, textByObject);
             GitRepositoryFiles headFiles = new GitRepositoryFiles(git, headCommit, textByObject)) {
            Optional<ReviewConfig> config = report.explicitConfig(configLoader, baseFiles);
            if (dialect != null || databaseVersion != null) {
                config = Optional.of(overridden(config.isPresent() ? config.get() : configLoader.load(baseFiles)));
            }
            RepositoryChangeReviewer.Outcome outcome = reviewer.reviewWith(baseFiles, headFiles, changed, config);
            return report.print(outcome.report(), outcome.config(), engine.rules(), spec.commandLine().getOut());
        }
    }

    /** The config with {@code --dialect} and {@code --database-version} over it, each checked as config is. */
    private ReviewConfig overridden(ReviewConfig c) {
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

    private String baseCommit(GitRepository git) {
        if (base != null) {
            return git.resolve(base).orElseThrow(() -> new InputException("--base " + base + ": no such commit in " + repo));
        }
        return git.resolve("origin/main").or(() -> git.resolve("main")).orElseThrow(() -> new InputException(
                "no --base given and neither origin/main nor main exists in " + repo + "; pass --base <branch>"));
    }
}
