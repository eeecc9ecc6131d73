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
                notes.add(path + " looks like a Django migration; Django migrations (migrations[].tool: django) are not reviewed"
                        + " yet, so it was not checked.");
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

    private static String listed(List<String> paths) {
        if (paths.size() <= LISTED) {
            return String.join(", ", paths);
        }
        return String.join(", ", paths.subList(0, LISTED)) + " and " + (paths.size() - LISTED) + " more";
    }
}
