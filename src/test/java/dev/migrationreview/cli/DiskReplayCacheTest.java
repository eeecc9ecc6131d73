package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import dev.migrationreview.report.JsonReport;
import dev.migrationreview.report.TextReport;
import dev.migrationreview.schema.HistoryReplay;
import dev.migrationreview.schema.ReplayCache;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.SchemaReplay;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.StatementParser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's cache of replayed histories: the next review against the same base replays nothing, and says the same. */
class DiskReplayCacheTest {
    private static final List<MigrationScript> HISTORY = List.of(
            sql("db/migration/V1__orders.sql", """
                    CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL DEFAULT 'new');
                    CREATE TYPE mood AS ENUM ('happy', 'sad');
                    FROBNICATE the widgets;
                    """),
            sql("db/migration/V2__index.sql", """
                    CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status) WHERE status <> 'paid';
                    ALTER TABLE orders ADD CONSTRAINT status_known CHECK (status IN ('new', 'paid')) NOT VALID;
                    CREATE VIEW open_orders AS SELECT id FROM orders WHERE status = 'new';
                    """));

    @TempDir
    Path dir;

    private static MigrationScript sql(String path, String content) {
        int lines = (int) content.lines().count() + 1;
        return new MigrationScript(path, MigrationTool.FLYWAY, null, content, List.of(new MigrationScript.Section(1, lines, true)));
    }

    @Test
    void aLaterProcessReadsTheReplayedSchemaInsteadOfParsing() throws IOException {
        SchemaReplay.Result first;
        try (PostgresStatementParser parser = new PostgresStatementParser()) {
            first = new HistoryReplay(List.of(parser), Optional.of(new DiskReplayCache(dir, "0.1.0 build one"))).replay(Schema.EMPTY, HISTORY);
        }
        assertEquals(1, entries().size(), "one entry per history");
        assertEquals(1, first.unmodelled().size(), "what was not modelled is part of the result: " + first.unmodelled());
        assertTrue(first.schema().table(new QualifiedName("public", "orders")).isPresent());

        CountingParser counting = new CountingParser();
        SchemaReplay.Result later = new HistoryReplay(List.of(counting), Optional.of(new DiskReplayCache(dir, "0.1.0 build one")))
                .replay(Schema.EMPTY, HISTORY);
        assertEquals(first, later);
        assertEquals(0, counting.files.get(), "nothing parsed");
        try (PostgresStatementParser parser = new PostgresStatementParser()) {
            assertEquals(new HistoryReplay(parser).replay(Schema.EMPTY, HISTORY), later, "the same as without a cache");
        }
    }

    @Test
    void anotherEngineBuildReplaysAgain() throws IOException {
        try (PostgresStatementParser parser = new PostgresStatementParser()) {
            new HistoryReplay(List.of(parser), Optional.of(new DiskReplayCache(dir, "build one"))).replay(Schema.EMPTY, HISTORY);
        }
        CountingParser counting = new CountingParser();
        new HistoryReplay(List.of(counting), Optional.of(new DiskReplayCache(dir, "build two"))).replay(Schema.EMPTY, HISTORY);
        assertEquals(HISTORY.size(), counting.files.get(), "replayed by the new build");
        assertEquals(2, entries().size());
    }

    @Test
    void anyChangeToWhatIsAppliedNamesAnotherHistory() {
        byte[] secret = new byte[16];
        String key = key(secret, Dialect.POSTGRESQL, HISTORY);
        assertEquals(key, key(secret.clone(), Dialect.POSTGRESQL, List.copyOf(HISTORY)));
        MigrationScript v1 = HISTORY.get(0);
        MigrationScript v2 = HISTORY.get(1);
        char last = v1.content().charAt(v1.content().length() - 2);
        List<List<MigrationScript>> others = List.of(
                List.of(v2, v1),
                List.of(v1),
                List.of(v1, v2, v2),
                List.of(sql("db/migration/V1__renamed.sql", v1.content()), v2),
                List.of(sql(v1.path(), v1.content() + "DROP TABLE orders;\n"), v2),
                // one character, near the end of a long text
                List.of(sql(v1.path(), v1.content().substring(0, v1.content().length() - 2) + (char) (last + 1) + "\n"), v2),
                List.of(new MigrationScript(v1.path(), v1.tool(), null, v1.content(), List.of(new MigrationScript.Section(1, 1, true))), v2),
                List.of(new MigrationScript(v1.path(), v1.tool(), null, v1.content(), List.of(new MigrationScript.Section(2, 4, true))), v2),
                // the path and the text of one file must not run into the next
                List.of(sql(v1.path() + v1.content().charAt(0), v1.content().substring(1)), v2),
                // another format's file: its operations are what it applies
                List.of(v1, MigrationScript.ofOperations(v2.path(), MigrationTool.LIQUIBASE, null, v2.content(), List.of(operation("t")))));
        for (List<MigrationScript> other : others) {
            assertNotEquals(key, key(secret, Dialect.POSTGRESQL, other), other.toString());
        }
        assertNotEquals(key, key(secret, Dialect.MYSQL, HISTORY));
        List<MigrationScript> operations = List.of(MigrationScript.ofOperations("changelog.xml", MigrationTool.LIQUIBASE, null, "<x/>",
                List.of(operation("t"))));
        assertNotEquals(key(secret, Dialect.POSTGRESQL, operations), key(secret, Dialect.POSTGRESQL,
                List.of(MigrationScript.ofOperations("changelog.xml", MigrationTool.LIQUIBASE, null, "<x/>", List.of(operation("u"))))),
                "an operation's SQL");
        byte[] otherSecret = secret.clone();
        otherSecret[15] = 1;
        assertNotEquals(key, key(otherSecret, Dialect.POSTGRESQL, HISTORY), "another cache's secret");
        assertNotEquals(key, HistoryReplay.historyKey(secret, Dialect.POSTGRESQL, HISTORY, 1000), "another file-size limit");
    }

