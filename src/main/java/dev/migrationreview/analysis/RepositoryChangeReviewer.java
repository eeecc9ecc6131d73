package dev.migrationreview.analysis;

import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.Risk;
import dev.migrationreview.format.DialectEvidence;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import dev.migrationreview.format.RecognisedScripts;
import dev.migrationreview.fetch.RepositoryFiles;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
            if (!configLoader.namesDialect(base)) {
                Optional<DialectEvidence> detected = finder.detectDialect(base, config);
                if (detected.isPresent() && detected.get().dialect() != config.dialect()) {
                    config = config.withDialect(detected.get().dialect());
                    notes.add("Detected " + detected.get().describe() + "; `dialect:` and `database-version:` in "
                            + CONFIG_PATHS.get(0) + " override it.");
                }
            }
        }

        Set<String> changed = new HashSet<>(changedPaths);
        // the head and the base hold mostly the same files: each is read by its format once for both; only the
        // change's files are judged (the engine reads transaction flags of changed scripts and of their base versions)
        RecognisedScripts recognised = RecognisedScripts.judging(changed);
        MigrationFinder.Found foundAtHead = finder.findWithSkipped(head, config, recognised);
        MigrationFinder.Found foundAtBase = finder.findWithSkipped(base, config, recognised);
        // each location (a monorepo's services, each with its own tool) is its own database: its change is judged
        // against its own history only, and the units' reports are merged in location order
        Map<String, List<MigrationScript>> baseByLocation = foundAtBase.byLocation();
        Map<String, List<MigrationScript>> headByLocation = foundAtHead.byLocation();
        Set<String> locations = new LinkedHashSet<>(baseByLocation.keySet());
        locations.addAll(headByLocation.keySet());
        List<Unit> units = new ArrayList<>();
        for (String location : locations) {
            Unit unit = unitOf(config, changed, baseByLocation.getOrDefault(location, List.of()),
                    headByLocation.getOrDefault(location, List.of()), notes);
            units.add(fromSchemaDump(config, unit, foundAtBase.schemaDumps().get(location), notes));
        }
        List<MigrationScript> changedScripts = units.stream().flatMap(u -> u.changed().stream()).toList();
        // a schema dump the change regenerates (db/structure.sql) is no unclaimed migration: say what it is instead
        Set<String> dumps = new HashSet<>();
        List.of(foundAtBase, foundAtHead).forEach(found -> found.schemaDumps().values().forEach(d -> dumps.add(d.script().path())));
        // a migration whose edit leaves what it sends to the database as it was (a Python type hint, a Ruby comment)
        // is claimed but reviews nothing: say that, rather than call it unclaimed
        Set<String> reviewedPaths = new HashSet<>(changedScripts.stream().map(MigrationScript::path).toList());
        Set<String> claimedAtHead = new HashSet<>(headByLocation.values().stream().flatMap(List::stream).map(MigrationScript::path).toList());
        List<String> sameDatabaseEffect = new ArrayList<>();
        List<String> changedMigrationCandidates = new ArrayList<>();
        for (String path : changedPaths) {
            if (claimedAtHead.contains(path) && !reviewedPaths.contains(path)) {
                sameDatabaseEffect.add(path);
            } else if (dumps.contains(path)) {
                notes.add(path + " is the schema dump the migrations regenerate: the review starts from it as it is at the base "
                        + "commit, and reviews the change's migrations themselves.");
            } else {
                changedMigrationCandidates.add(path);
            }
        }
        if (!sameDatabaseEffect.isEmpty()) {
            Collections.sort(sameDatabaseEffect);
            notes.add(String.join(", ", sameDatabaseEffect) + (sameDatabaseEffect.size() == 1 ? " was" : " were")
                    + " edited, but what " + (sameDatabaseEffect.size() == 1 ? "it sends" : "they send")
                    + " to the database is unchanged, so there is nothing in " + (sameDatabaseEffect.size() == 1 ? "it" : "them")
                    + " to review.");
        }
        notes.addAll(DetectionNotes.of(config, changedMigrationCandidates, changedScripts, foundAtBase.otherDatabase(),
                foundAtHead.otherDatabase()));

        Optional<String> schemaFile = Optional.empty();
        if (config.schemaFile() != null) {
            schemaFile = base.read(config.schemaFile());
            if (schemaFile.isEmpty()) {
                notes.add("schema-file " + config.schemaFile() + " does not exist at the base commit; the history starts "
                        + "from an empty database.");
            }
        }
        List<Unit> reviewed = units.stream().filter(u -> !u.changed().isEmpty()).toList();
        if (reviewed.isEmpty()) {
            // nothing changed in any location: one review reports the repository's history as before
            reviewed = List.of(Unit.joined(units));
        }
        List<Report> reports = new ArrayList<>();
        for (Unit unit : reviewed) {
            // schema-file describes the database every location starts from, so every unit replays it
            reports.add(EditedChangeSet.mark(engine.review(config, unit.history(), unit.changed(), schemaFile,
                    unit.appliedVersions()), unit.editedApplied()));
        }
        Report report = merged(reports);
        notes.addAll(report.notes());
        notes.addAll(readProblems(base, head, changed, foundAtBase.scripts(), changedScripts));
        return new Outcome(config, new Report(report.dialect(), report.databaseVersion(), report.risk(), report.files(), notes));
    }

    /**
     * One location's part of the change: its history at the base, its changed scripts at the head.
     *
     * @param notes receives a note for each migration the base already has that the change edits
     */
    private static Unit unitOf(ReviewConfig config, Set<String> changed, List<MigrationScript> atBase,
            List<MigrationScript> atHead, List<String> notes) {
        // a file that holds several migrations (a Liquibase changelog's changeSets) changes one unit at a time:
        // a unit the head has exactly as the base had it ran before and is history, not change
        Map<String, String> headUnits = new HashMap<>();
        for (MigrationScript script : atHead) {
            if (isUnit(script)) {
                headUnits.putIfAbsent(unit(script), script.appliedText());
            }
        }
        Set<String> unchangedUnits = new HashSet<>();
        Set<String> baseUnits = new HashSet<>();
        Set<String> editedNoted = new HashSet<>();
        List<MigrationScript> history = new ArrayList<>();
        // an edited SQL migration's base version stays in the history: databases ran that version, and only what the
        // edit adds or changes is the change (the engine compares the two, statement by statement)
        Map<String, MigrationScript> appliedVersions = new LinkedHashMap<>();
        for (MigrationScript script : atBase) {
            if (isUnit(script)) {
                baseUnits.add(unit(script));
            }
            if (!changed.contains(script.path())) {
                history.add(script);
            } else if (!isUnit(script)) {
                history.add(script);
                appliedVersions.put(script.path(), script);
                notes.add(script.path() + " already exists at the base commit and was edited: databases that already ran it "
                        + "will not run it again, so the edit only reaches new databases.");
            } else if (script.appliedText().equals(headUnits.get(unit(script)))) {
                unchangedUnits.add(unit(script));
                history.add(script);
            } else if (editedNoted.add(script.path() + " (" + script.version() + ")")) {
                notes.add(script.path() + " (" + script.version() + ")"
                        + " already exists at the base commit and was edited: databases that already ran it "
                        + "will not run it again, so the edit only reaches new databases.");
            }
        }
        List<MigrationScript> editedApplied = atHead.stream()
                .filter(s -> changed.contains(s.path()) && isUnit(s) && !unchangedUnits.contains(unit(s))
                        && baseUnits.contains(unit(s)) && EditedChangeSet.applies(s))
                .filter(s -> config.rules().get(EditedChangeSet.ID) == null || config.rules().get(EditedChangeSet.ID).enabled())
                .toList();
        List<MigrationScript> changedScripts = joinUnitsOfOneFile(atHead.stream()
                .filter(s -> changed.contains(s.path()) && !(isUnit(s) && unchangedUnits.contains(unit(s))))
                .toList());
        return new Unit(history, changedScripts, appliedVersions, editedApplied);
    }

    /**
     * A location whose tool keeps a schema dump (Rails' {@code db/schema.rb}) starts from the dump at the base instead
     * of replaying every migration: the dump is what the database is, whatever old migrations no longer replay.
     * Migrations the dump does not record yet (committed without dumping again) are replayed after it. A configured
     * {@code schema-file} wins: it is already the start of every location.
     */
    private static Unit fromSchemaDump(ReviewConfig config, Unit unit, MigrationFormat.SchemaDump dump, List<String> notes) {
        if (dump == null || config.schemaFile() != null) {
            return unit;
        }
        List<MigrationScript> history = new ArrayList<>();
        history.add(dump.script());
        int covered = 0;
        List<String> after = new ArrayList<>();
        for (MigrationScript script : unit.history()) {
            if (dump.covered().contains(script.path())) {
                covered++;
            } else {
                history.add(script);
                after.add(script.path());
            }
        }
        notes.add("Schema: " + dump.script().path() + " at the base commit stands for the " + covered
                + (covered == 1 ? " migration" : " migrations") + " it records"
                + (after.isEmpty() ? "" : "; " + after.size() + (after.size() == 1 ? " migration" : " migrations")
                        + " it does not record yet replayed after it, first " + after.get(0))
                + ".");
        return new Unit(history, unit.changed(), unit.appliedVersions(), unit.editedApplied());
    }

    /** The units' reports as one: files in location order, the highest risk, each note once. */
    private static Report merged(List<Report> reports) {
        Report first = reports.get(0);
        if (reports.size() == 1) {
            return first;
        }
        List<FileReport> files = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        Risk risk = Risk.NONE;
        for (Report r : reports) {
            files.addAll(r.files());
            notes.addAll(r.notes());
            risk = Risk.max(risk, r.risk());
        }
        return new Report(first.dialect(), first.databaseVersion(), risk, files, List.copyOf(notes));
    }

    /** One location's history and change, reviewed on its own. */
    private record Unit(List<MigrationScript> history, List<MigrationScript> changed,
            Map<String, MigrationScript> appliedVersions, List<MigrationScript> editedApplied) {
        static Unit joined(List<Unit> units) {
            List<MigrationScript> history = new ArrayList<>();
            List<MigrationScript> changed = new ArrayList<>();
            Map<String, MigrationScript> applied = new LinkedHashMap<>();
            List<MigrationScript> edited = new ArrayList<>();
            for (Unit u : units) {
                history.addAll(u.history());
                changed.addAll(u.changed());
                applied.putAll(u.appliedVersions());
                edited.addAll(u.editedApplied());
            }
            return new Unit(history, changed, applied, edited);
        }
    }

    /**
     * One of several migrations read from one file (a changelog's changeSet, formatted SQL's included), compared
     * unit by unit; a file that is one migration is compared statement by statement by the engine instead.
     */
    private static boolean isUnit(MigrationScript script) {
        return script.version() != null && (!script.isSql() || script.tool().configName().equals("liquibase"));
    }

    private static String unit(MigrationScript script) {
        return script.path() + "\u0000" + script.version();
    }

    /** Consecutive changed units of one file read into operations are reported as that one file. */
    private static List<MigrationScript> joinUnitsOfOneFile(List<MigrationScript> scripts) {
        List<MigrationScript> out = new ArrayList<>();
        for (MigrationScript s : scripts) {
            MigrationScript last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !last.isSql() && !s.isSql() && last.path().equals(s.path()) && last.tool().equals(s.tool())) {
                List<Operation> operations = new ArrayList<>(last.operations());
                operations.addAll(s.operations());
                out.set(out.size() - 1, MigrationScript.ofOperations(last.path(), last.tool(), last.version(), last.content(), operations)
                        .withConnection(last.connection()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * What could not be read as it is: every file read that was not UTF-8; an entry that is not a file (a
     * submodule, a name with a line break) when the change touches it or it sits beside migrations, where a
     * reader would expect it reviewed.
     */
    private static List<String> readProblems(RepositoryFiles base, RepositoryFiles head, Set<String> changed,
            List<MigrationScript> atBase, List<MigrationScript> atHead) {
        Set<String> migrationFolders = new HashSet<>();
        for (List<MigrationScript> scripts : List.of(atBase, atHead)) {
            scripts.forEach(s -> migrationFolders.add(folder(s.path())));
        }
        Set<String> out = new LinkedHashSet<>();
        for (RepositoryFiles files : List.of(base, head)) {
            for (RepositoryFiles.Problem p : files.problems()) {
                if (!p.notAFile() || changed.contains(p.path()) || migrationFolders.contains(folder(p.path()))) {
                    out.add(p.message());
                }
            }
        }
        return List.copyOf(out);
    }

    private static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
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
