package dev.migrationreview.migrations;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.ReviewConfig.MigrationLocation;
import dev.migrationreview.sql.Dialect;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds migrations from the tools' own layout conventions (docs/migration-tools.md), or from config's
 * {@code migrations:} locations, and orders each location the way its tool applies it. Locations are
 * returned in config order, or, when detected, in path order.
 */
@Singleton
public final class LayoutMigrationFinder implements MigrationFinder {
    /** golang-migrate's {@code <version>_<name>.(up|down).sql}, which concourse, pop and ory popx share. */
    private static final Pattern GOLANG_MIGRATE = Pattern.compile("(\\d+)_(.+)\\.(up|down)\\.sql");
    private static final Pattern PRISMA = Pattern.compile("(?:.*/)?(\\d{8,})_[^/]+/migration\\.sql");
    private static final Pattern DIESEL = Pattern.compile("(?:.*/)?(\\d[\\d-]*)_[^/]+/up\\.sql");
    private static final Pattern DIESEL_NO_TRANSACTION = Pattern.compile("(?m)^\\s*run_in_transaction\\s*=\\s*false\\b");
    /** {@code <include file="x.sql">} / {@code - include: {file: x.sql}}, or {@code includeAll path="dir/"}. */
    private static final Pattern CHANGELOG_INCLUDE = Pattern.compile(
            "\\b(?:file\\s*[=:]\\s*[\"']?([^\"'\\s>]+\\.sql)|includeAll\\b[^>\\n]*?\\bpath\\s*[=:]\\s*[\"']?([^\"'\\s>]+))",
            Pattern.CASE_INSENSITIVE);

    /** Directories that hold copies or third-party code, never a repository's own migrations. */
    private static final Set<String> NOT_SOURCE = Set.of("node_modules", "vendor", "target", ".git");

    /** Database names used as directory names or file-name suffixes for per-database variants. */
    private static final Set<String> DATABASE_NAMES = Set.of("postgres", "postgresql", "pg", "pgsql", "mysql", "mariadb",
            "sqlite", "sqlite3", "h2", "hsqldb", "oracle", "sqlserver", "mssql", "cockroach", "cockroachdb", "db2",
            "derby", "yugabyte", "yugabytedb", "tidb", "clickhouse", "snowflake", "redshift");

    public LayoutMigrationFinder() {
    }

