package dev.migrationreview.analysis;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.PathGlob;
import dev.migrationreview.format.PathNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Nothing about detection is silent: what a change touches that looks like a migration but that no format claimed,
 * the files left out because they are written for another database, and a change without any migration, each
 * said in words with what would change it.
 */
final class DetectionNotes {
    private static final Pattern RAILS = Pattern.compile("(?:.*/)?db/migrate/[^/]+\\.rb");
    private static final Pattern DJANGO = Pattern.compile("(?:.*/)?migrations/(?!__init__\\.py$)[^/]+\\.py");
    private static final int LISTED = 5;

    private DetectionNotes() {}

    static List<String> of(ReviewConfig config, List<String> changedPaths, List<MigrationScript> changedScripts,
            List<String> otherDatabaseAtBase, List<String> otherDatabaseAtHead) {
        List<String> notes = new ArrayList<>();
        Set<String> claimed = new LinkedHashSet<>(changedScripts.stream().map(MigrationScript::path).toList());
        List<PathGlob> ignored = config.ignorePaths().stream().map(PathGlob::of).toList();
        Set<String> otherDatabase = new TreeSet<>(otherDatabaseAtBase);
        otherDatabase.addAll(otherDatabaseAtHead);

        List<String> unclaimedSql = new ArrayList<>();
        List<String> rollbacks = new ArrayList<>();
        for (String path : new TreeSet<>(changedPaths)) {
            if (claimed.contains(path) || otherDatabase.contains(path) || ignored.stream().anyMatch(g -> g.matches(path))) {
                continue;
            }
            String lower = path.toLowerCase(Locale.ROOT);
            if (RAILS.matcher(path).matches()) {
                // the rails format claims every db/migrate/<version>_<name>.rb: this one is named as Rails never runs it
                notes.add(path + " looks like a Rails migration, but its name does not start with a version"
                        + " (`<timestamp>_<name>.rb`), so Rails does not run it and it was not reviewed.");
            } else if (DJANGO.matcher(path).matches()) {
                // detection claims every migrations/*.py holding a Migration class; config claims only what it lists
                notes.add(config.migrations().isEmpty()
                        ? path + " looks like a Django migration but holds no `Migration` class (or a squashed migration replaces"
                                + " it), so it was not checked."
                        : path + " looks like a Django migration but no `migrations` entry of the config holds it; add"
                                + " `{ path: <the project's directory>, tool: django }` to review it.");
            } else if (lower.endsWith(".sql") && isRollback(path)) {
                rollbacks.add(path);
            } else if (lower.endsWith(".sql") && LayoutMigrationFinder.looksLikeMigration(path)) {
                unclaimedSql.add(path);
            }
        }
        if (!unclaimedSql.isEmpty()) {
            String dir = PathNames.parent(unclaimedSql.get(0));
            notes.add(listed(unclaimedSql) + (unclaimedSql.size() == 1 ? " looks" : " look")
                    + " like a migration, but no migration tool's layout claims " + (unclaimedSql.size() == 1 ? "it" : "them")
                    + ", so " + (unclaimedSql.size() == 1 ? "it was" : "they were") + " not reviewed. To review "
                    + (unclaimedSql.size() == 1 ? "it" : "them") + ", name the folder and the tool that runs it in"
                    + " .github/migration-review.yml: `migrations: [{ path: " + (dir.isEmpty() ? "." : dir)
                    + ", tool: plain }]` (or flyway, goose, golang-migrate, ... as docs/migration-tools.md lists).");
        }
        if (!rollbacks.isEmpty()) {
            notes.add(listed(rollbacks) + (rollbacks.size() == 1 ? " undoes a migration (a down script): a deploy never runs it"
                    : " undo migrations (down scripts): a deploy never runs them") + ", so "
                    + (rollbacks.size() == 1 ? "it was" : "they were") + " not reviewed.");
        }
        if (!otherDatabase.isEmpty()) {
            notes.add(listed(new ArrayList<>(otherDatabase)) + (otherDatabase.size() == 1 ? " is" : " are")
                    + " written for another database than " + config.dialect().configName()
                    + " (by folder or file name), so " + (otherDatabase.size() == 1 ? "it is" : "they are")
                    + " neither replayed as history nor reviewed.");
        }
        if (changedScripts.isEmpty()) {
            notes.add(0, "No migrations in this change: none of the " + changedPaths.size()
                    + (changedPaths.size() == 1 ? " changed file is" : " changed files is")
                    + " a migration that a configured or detected tool runs, so nothing was reviewed.");
        }
        return notes;
    }

    /**
     * A rollback script by the names the tools give them: Diesel's and sqlx's {@code down.sql}, golang-migrate's and
     * sqlx's {@code <version>_<name>.down.sql}, Flyway's undo {@code U<version>__<name>.sql}.
     */
    static boolean isRollback(String path) {
        String name = PathNames.fileName(path);
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("down.sql") || lower.endsWith(".down.sql") || UNDO.matcher(name).matches();
    }

    private static final Pattern UNDO = Pattern.compile("U\\d+(?:[._]\\d+)*__.+\\.sql");

    private static String listed(List<String> paths) {
        if (paths.size() <= LISTED) {
            return String.join(", ", paths);
        }
        return String.join(", ", paths.subList(0, LISTED)) + " and " + (paths.size() - LISTED) + " more";
    }
}
