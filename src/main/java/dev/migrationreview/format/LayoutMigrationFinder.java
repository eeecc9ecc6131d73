package dev.migrationreview.format;

import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.format.MigrationFormat.Claim;
import dev.migrationreview.format.MigrationFormat.Recognition;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.StatementSplitter;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Finds migrations from the tools' own layout conventions (docs/migration-tools.md), or from config's
 * {@code migrations:} locations, and orders each location the way its tool applies it. Which layouts exist is
 * up to the installed {@link MigrationFormat}s: this class only offers them the files. Locations are returned
 * in config order, or, when detected, in path order.
 */
@Singleton
public final class LayoutMigrationFinder implements MigrationFinder {
    /** Directories that hold copies or third-party code, never a repository's own migrations. */
    private static final Set<String> NOT_SOURCE = Set.of("node_modules", "vendor", "target", ".git");
    /** Folder names that hold migrations, whatever the tool (the contract's "looks like a migration"). */
    private static final Set<String> MIGRATION_FOLDERS = Set.of("migrations", "migration", "migrate", "db", "changelog", "schema");

    private final List<MigrationFormat> formats;
    private final List<StatementSplitter> splitters;

    /** With the installed formats and dialect splitters. */
    public LayoutMigrationFinder() {
        this(InstalledFormats.all(), ServiceLoader.load(StatementSplitter.class, StatementSplitter.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList());
    }

    LayoutMigrationFinder(List<MigrationFormat> formats, List<StatementSplitter> splitters) {
        this.formats = List.copyOf(formats);
        this.splitters = List.copyOf(splitters);
    }

    @Override
    public List<MigrationScript> find(RepositoryFiles files, FormatSettings settings) throws IOException {
        return findWithSkipped(files, settings).scripts();
    }

    @Override
    public Found findWithSkipped(RepositoryFiles files, FormatSettings settings) throws IOException {
        return findWithSkipped(files, settings, new RecognisedScripts());
    }

    @Override
    public Found findWithSkipped(RepositoryFiles files, FormatSettings settings, RecognisedScripts recognised) throws IOException {
        List<PathGlob> ignored = settings.ignorePaths().stream().map(PathGlob::of).toList();
        List<String> candidates = new ArrayList<>();
        for (String path : files.paths()) {
            if (!isExcluded(path, ignored)) {
                candidates.add(path);
            }
        }
        FormatContext context = new FormatContext(files, settings, splitter(settings.dialect()), recognised);
        List<String> otherDatabase = candidates.stream()
                .filter(p -> p.endsWith(".sql") && context.isForAnotherDatabase(p) && looksLikeMigration(p)).toList();
        if (settings.migrations().isEmpty()) {
            List<String> locations = new ArrayList<>();
            Map<String, MigrationFormat.SchemaDump> dumps = new LinkedHashMap<>();
            List<MigrationScript> scripts = detect(candidates, context, locations, dumps);
            return new Found(scripts, otherDatabase, locations, dumps);
        }
        List<MigrationScript> out = new ArrayList<>();
        List<String> outLocations = new ArrayList<>();
        Map<String, MigrationFormat.SchemaDump> outDumps = new LinkedHashMap<>();
        Set<String> claimed = new HashSet<>();
        List<? extends FormatSettings.Location> configured = settings.migrations();
        for (int index = 0; index < configured.size(); index++) {
            FormatSettings.Location location = configured.get(index);
            // each entry is one history, whatever layouts a tool-less entry holds
            String key = "migrations[" + index + "] " + location.path();
            MigrationFormat format = location.tool() == null ? null : format(location.tool());
            List<String> inside = new ArrayList<>();
            boolean glob = PathGlob.isGlob(location.path());
            for (String path : candidates) {
                if (!claimed.contains(path) && isInside(path, location.path())
                        && (glob || format == null || format.holds(path))) {
                    inside.add(path);
                }
            }
            Map<String, MigrationFormat.SchemaDump> dumps = new LinkedHashMap<>();
            List<MigrationScript> scripts = format == null
                    ? detect(inside, context, new ArrayList<>(), dumps)
                    : format.scripts(rootOf(location.path()), inside, context.forCandidates(inside));
            if (format != null) {
                format.schemaDump(rootOf(location.path()), inside, context.forCandidates(inside)).ifPresent(d -> dumps.put(key, d));
            }
            // one entry is one history: a dump found inside it stands for the entry
            dumps.values().stream().findFirst().ifPresent(d -> outDumps.put(key, d));
            // a file an earlier location claimed is that location's; one location may read a file into several
            // scripts (a Liquibase changelog's changeSets)
            Set<String> claimedHere = new HashSet<>();
            for (MigrationScript s : scripts) {
                if (!claimed.contains(s.path())) {
                    claimedHere.add(s.path());
                    out.add(location.transaction().apply(s));
                    outLocations.add(key);
                }
            }
            claimed.addAll(claimedHere);
        }
        List<String> configuredOther = otherDatabase.stream().filter(p -> !claimed.contains(p))
                .filter(p -> settings.migrations().stream().anyMatch(l -> isInside(p, l.path()))).toList();
        return new Found(out, configuredOther, outLocations, outDumps);
    }

    /**
     * Whether a path looks like a migration whatever the tool: a file under a folder named like a migrations
     * folder ({@code migrations}, {@code migrate}, {@code db}, {@code changelog}, {@code schema}).
     */
    @Override
    public java.util.Optional<DialectEvidence> detectDialect(RepositoryFiles files, FormatSettings settings) throws IOException {
        FormatContext context = new FormatContext(files, settings, splitter(settings.dialect()));
        for (MigrationFormat format : formats) {
            java.util.Optional<DialectEvidence> found = format.detectDialect(context);
            if (found.isPresent()) {
                return found;
            }
        }
        return namedDialect(files.paths());
    }

    /**
     * The dialect that migration files name in their path ({@code 0003_users.mysql.up.sql}, {@code db/mysql/V1__x.sql}),
     * when they name exactly one database: a repository that keeps variants for several names none.
     */
    static java.util.Optional<DialectEvidence> namedDialect(List<String> paths) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String path : paths) {
            if (!path.endsWith(".sql") || !looksLikeMigration(path)) {
                continue;
            }
            String[] parts = PathNames.fileName(path).split("\\.");
            for (int i = 1; i < parts.length - 1; i++) {
                if (FormatContext.isDatabaseName(parts[i])) {
                    named.putIfAbsent(parts[i].toLowerCase(java.util.Locale.ROOT), path);
                }
            }
            for (String segment : PathNames.parent(path).split("/")) {
                if (FormatContext.isDatabaseName(segment)) {
                    named.putIfAbsent(segment.toLowerCase(java.util.Locale.ROOT), path);
                }
            }
        }
        Set<Dialect> dialects = new HashSet<>();
        for (String name : named.keySet()) {
            for (Dialect d : Dialect.values()) {
                // "mysql" also answers to MariaDB (a fork reads MySQL's files); the name decides
                if (d.configName().equals(name) || (d.answersTo(name) && d != Dialect.MARIADB)) {
                    dialects.add(d);
                }
            }
        }
        if (named.size() != 1 || dialects.size() != 1) {
            return java.util.Optional.empty();
        }
        Map.Entry<String, String> only = named.entrySet().iterator().next();
        return java.util.Optional.of(new DialectEvidence(dialects.iterator().next(), only.getValue(), "named `" + only.getKey() + "`"));
    }

    public static boolean looksLikeMigration(String path) {
        String[] segments = path.toLowerCase(java.util.Locale.ROOT).split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (MIGRATION_FOLDERS.contains(segments[i])) {
                return true;
            }
        }
        return false;
    }

    @Override
    public MigrationScript script(String path, String content, MigrationTool tool, FormatSettings settings) {
        FormatContext context = new FormatContext(new SingleFile(path, content), settings, splitter(settings.dialect()));
        MigrationFormat format = tool != null ? format(tool.configName()) : recognise(path, content);
        return format.script(path, content, context);
    }

    /** The format that recognises a lone file best (markers beat names, then claim order), else plain SQL. */
    private MigrationFormat recognise(String path, String content) {
        MigrationFormat best = null;
        Recognition bestRecognition = Recognition.NONE;
        for (MigrationFormat format : formats) {
            Recognition r = format.recognise(path, content);
            if (r.compareTo(bestRecognition) > 0) {
                best = format;
                bestRecognition = r;
            }
        }
        return best != null ? best : format(MigrationTool.PLAIN.configName());
    }

    private MigrationFormat format(String tool) {
        return formats.stream().filter(f -> f.tool().configName().equalsIgnoreCase(tool)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown migration tool '" + tool + "' (expected "
                        + String.join(", ", formats.stream().map(f -> f.tool().configName()).distinct().sorted().toList()) + ")"));
    }

    private StatementSplitter splitter(Dialect dialect) {
        return splitters.stream().filter(s -> s.dialect() == dialect).findFirst().orElse(null);
    }

    // ---- detection over a whole repository (or one configured location without a tool)

    /** A layout's root and tool. */
    private static final class Location {
        private final String root;
        private final MigrationFormat format;

        Location(String root, MigrationFormat format) {
            this.root = root;
            this.format = format;
        }

        String root() {
            return root;
        }

        MigrationFormat format() {
            return format;
        }

        // written out: a record's generated equals and hashCode cost a method-handle bootstrap per run, 1.5% of a
        // warm review (a format is a bean, one instance per tool: its identity is its equality)
        @Override
        public boolean equals(Object o) {
            return o instanceof Location l && l.format == format && l.root.equals(root);
        }

        @Override
        public int hashCode() {
            return root.hashCode() * 31 + System.identityHashCode(format);
        }
    }

    /**
     * @param locationsOut receives, for each script returned, its layout's root and tool
     * @param dumpsOut     receives each location's schema dump, when its format keeps one
     */
    private List<MigrationScript> detect(List<String> paths, FormatContext outer, List<String> locationsOut,
            Map<String, MigrationFormat.SchemaDump> dumpsOut) throws IOException {
        FormatContext context = outer.forCandidates(paths);
        List<String> open = new ArrayList<>();
        for (String path : paths) {
            // another database's files (db/sqlite/..., mysql/...) are not this dialect's history
            if (!context.isForAnotherDatabase(path)) {
                open.add(path);
            }
        }
        Map<Location, List<String>> locations = new LinkedHashMap<>();
        for (MigrationFormat format : formats) {
            if (open.isEmpty()) {
                break;
            }
            Set<String> claimed = new HashSet<>();
            String lastRoot = null;
            List<String> lastLocation = null;
            for (Claim claim : format.claim(open, context)) {
                claimed.add(claim.path());
                // a layout's claims come folder by folder: 800 files of one folder are one lookup, not 800
                if (!claim.root().equals(lastRoot)) {
                    lastRoot = claim.root();
                    lastLocation = locations.computeIfAbsent(new Location(claim.root(), format), k -> new ArrayList<>());
                }
                lastLocation.add(claim.path());
            }
            if (!claimed.isEmpty()) {
                open = open.stream().filter(p -> !claimed.contains(p)).toList();
            }
        }
        List<Location> ordered = new ArrayList<>(locations.keySet());
        ordered.sort(Comparator.comparing(Location::root, NaturalOrder.NATURAL)
                .thenComparing(l -> l.format().tool().configName()));
        List<MigrationScript> out = new ArrayList<>();
        for (Location location : ordered) {
            List<MigrationScript> scripts = location.format().scripts(location.root(), locations.get(location), context);
            out.addAll(scripts);
            String key = location.format().tool().configName() + " " + (location.root().isEmpty() ? "." : location.root());
            locationsOut.addAll(java.util.Collections.nCopies(scripts.size(), key));
            location.format().schemaDump(location.root(), locations.get(location), context).ifPresent(d -> dumpsOut.put(key, d));
        }
        return out;
    }

    // ---- paths

    private static boolean isExcluded(String path, List<PathGlob> ignored) {
        for (String segment : path.split("/")) {
            if (NOT_SOURCE.contains(segment)) {
                return true;
            }
        }
        for (PathGlob glob : ignored) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInside(String path, String location) {
        if (PathGlob.isGlob(location)) {
            return PathGlob.of(location).matches(path);
        }
        String root = rootOf(location);
        return root.isEmpty() || path.equals(root) || path.startsWith(root + "/");
    }

    private static String rootOf(String location) {
        if (PathGlob.isGlob(location)) {
            String fixed = location.split("[*?{\\[]", 2)[0];
            return PathNames.trimSlashes(fixed.contains("/") ? fixed.substring(0, fixed.lastIndexOf('/')) : "");
        }
        return PathNames.trimSlashes(PathNames.trimDotSlash(location));
    }

    static String fileName(String path) {
        return PathNames.fileName(path);
    }

    /** One file given on its own, as a repository (a format may look for a side-car file: there is none). */
    private record SingleFile(String path, String content) implements RepositoryFiles {
        @Override
        public List<String> paths() {
            return List.of(path);
        }

        @Override
        public java.util.Optional<String> read(String p) {
            return p.equals(path) ? java.util.Optional.of(content) : java.util.Optional.empty();
        }
    }
}