    @Override
    public List<MigrationScript> find(RepositoryFiles files, ReviewConfig config) throws IOException {
        List<PathGlob> ignored = config.ignorePaths().stream().map(PathGlob::of).toList();
        List<String> candidates = new ArrayList<>();
        for (String path : files.paths()) {
            if (!isExcluded(path, ignored)) {
                candidates.add(path);
            }
        }
        Context context = new Context(files, config);
        if (config.migrations().isEmpty()) {
            return detect(candidates, context);
        }
        List<MigrationScript> out = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (MigrationLocation location : config.migrations()) {
            List<String> inside = new ArrayList<>();
            boolean sqlOnly = !PathGlob.isGlob(location.path());
            for (String path : candidates) {
                if (!claimed.contains(path) && isInside(path, location.path()) && (!sqlOnly || path.endsWith(".sql")
                        || fileName(path).equals("sqitch.plan") || location.tool() == null)) {
                    inside.add(path);
                }
            }
            List<MigrationScript> scripts = location.tool() == null
                    ? detect(inside, context)
                    : locationScripts(MigrationTool.fromConfigName(location.tool()), rootOf(location.path()), inside, context);
            for (MigrationScript s : scripts) {
                if (claimed.add(s.path())) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @Override
    public MigrationScript script(String path, String content, MigrationTool tool) {
        MigrationTool resolved = tool != null ? tool : detectSingle(path, content);
        ReviewConfig defaults = ReviewConfig.defaults();
        return switch (resolved) {
            case FLYWAY -> FlywayConvention.script(path, content, Optional.empty(), defaults.dialect(), defaults.databaseVersion());
            case LIQUIBASE -> LiquibaseFormattedSql.script(path, content, defaults.dialect());
            case GOOSE -> GooseScript.script(path, content);
            case DBMATE -> DbmateScript.script(path, content, defaults.dialect());
            case GOLANG_MIGRATE -> batchScript(path, content, MigrationTool.GOLANG_MIGRATE, golangVersion(path), defaults.dialect());
            case PRISMA -> batchScript(path, content, MigrationTool.PRISMA, directoryVersion(path, PRISMA), defaults.dialect());
            case DIESEL -> new MigrationScript(path, MigrationTool.DIESEL, directoryVersion(path, DIESEL), content,
                    new ScriptLines(content).whole(true));
            case SQITCH -> new MigrationScript(path, MigrationTool.SQITCH, baseName(path), content,
                    new ScriptLines(content).whole(false));
            case PLAIN -> plainScript(path, content);
        };
    }

    private static MigrationTool detectSingle(String path, String content) {
        String name = fileName(path);
        if (LiquibaseFormattedSql.isFormattedSql(content)) {
            return MigrationTool.LIQUIBASE;
        }
        if (GooseScript.hasMarkers(content)) {
            return MigrationTool.GOOSE;
        }
        if (DbmateScript.hasMarkers(content)) {
            return MigrationTool.DBMATE;
        }
        if (FlywayConvention.isVersioned(name) || FlywayConvention.isRepeatable(name)) {
            return MigrationTool.FLYWAY;
        }
        Matcher golang = GOLANG_MIGRATE.matcher(name);
        if (golang.matches() && golang.group(3).equals("up")) {
            return MigrationTool.GOLANG_MIGRATE;
        }
        if (PRISMA.matcher(path).matches()) {
            return MigrationTool.PRISMA;
        }
        if (DIESEL.matcher(path).matches()) {
            return MigrationTool.DIESEL;
        }
        return MigrationTool.PLAIN;
    }

    // ---- detection over a whole repository (or one configured location without a tool)

    private record Location(String root, MigrationTool tool) {}

    private List<MigrationScript> detect(List<String> paths, Context context) throws IOException {
        Map<Location, List<String>> locations = new LinkedHashMap<>();
        Set<String> claimed = new HashSet<>();
        List<String> changelogDirectories = paths.stream().filter(LayoutMigrationFinder::isChangelog)
                .map(p -> parent(p)).distinct().toList();
        for (String path : paths) {
            if (fileName(path).equals("sqitch.plan")) {
                Location location = new Location(parent(path), MigrationTool.SQITCH);
                locations.computeIfAbsent(location, k -> new ArrayList<>()).addAll(paths);
                claimed.addAll(sqitchDeployScripts(path, context).stream().map(MigrationScript::path).toList());
            }
        }
        for (String path : paths) {
            if (claimed.contains(path) || !path.endsWith(".sql") || isForeignDatabase(directoryOf(path), context.dialect())) {
                continue;
            }
            String name = fileName(path);
            Location location = null;
            if (PRISMA.matcher(path).matches()) {
                location = new Location(parent(parent(path)), MigrationTool.PRISMA);
            } else if (DIESEL.matcher(path).matches()) {
                location = new Location(parent(parent(path)), MigrationTool.DIESEL);
            } else if (FlywayConvention.isVersioned(name) || FlywayConvention.isRepeatable(name)) {
                location = new Location(flywayRoot(path), MigrationTool.FLYWAY);
            } else if (GOLANG_MIGRATE.matcher(name).matches()) {
                location = new Location(parent(path), MigrationTool.GOLANG_MIGRATE);
            } else if (FlywayConvention.isUndo(name)) {
                continue;
            } else if (mayHoldMarkers(path, changelogDirectories)) {
                String content = context.read(path);
                if (LiquibaseFormattedSql.isFormattedSql(content)) {
                    location = new Location("", MigrationTool.LIQUIBASE);
                } else if (GooseScript.hasMarkers(content)) {
                    location = new Location(parent(path), MigrationTool.GOOSE);
                } else if (DbmateScript.hasMarkers(content)) {
                    location = new Location(parent(path), MigrationTool.DBMATE);
                }
            }
            if (location != null) {
                locations.computeIfAbsent(location, k -> new ArrayList<>()).add(path);
            }
        }
        List<Location> ordered = new ArrayList<>(locations.keySet());
        ordered.sort(Comparator.comparing(Location::root, NaturalOrder.NATURAL).thenComparing(Location::tool));
        List<MigrationScript> out = new ArrayList<>();
        for (Location location : ordered) {
            out.addAll(locationScripts(location.tool(), location.root(), locations.get(location), context));
        }
        return out;
    }

    /** The scripts of one location, for a known tool, in that tool's order. */
    private List<MigrationScript> locationScripts(MigrationTool tool, String root, List<String> paths, Context context)
            throws IOException {
        return switch (tool) {
            case FLYWAY -> flyway(paths, context);
            case GOLANG_MIGRATE -> golangMigrate(paths, context);
            case GOOSE -> ordered(paths, context, GooseScript.FILE_NAME, true, GooseScript::script);
            case DBMATE -> ordered(paths, context, DbmateScript.FILE_NAME, false,
                    (path, content) -> DbmateScript.script(path, content, context.dialect()));
            case PRISMA -> prisma(paths, context);
            case DIESEL -> diesel(paths, context);
            case SQITCH -> sqitch(root, paths, context);
            case LIQUIBASE -> liquibase(paths, context);
            case PLAIN -> plain(paths, context);
        };
    }

    private List<MigrationScript> flyway(List<String> paths, Context context) throws IOException {
        List<String> versioned = new ArrayList<>();
        List<String> repeatable = new ArrayList<>();
        for (String path : paths) {
            String name = fileName(path);
            if (isForeignDatabase(directoryOf(path), context.dialect())) {
                continue;
            }
            if (FlywayConvention.isVersioned(name)) {
                versioned.add(path);
            } else if (FlywayConvention.isRepeatable(name)) {
                repeatable.add(path);
            }
        }
        versioned.sort(Comparator.<String, String>comparing(p -> FlywayConvention.version(fileName(p)), NaturalOrder::compareVersions)
                .thenComparing(NaturalOrder.NATURAL));
        repeatable.sort(Comparator.<String, String>comparing(p -> FlywayConvention.description(fileName(p)))
                .thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : concat(versioned, repeatable)) {
            Optional<String> sidecar = context.files().read(path + ".conf");
            out.add(FlywayConvention.script(path, context.read(path), sidecar, context.dialect(), context.config().databaseVersion()));
        }
        return out;
    }

    /**
     * golang-migrate and the migrators sharing its naming (concourse, gobuffalo pop, ory popx). popx adds
     * {@code .<database>} variants, which replace the database-less file of the same version, and
     * {@code .autocommit}.
     */
    private List<MigrationScript> golangMigrate(List<String> paths, Context context) throws IOException {
        record Up(String path, String version, String name, String database) {}
        Map<String, Up> byMigration = new LinkedHashMap<>();
        for (String path : paths) {
            Matcher m = GOLANG_MIGRATE.matcher(fileName(path));
            if (!m.matches() || !m.group(3).equals("up") || isForeignDatabase(directoryOf(path), context.dialect())) {
                continue;
            }
            String name = m.group(2);
            if (name.endsWith(".autocommit")) {
                name = name.substring(0, name.length() - ".autocommit".length());
            }
            String database = null;
            int dot = name.lastIndexOf('.');
            if (dot > 0 && DATABASE_NAMES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                database = name.substring(dot + 1).toLowerCase(Locale.ROOT);
                name = name.substring(0, dot);
                if (!databaseMatches(database, context.dialect())) {
                    continue;
                }
            }
            String key = parent(path) + "/" + m.group(1) + "_" + name;
            Up up = new Up(path, m.group(1), name, database);
            Up earlier = byMigration.get(key);
            if (earlier == null || (earlier.database() == null && database != null)) {
                byMigration.put(key, up);
            }
        }
        List<Up> ups = new ArrayList<>(byMigration.values());
        ups.sort(Comparator.<Up, String>comparing(Up::version, NaturalOrder::compareNumbers).thenComparing(Up::path, NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (Up up : ups) {
            out.add(batchScript(up.path(), context.read(up.path()), MigrationTool.GOLANG_MIGRATE, up.version(), context.dialect()));
        }
        return out;
    }

    private interface ScriptReader {
        MigrationScript read(String path, String content);
    }

    /** Files named {@code <version>...}: by the version as a number, or by file name as the tool sorts them. */
    private List<MigrationScript> ordered(List<String> paths, Context context, Pattern name, boolean numeric, ScriptReader reader)
            throws IOException {
        List<String> matching = new ArrayList<>();
        for (String path : paths) {
            if (path.endsWith(".sql") && name.matcher(fileName(path)).matches()) {
                matching.add(path);
            }
        }
        Comparator<String> order = numeric
                ? Comparator.<String, String>comparing(p -> leadingDigits(fileName(p)), NaturalOrder::compareNumbers)
                        .thenComparing(NaturalOrder.NATURAL)
                : Comparator.<String, String>comparing(LayoutMigrationFinder::fileName).thenComparing(NaturalOrder.NATURAL);
        matching.sort(order);
        List<MigrationScript> out = new ArrayList<>();
        for (String path : matching) {
            out.add(reader.read(path, context.read(path)));
        }
        return out;
    }

    /** Prisma applies {@code <timestamp>_<name>/migration.sql} in directory-name order, without a transaction of its own. */
    private List<MigrationScript> prisma(List<String> paths, Context context) throws IOException {
        List<String> matching = new ArrayList<>(paths.stream().filter(p -> PRISMA.matcher(p).matches()).toList());
        matching.sort(Comparator.comparing((String p) -> fileName(parent(p))).thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : matching) {
            out.add(batchScript(path, context.read(path), MigrationTool.PRISMA, directoryVersion(path, PRISMA), context.dialect()));
        }
        return out;
    }

    /** diesel runs each {@code up.sql} in a transaction unless the directory's metadata.toml turns it off. */
    private List<MigrationScript> diesel(List<String> paths, Context context) throws IOException {
        List<String> matching = new ArrayList<>(paths.stream().filter(p -> DIESEL.matcher(p).matches()).toList());
        matching.sort(Comparator.comparing((String p) -> fileName(parent(p))).thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : matching) {
            String content = context.read(path);
            ScriptLines lines = new ScriptLines(content);
            boolean noTransaction = context.files().read(parent(path) + "/metadata.toml")
                    .map(toml -> DIESEL_NO_TRANSACTION.matcher(toml).find()).orElse(false);
            boolean transactional = !noTransaction || lines.isImplicitTransactionBatch(1, lines.count(), context.dialect());
            out.add(new MigrationScript(path, MigrationTool.DIESEL, directoryVersion(path, DIESEL), content,
                    lines.whole(transactional)));
        }
        return out;
    }

    private List<MigrationScript> sqitch(String root, List<String> paths, Context context) throws IOException {
        Set<String> inside = new HashSet<>(paths);
        String ownPlan = join(root, "sqitch.plan");
        List<String> plans = inside.contains(ownPlan) ? List.of(ownPlan)
                : paths.stream().filter(p -> fileName(p).equals("sqitch.plan")).sorted(NaturalOrder.NATURAL).toList();
        List<MigrationScript> out = new ArrayList<>();
        for (String plan : plans) {
            for (MigrationScript s : sqitchDeployScripts(plan, context)) {
                if (inside.contains(s.path())) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * The deploy scripts a plan names, in plan order. sqitch runs them through psql without a transaction of
     * its own: the BEGIN/COMMIT its templates write into each script is the script's own, seen as statements.
     */
    private List<MigrationScript> sqitchDeployScripts(String planPath, Context context) throws IOException {
        String dir = parent(planPath);
        Optional<String> conf = context.files().read(join(dir, "sqitch.conf"));
        String topDir = conf.map(c -> SqitchPlan.coreSetting(c, "top_dir")).map(LayoutMigrationFinder::trimDotSlash).orElse("");
        String deployDir = conf.map(c -> SqitchPlan.coreSetting(c, "deploy_dir")).map(LayoutMigrationFinder::trimDotSlash)
                .orElse(join(topDir, "deploy"));
        List<MigrationScript> out = new ArrayList<>();
        for (SqitchPlan.Change change : SqitchPlan.parse(context.read(planPath))) {
            String script = join(join(dir, deployDir), change.scriptName() + ".sql");
            Optional<String> content = context.files().read(script);
            if (content.isPresent()) {
                out.add(new MigrationScript(script, MigrationTool.SQITCH, change.name(), content.get(),
                        new ScriptLines(content.get()).whole(false)));
            }
        }
        return out;
    }

    /** Formatted SQL in the order changelogs include it, then in path order. */
    private List<MigrationScript> liquibase(List<String> paths, Context context) throws IOException {
        Map<String, Integer> includeOrder = liquibaseIncludeOrder(context);
        List<String> sql = new ArrayList<>(paths.stream().filter(p -> p.endsWith(".sql")).toList());
        sql.sort(Comparator.<String>comparingInt(p -> includeIndex(p, includeOrder)).thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : sql) {
            out.add(LiquibaseFormattedSql.script(path, context.read(path), context.dialect()));
        }
        return out;
    }

    private Map<String, Integer> liquibaseIncludeOrder(Context context) throws IOException {
        Map<String, Integer> order = new HashMap<>();
        List<String> changelogs = new ArrayList<>();
        for (String path : context.files().paths()) {
            if (isChangelog(path)) {
                changelogs.add(path);
            }
        }
        changelogs.sort(NaturalOrder.NATURAL);
        int index = 0;
        for (String changelog : changelogs) {
            Matcher m = CHANGELOG_INCLUDE.matcher(context.read(changelog));
            while (m.find()) {
                // a directory included with includeAll is keyed with a trailing slash: all files below it
                String ref = m.group(1) != null ? m.group(1) : trimSlashes(m.group(2)) + "/";
                ref = trimDotSlash(ref.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", ""));
                order.putIfAbsent(ref, index);
                order.putIfAbsent(normalize(join(parent(changelog), ref)), index);
                index++;
            }
        }
        return order;
    }

    private static int includeIndex(String path, Map<String, Integer> includeOrder) {
        Integer exact = includeOrder.get(path);
        if (exact != null) {
            return exact;
        }
        int best = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> e : includeOrder.entrySet()) {
            String key = e.getKey();
            boolean matches = key.endsWith("/")
                    ? path.startsWith(key) || path.contains("/" + key)
                    : path.endsWith("/" + key);
            if (matches) {
                best = Math.min(best, e.getValue());
            }
        }
        return best;
    }

    /** Plain files: natural path order, each statement on its own (as psql runs a file). */
    private List<MigrationScript> plain(List<String> paths, Context context) throws IOException {
        List<String> sorted = new ArrayList<>(paths);
        sorted.sort(NaturalOrder.NATURAL);
        List<MigrationScript> out = new ArrayList<>();
        for (String path : sorted) {
            out.add(plainScript(path, context.read(path)));
        }
        return out;
    }

    private static MigrationScript plainScript(String path, String content) {
        return new MigrationScript(path, MigrationTool.PLAIN, null, content, new ScriptLines(content).whole(false));
    }

    /** A file the tool sends as one query string: transactional exactly when PostgreSQL makes it an implicit transaction. */
    private static MigrationScript batchScript(String path, String content, MigrationTool tool, String version, Dialect dialect) {
        ScriptLines lines = new ScriptLines(content);
        return new MigrationScript(path, tool, version, content,
                lines.whole(lines.isImplicitTransactionBatch(1, lines.count(), dialect)));
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
            return trimSlashes(fixed.contains("/") ? fixed.substring(0, fixed.lastIndexOf('/')) : "");
        }
        return trimSlashes(trimDotSlash(location));
    }

    /** Whether a file could be goose, dbmate or Liquibase formatted SQL, judged before reading it. */
    private static boolean mayHoldMarkers(String path, List<String> changelogDirectories) {
        String name = fileName(path);
        String lower = path.toLowerCase(Locale.ROOT);
        if ((!name.isEmpty() && Character.isDigit(name.charAt(0)))
                || lower.contains("migrat") || lower.contains("changelog") || lower.contains("liquibase")) {
            return true;
        }
        for (String dir : changelogDirectories) {
            if (dir.isEmpty() || path.startsWith(dir + "/")) {
                return true;
            }
        }
        return false;
    }

    /** A Liquibase changelog that may include formatted SQL files from anywhere below its directory. */
    private static boolean isChangelog(String path) {
        String name = fileName(path).toLowerCase(Locale.ROOT);
        return name.contains("changelog")
                && (name.endsWith(".xml") || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    /** Flyway's location: the nearest enclosing {@code migration(s)} directory (dhis2 keeps one subdirectory per release). */
    private static String flywayRoot(String path) {
        String dir = parent(path);
        String probe = dir;
        while (!probe.isEmpty()) {
            String name = fileName(probe);
            if (name.equals("migration") || name.equals("migrations")) {
                return probe;
            }
            probe = parent(probe);
        }
        return dir;
    }

    private static boolean isForeignDatabase(String directory, Dialect dialect) {
        for (String segment : directory.split("/")) {
            String s = segment.toLowerCase(Locale.ROOT);
            if (DATABASE_NAMES.contains(s) && !databaseMatches(s, dialect)) {
                return true;
            }
        }
        return false;
    }

    private static boolean databaseMatches(String database, Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> Set.of("postgres", "postgresql", "pg", "pgsql").contains(database);
            case MYSQL -> database.equals("mysql");
            case MARIADB -> database.equals("mariadb") || database.equals("mysql");
        };
    }

    private static String golangVersion(String path) {
        Matcher m = GOLANG_MIGRATE.matcher(fileName(path));
        return m.matches() ? m.group(1) : null;
    }

    private static String directoryVersion(String path, Pattern pattern) {
        Matcher m = pattern.matcher(path);
        return m.matches() ? m.group(1) : null;
    }

    private static String leadingDigits(String name) {
        int i = 0;
        while (i < name.length() && Character.isDigit(name.charAt(i))) {
            i++;
        }
        return i == 0 ? "0" : name.substring(0, i);
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String baseName(String path) {
        String name = fileName(path);
        return name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String directoryOf(String path) {
        return parent(path);
    }

    private static String join(String dir, String name) {
        if (dir.isEmpty() || dir.equals(".")) {
            return name;
        }
        if (name.isEmpty()) {
            return dir;
        }
        return dir + "/" + name;
    }

    private static String trimDotSlash(String p) {
        String s = p.replace('\\', '/');
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        return s.equals(".") ? "" : s;
    }

    private static String trimSlashes(String p) {
        String s = p;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Resolves {@code .} and {@code ..} in a repository-relative path. */
    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** What one find() needs; reads each file once. */
    private record Context(RepositoryFiles files, ReviewConfig config, Map<String, String> cache) {
        Context(RepositoryFiles files, ReviewConfig config) {
            this(files, config, new HashMap<>());
        }

        Dialect dialect() {
            return config.dialect();
        }

        String read(String path) throws IOException {
            String cached = cache.get(path);
            if (cached != null) {
                return cached;
            }
            String content = files.read(path).orElseThrow(() -> new IOException("listed file cannot be read: " + path));
            cache.put(path, content);
            return content;
        }
    }
}
