package dev.migrationreview.analysis;

import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.report.Report;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reviews a change between two commits: config and history from the base (a pull request cannot
 * silence its own check), the changed migrations from the head, in the tool's order.
 */
@Singleton
public class RepositoryChangeReviewer implements ChangeReviewer {
    static final List<String> CONFIG_PATHS = List.of(".github/migration-review.yml", ".migration-review.yml");

    private final ConfigLoader configLoader;
    private final MigrationFinder finder;
    private final ReviewEngine engine;

    public RepositoryChangeReviewer(ConfigLoader configLoader, MigrationFinder finder, ReviewEngine engine) {
        this.configLoader = configLoader;
        this.finder = finder;
        this.engine = engine;
    }

    @Override
    public Report review(RepositoryFiles base, RepositoryFiles head, List<String> changedPaths) throws IOException {
        return reviewWith(base, head, changedPaths, Optional.empty()).report();
    }

    /**
     * The same review with the config it used (the CLI needs {@code fail-on} for its exit code).
     *
     * @param configOverride a config to use instead of the base's (the CLI's {@code --config})
     */
    public Outcome reviewWith(RepositoryFiles base, RepositoryFiles head, List<String> changedPaths,
            Optional<ReviewConfig> configOverride) throws IOException {
        List<String> notes = new ArrayList<>();
        ReviewConfig config;
        if (configOverride.isPresent()) {
            config = configOverride.get();
        } else {
            config = configLoader.load(base);
            notes.add(configSource(base));
        }

        Set<String> changed = new HashSet<>(changedPaths);
        List<MigrationScript> atBase = finder.find(base, config);
        // an edited migration's base version stays in the history: databases ran that version, and only what the
        // edit adds or changes is the change (the engine compares the two)
        List<MigrationScript> history = new ArrayList<>(atBase);
        Map<String, MigrationScript> appliedVersions = new LinkedHashMap<>();
        for (MigrationScript script : atBase) {
            if (changed.contains(script.path())) {
                appliedVersions.put(script.path(), script);
                notes.add(script.path() + " already exists at the base commit and was edited: databases that already ran it "
                        + "will not run it again, so the edit only reaches new databases.");
            }
        }
        List<MigrationScript> changedScripts = finder.find(head, config).stream()
                .filter(s -> changed.contains(s.path()))
                .toList();

        Optional<String> schemaFile = Optional.empty();
        if (config.schemaFile() != null) {
            schemaFile = base.read(config.schemaFile());
            if (schemaFile.isEmpty()) {
                notes.add("schema-file " + config.schemaFile() + " does not exist at the base commit; the history starts "
                        + "from an empty database.");
            }
        }
        Report report = engine.review(config, history, changedScripts, schemaFile, appliedVersions);
        notes.addAll(report.notes());
        return new Outcome(config, new Report(report.dialect(), report.databaseVersion(), report.risk(), report.files(), notes));
    }

    private static String configSource(RepositoryFiles base) throws IOException {
        for (String path : CONFIG_PATHS) {
            if (base.read(path).isPresent()) {
                return "Config read from " + path + " at the base commit.";
            }
        }
        return "No .github/migration-review.yml at the base commit: defaults apply.";
    }

    public record Outcome(ReviewConfig config, Report report) {}
}