    /** Each build's entries live in a directory named after it, whatever characters its name holds. */
    @Test
    void aBuildsDirectoryIsItsNameInCharactersEveryFileSystemTakes() {
        String name = DiskReplayCache.directoryName("0.1.0-SNAPSHOT 2026-12-06T14:04:08Z");
        assertTrue(name.matches("build-0\\.1\\.0-SNAPSHOT_2026-12-06T14\\.04\\.08Z-[0-9a-f]+"), name);
        for (String odd : List.of("..", "/", "a/../../b", "ü", "x".repeat(500))) {
            String dir = DiskReplayCache.directoryName(odd);
            assertTrue(dir.matches("build-[A-Za-z0-9._+-]{0,80}-[0-9a-f]+"), dir);
        }
        assertNotEquals(DiskReplayCache.directoryName("1.0 12:00"), DiskReplayCache.directoryName("1.0 12.00"));
    }

    /** A file not read yet is named by its blob id, and naming it does not read it. */
    @Test
    void aFileFromGitIsNamedByItsBlobWithoutBeingRead() {
        byte[] secret = new byte[16];
        MigrationScript v1 = HISTORY.get(0);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Function<String, MigrationScript> fromBlob = blob -> new MigrationScript(v1.path(), v1.tool(), null,
                dev.migrationreview.format.ScriptText.deferred(v1.path(), Optional.of(blob), () -> {
                    reads.incrementAndGet();
                    return v1.content();
                }), List.of(MigrationScript.Section.wholeFile(true)));
        String key = key(secret, Dialect.POSTGRESQL, List.of(fromBlob.apply("a".repeat(40))));
        assertEquals(key, key(secret, Dialect.POSTGRESQL, List.of(fromBlob.apply("a".repeat(40)))));
        assertNotEquals(key, key(secret, Dialect.POSTGRESQL, List.of(fromBlob.apply("b".repeat(40)))), "another blob");
        assertEquals(0, reads.get(), "no file read to name the history");
        // the same text read, or given as text, is another name: a blob id and a text never share one
        assertNotEquals(key, key(secret, Dialect.POSTGRESQL, List.of(new MigrationScript(v1.path(), v1.tool(), null, "a".repeat(40),
                List.of(MigrationScript.Section.wholeFile(true))))));
    }

    private static String key(byte[] secret, Dialect dialect, List<MigrationScript> history) {
        return HistoryReplay.historyKey(secret, dialect, history, Long.MAX_VALUE);
    }

    private static dev.migrationreview.format.Operation operation(String table) {
        return new dev.migrationreview.format.Operation(new dev.migrationreview.sql.SourceSpan(1, 1, 1, 20), "createTable",
                List.of("CREATE TABLE " + table + " (id int)"), true, null);
    }

    @Test
    void theSecretIsMadeOnceAndKeptForEveryBuild() {
        byte[] first = new DiskReplayCache(dir, "build one").secret();
        assertEquals(16, first.length);
        assertTrue(java.util.Arrays.equals(first, new DiskReplayCache(dir, "build two").secret()), "read back, not made again");
        assertFalse(java.util.Arrays.equals(first, new DiskReplayCache(dir.resolve("elsewhere"), "build one").secret()),
                "another cache has its own");
    }

