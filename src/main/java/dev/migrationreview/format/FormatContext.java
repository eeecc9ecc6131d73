package dev.migrationreview.format;

import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.StatementSplitter;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a format may use while it finds and reads migrations: the repository's files (each read once per
 * review), the configured dialect and version, and the dialect's own splitter, so that no format lexes SQL
 * itself.
 */
public final class FormatContext {
    /** Database names used as directory names or file-name parts for per-database variants. */
    private static final Set<String> DATABASE_NAMES = Set.of("postgres", "postgresql", "pg", "pgsql", "mysql", "mariadb",
            "sqlite", "sqlite3", "h2", "hsqldb", "oracle", "sqlserver", "mssql", "cockroach", "cockroachdb", "db2",
            "derby", "yugabyte", "yugabytedb", "tidb", "clickhouse", "snowflake", "redshift");
    /** The shortest and the longest of {@link #DATABASE_NAMES} (lower-casing never shortens a name). */
    private static final int SHORTEST_NAME;
    private static final int LONGEST_NAME;

    static {
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (String name : DATABASE_NAMES) {
            shortest = Math.min(shortest, name.length());
            longest = Math.max(longest, name.length());
        }
        SHORTEST_NAME = shortest;
        LONGEST_NAME = longest;
    }

    private final RepositoryFiles files;
    private final FormatSettings settings;
    private final StatementSplitter splitter;
    private final Map<String, String> cache;
    /** The listed paths, as a set once a side-car is looked for (shared like the cache). */
    private final java.util.concurrent.atomic.AtomicReference<Set<String>> listed;
    private final List<String> changelogDirectories;
    private final RecognisedScripts recognised;

    FormatContext(RepositoryFiles files, FormatSettings settings, StatementSplitter splitter) {
        this(files, settings, splitter, new RecognisedScripts());
    }

    FormatContext(RepositoryFiles files, FormatSettings settings, StatementSplitter splitter, RecognisedScripts recognised) {
        this(files, settings, splitter, new HashMap<>(), new java.util.concurrent.atomic.AtomicReference<>(), List.of(), recognised);
    }

    private FormatContext(RepositoryFiles files, FormatSettings settings, StatementSplitter splitter, Map<String, String> cache,
            java.util.concurrent.atomic.AtomicReference<Set<String>> listed, List<String> changelogDirectories,
            RecognisedScripts recognised) {
        this.files = files;
        this.settings = settings;
        this.splitter = splitter;
        this.cache = cache;
        this.listed = listed;
        this.changelogDirectories = changelogDirectories;
        this.recognised = recognised;
    }

    /** The same context for one detection pass over {@code candidates} (sharing the file cache). */
    FormatContext forCandidates(List<String> candidates) {
        List<String> changelogs = candidates.stream().filter(FormatContext::isChangelog).map(PathNames::parent).distinct().toList();
        return new FormatContext(files, settings, splitter, cache, listed, changelogs, recognised);
    }

    /**
     * The script {@code read} makes of one file, made once per review: the head's and the base's finds read the same
     * unchanged files, and a file with the same path, text and {@code inputs} reads the same with the same database.
     * Use it where a format's reading of a file depends on nothing else (not on other files' contents or order).
     *
     * @param inputs whatever else the reading depends on, with a value-based {@code equals} (a side-car file's text,
     *               a flag read from the folder's metadata), or null
     */
    public MigrationScript readOnce(MigrationFormat format, String path, String content, Object inputs,
            java.util.function.Supplier<MigrationScript> read) {
        return recognised.of(format, path, content, inputs, settings, read);
    }

    /**
     * Whether the review judges this file: reports whether it runs in a transaction, runs rules on it. A file it does
     * not judge is history, replayed from its applied lines only, and a format may leave its transaction flag at what
     * the tool does without looking (work that only computes the flag, such as Flyway's scan for non-transactional
     * statements, is a tenth of a warm review of an 800-file history). Every file is judged unless the caller says.
     */
    public boolean judges(String path) {
        return recognised.judges(path);
    }

    public RepositoryFiles files() {
        return files;
    }

    public Dialect dialect() {
        return settings.dialect();
    }

    /** The production server's major version. */
    public int databaseVersion() {
        return settings.databaseVersion();
    }

    /**
     * The production server's version as written ({@code 8.0.35}, {@code 10.11.6}): MySQL's minor and patch
     * versions change what a statement does (8.0.12 and 8.0.29 changed what is INSTANT).
     */
    public DatabaseVersion version() {
        return settings.version();
    }

    /** A listed file's text (read once per review). */
    public String read(String path) throws IOException {
        String cached = cache.get(path);
        if (cached != null) {
            return cached;
        }
        String content = files.read(path).orElseThrow(() -> new IOException("listed file cannot be read: " + path));
        cache.put(path, content);
        return content;
    }

    /**
     * A history file (one the review does not judge: {@link #judges}) of a format that applies a file whole: its
     * replay reads every line and no transaction flag, so nothing of its text is needed to make the script, and the
     * text is read only if the replay is not cached.
     */
    public MigrationScript wholeFileHistory(String path, MigrationTool tool, String version) throws IOException {
        return new MigrationScript(path, tool, version, deferredText(path), List.of(MigrationScript.Section.wholeFile(true)));
    }

    /**
     * A listed file's text, read when something first asks for it: for a file the review does not judge ({@link #judges}),
     * whose reading needs nothing of its text, and which a replay the cache holds never reads at all.
     */
    public ScriptText deferredText(String path) throws IOException {
        String cached = cache.get(path);
        if (cached != null) {
            // read already (a format looked for its markers in it), and still named by its blob id: no text to hash
            return ScriptText.deferred(path, files.contentId(path), () -> cached);
        }
        // not through this context's cache: the text may be read on another thread, after the find
        return ScriptText.deferred(path, files.contentId(path),
                () -> files.read(path).orElseThrow(() -> new IOException("listed file cannot be read: " + path)));
    }

    /** A file that may or may not exist (a tool's side-car config). */
    public Optional<String> readIfPresent(String path) throws IOException {
        return files.read(path);
    }

    /**
     * A side-car file named from a listed path ({@code V1__x.sql.conf} beside Flyway's {@code V1__x.sql}), which may
     * not exist: most do not, and those are answered from the listing without asking the repository.
     */
    public Optional<String> readSidecar(String path) throws IOException {
        Set<String> paths = listed.get();
        if (paths == null) {
            paths = new java.util.HashSet<>(files.paths());
            listed.set(paths);
        }
        return paths.contains(path) ? files.read(path) : Optional.empty();
    }

    /** The statements of a piece of SQL, as the dialect's splitter cuts them (psql meta-commands left out). */
    public List<RawStatement> statements(String sql) {
        return splitter.split(sql).stream().filter(s -> !s.metaCommand()).toList();
    }

    /**
     * Whether lines of SQL that a tool sends to the server as one query string (golang-migrate's {@code Exec},
     * diesel's {@code batch_execute}, dbmate with {@code transaction:false}, Prisma) run as one implicit
     * transaction: on a dialect that does that, exactly when they hold more than one statement. A single
     * statement runs on its own and autocommits.
     */
    public boolean runsAsOneTransaction(String sql) {
        return dialect().runsMultiStatementQueryAsOneTransaction() && statements(sql).size() > 1;
    }

    /**
     * {@link #runsAsOneTransaction(String)} for a whole file sent as one query string; for a file the review does not
     * judge ({@link #judges}) the dialect's answer for several statements, without splitting the file: nothing reads
     * a history file's flag.
     */
    public boolean runsAsOneTransaction(String path, ScriptLines lines) {
        if (!judges(path)) {
            return dialect().runsMultiStatementQueryAsOneTransaction();
        }
        return runsAsOneTransaction(lines.text(1, lines.count()));
    }

    /**
     * Whether a file could carry a tool's markers ({@code -- +goose Up}, {@code -- migrate:up},
     * {@code --liquibase formatted sql}), judged from its path before reading it: reading every {@code .sql}
     * file of a large repository would be slow.
     */
    public boolean mayHoldMarkers(String path) {
        String name = PathNames.fileName(path);
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

    /**
     * Whether a {@code --} comment in {@code content} starts, after whitespace, with {@code word} (ASCII letters in any
     * case): what every line-comment marker ({@code -- +goose Up}, {@code -- migrate:up}, {@code -- Up Migration}) needs,
     * so a format looks for its marker with its own pattern only in a file that passes. Most SQL files do not, and a
     * multi-line pattern tried at every position of 340 files, three formats and two commits was a quarter of a warm
     * review's finding of lemmy's history.
     */
    public static boolean mayHoldCommentMarker(String content, String word) {
        for (int at = content.indexOf("--"); at >= 0; at = content.indexOf("--", at + 2)) {
            int i = at + 2;
            // as the patterns' \s: space, tab, line breaks, vertical tab, form feed
            while (i < content.length() && (content.charAt(i) == ' ' || (content.charAt(i) >= '\t' && content.charAt(i) <= '\r'))) {
                i++;
            }
            if (content.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a name ({@code mysql}, {@code sqlite}) names a database. */
    public static boolean isDatabaseName(String name) {
        return DATABASE_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the path names a database other than the configured one: a directory ({@code db/sqlite/...}) or a
     * part of the file name between dots ({@code 0003_users.mysql.sql}, {@code 12_x.sqlite.up.sql}).
     */
    public boolean isForAnotherDatabase(String path) {
        // read in place, without String.split's array and strings for each of 800 paths, twice per review
        int slash = path.lastIndexOf('/');
        for (int start = 0; start < slash; ) {
            int end = path.indexOf('/', start);
            if (end < 0 || end > slash) {
                end = slash;
            }
            if (namesAnotherDatabase(path, start, end)) {
                return true;
            }
            start = end + 1;
        }
        // the parts of the file name between dots, its first and its last aside (trailing empty parts do not count,
        // as String.split leaves them out)
        int name = slash + 1;
        int nameEnd = path.length();
        while (nameEnd > name && path.charAt(nameEnd - 1) == '.') {
            nameEnd--;
        }
        int firstDot = path.indexOf('.', name);
        int lastDot = path.lastIndexOf('.', nameEnd - 1);
        if (firstDot < 0 || firstDot >= nameEnd || lastDot <= firstDot) {
            return false;
        }
        for (int start = firstDot + 1; start <= lastDot; ) {
            int end = path.indexOf('.', start);
            if (namesAnotherDatabase(path, start, end)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** Whether {@code path[start, end)} is a database's name other than the configured one's. */
    private boolean namesAnotherDatabase(String path, int start, int end) {
        int length = end - start;
        // most directories and name parts are too long to be one and are not looked up at all
        if (length < SHORTEST_NAME || length > LONGEST_NAME) {
            return false;
        }
        String part = path.substring(start, end);
        return isDatabaseName(part) && !dialect().answersTo(part);
    }

    /** A Liquibase changelog that may include SQL files from anywhere below its directory. */
    public static boolean isChangelog(String path) {
        String name = PathNames.fileName(path).toLowerCase(Locale.ROOT);
        return name.contains("changelog")
                && (name.endsWith(".xml") || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }
}