    @Test
    void aCorruptOrForeignEntryIsReplayedAgainAndReplaced() throws IOException {
        DiskReplayCache cache = new DiskReplayCache(dir, "v");
        SchemaReplay.Result replayed;
        try (PostgresStatementParser parser = new PostgresStatementParser()) {
            replayed = new HistoryReplay(List.of(parser), Optional.of(cache)).replay(Schema.EMPTY, HISTORY);
        }
        Path entry = entries().get(0);
        String key = entry.getFileName().toString().replace(".schema", "");
        byte[] whole = Files.readAllBytes(entry);

        Files.write(entry, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertTrue(cache.load(key).isEmpty(), "truncated");
        CacheFiles.write(entry, new java.util.HashMap<>(java.util.Map.of("not", "ours")));
        assertTrue(cache.load(key).isEmpty(), "a Java-serialized object, as older builds wrote entries");
        whole[7]++;
        Files.write(entry, whole);
        assertTrue(cache.load(key).isEmpty(), "another version of the entry layout");
        whole[7]--;
        assertTrue(cache.load("0".repeat(32)).isEmpty(), "another history's key");

        CountingParser counting = new CountingParser();
        assertEquals(replayed, new HistoryReplay(List.of(counting), Optional.of(cache)).replay(Schema.EMPTY, HISTORY));
        assertEquals(HISTORY.size(), counting.files.get(), "replayed again");
        assertEquals(replayed, cache.load(key).orElseThrow(), "and replaced");
    }

    @Test
    void keepsOnlyTheMostRecentlyUsedHistories() throws IOException {
        DiskReplayCache cache = new DiskReplayCache(dir, "v");
        SchemaReplay.Result result = new SchemaReplay.Result(Schema.EMPTY, List.of());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < DiskReplayCache.KEEP + 3; i++) {
            String key = String.format("%032x", i);
            keys.add(key);
            cache.store(key, result);
            // file times are coarse on some file systems: make the order of use explicit
            Files.setLastModifiedTime(entries().stream().filter(p -> p.toString().contains(key)).findFirst().orElseThrow(),
                    FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        assertEquals(DiskReplayCache.KEEP, entries().size());
        assertTrue(cache.load(keys.get(0)).isEmpty(), "the oldest went first");
        assertTrue(cache.load(keys.get(keys.size() - 1)).isPresent());
    }

    /** The report is the same to the byte with the history read from the cache, on a real project's history. */
    @Test
    void theReportOnACorpusHistoryIsByteIdenticalWhenReadFromTheCache() throws IOException {
        Optional<Path> corpus = SharedCorpus.present();
        Assumptions.assumeTrue(corpus.isPresent(), SharedCorpus::missingMessage);
        Path migrations = corpus.get().resolve("lemmy/migrations");
        List<Path> ups;
        try (Stream<Path> files = Files.walk(migrations)) {
            ups = files.filter(p -> p.getFileName().toString().equals("up.sql")).sorted().toList();
        }
        String change = """
                ALTER TABLE person ADD COLUMN note text;
                CREATE INDEX person_note_idx ON person (note);
                UPDATE person SET note = '' WHERE note IS NULL;
                ALTER TABLE person ALTER COLUMN note SET NOT NULL;
                """;
        List<String> withoutCache = reports(ups, change, Optional.empty());
        DiskReplayCache cache = new DiskReplayCache(dir, "v");
        List<String> writing = reports(ups, change, Optional.of(cache));
        assertEquals(1, entries().size(), "the history was written");
        List<String> reading = reports(ups, change, Optional.of(cache));
        assertEquals(withoutCache, writing);
        assertEquals(withoutCache, reading);
        assertTrue(withoutCache.get(0).contains("342 migration files replayed"), withoutCache.get(0));
    }

    /** JSON and text reports of one review, in a context of their own (as each command line run is). */
    private static List<String> reports(List<Path> history, String change, Optional<ReplayCache> cache) throws IOException {
        try (ApplicationContext context = ApplicationContext.builder(Environment.CLI).singletons(cache.stream().toArray()).start()) {
            MigrationFinder finder = context.getBean(MigrationFinder.class);
            List<MigrationScript> scripts = new ArrayList<>();
            for (Path p : history) {
                scripts.add(finder.script(p.toString(), Files.readString(p), null));
            }
            Report report = context.getBean(ReviewEngine.class).review(ReviewConfig.defaults(), scripts,
                    List.of(finder.script("change.sql", change, null)), Optional.empty());
            return List.of(JsonReport.render(report), TextReport.render(report, false));
        }
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".schema")).sorted().toList();
        }
    }

    /** A statement JSqlParser gave up on for lack of time would parse on a quieter machine: such a history is not kept. */
    @Test
    void aHistoryWhoseParsingTimedOutIsNotKept() throws IOException {
        CountingParser hurried = new CountingParser();
        hurried.timedOut = true;
        new HistoryReplay(List.of(hurried), Optional.of(new DiskReplayCache(dir, "v"))).replay(Schema.EMPTY, HISTORY);
        assertEquals(List.of(), entries());

        try (PostgresStatementParser parser = new PostgresStatementParser()) {
            List<ParsedStatement> parsed = parser.parse("INSERT INTO t VALUES (1);");
            assertTrue(parser.repeatable(parsed));
            ParsedStatement p = parsed.get(0);
            assertFalse(parser.repeatable(List.of(new ParsedStatement(p.raw(), p.kind(), p.statement(), p.source(), "Time out occurred."))));
        }
    }

    /** The real parser, counting the files it is asked to parse. */
    private static final class CountingParser implements StatementParser {
        private final PostgresStatementParser parser = new PostgresStatementParser();
        final AtomicInteger files = new AtomicInteger();
        boolean timedOut;

        @Override
        public boolean repeatable(List<ParsedStatement> statements) {
            return !timedOut;
        }

        @Override
        public Dialect dialect() {
            return Dialect.POSTGRESQL;
        }

        @Override
        public List<ParsedStatement> parse(String text) {
            files.incrementAndGet();
            return parser.parse(text);
        }
    }
}
