package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.postgres.sql.PostgresStatementParser;
import dev.migrationreview.postgres.sql.PostgresStatementSplitter;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParseCache;
import dev.migrationreview.sql.ParsedStatement;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's on-disk parse cache: a second process reads what the first parsed, and bad entries are misses. */
class DiskParseCacheTest {
    private static final String HISTORY = """
            CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL DEFAULT 'new', customer_id bigint REFERENCES customers (id));
            ALTER TABLE orders ADD CONSTRAINT status_known CHECK (status IN ('new', 'paid')) NOT VALID;
            CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status) WHERE status <> 'paid';
            INSERT INTO orders (id, status) SELECT id, 'new' FROM legacy_orders;
            UPDATE orders SET status = 'paid' WHERE id = 1;
            FROBNICATE the widgets;
            """;

    @TempDir
    Path dir;

    private static PostgresStatementParser parser(ParseCache cache) {
        return new PostgresStatementParser(new PostgresStatementSplitter(), PostgresStatementParser.DEFAULT_TIMEOUT, 16, Optional.of(cache));
    }

    private static List<ParsedStatement> parsedWithoutCache() {
        try (PostgresStatementParser fresh = new PostgresStatementParser()) {
            return fresh.parse(HISTORY);
        }
    }

    @Test
    void aLaterProcessReadsTheSameStatementsFromDisk() throws IOException {
        try (PostgresStatementParser first = parser(new DiskParseCache(dir, "0.1.0 2026-12-06T06:00:00Z"))) {
            first.parse(HISTORY);
        }
        List<Path> entries = entries();
        assertEquals(1, entries.size(), "one entry per file text");

        RecordingCache second = new RecordingCache(new DiskParseCache(dir, "0.1.0 2026-12-06T06:00:00Z"));
        try (PostgresStatementParser later = parser(second)) {
            assertEquals(parsedWithoutCache(), later.parse(HISTORY));
        }
        assertEquals(List.of(), second.stored, "read, not parsed again");
    }

    @Test
    void anotherEngineBuildDoesNotReadTheEntries() throws IOException {
        try (PostgresStatementParser first = parser(new DiskParseCache(dir, "0.1.0 build one"))) {
            first.parse(HISTORY);
        }
        RecordingCache other = new RecordingCache(new DiskParseCache(dir, "0.1.0 build two"));
        try (PostgresStatementParser later = parser(other)) {
            later.parse(HISTORY);
        }
        assertEquals(1, other.stored.size(), "parsed again by the new build");
        assertEquals(2, entries().size());
    }

    @Test
    void truncatedForeignAndMismatchedEntriesAreMisses() throws IOException {
        DiskParseCache cache = new DiskParseCache(dir, "v");
        try (PostgresStatementParser first = parser(cache)) {
            first.parse(HISTORY);
        }
        Path entry = entries().get(0);
        byte[] whole = Files.readAllBytes(entry);
        String key = entry.getFileName().toString().replace(".ser", "");

        Files.write(entry, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertTrue(cache.load(Dialect.POSTGRESQL, key).isEmpty(), "truncated");

        try (OutputStream out = Files.newOutputStream(entry); ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(new HashMap<>(java.util.Map.of("not", "ours")));
        }
        assertTrue(cache.load(Dialect.POSTGRESQL, key).isEmpty(), "a class the cache does not accept");

        Files.write(entry, whole);
        assertTrue(cache.load(Dialect.POSTGRESQL, key).isPresent(), "the whole entry again");
        assertTrue(cache.load(Dialect.POSTGRESQL, "0".repeat(64)).isEmpty(), "another text's key");

        try (PostgresStatementParser again = parser(cache)) {
            Files.write(entry, new byte[] {1, 2, 3});
            assertEquals(parsedWithoutCache(), again.parse(HISTORY), "a corrupt entry is parsed again");
        }
        assertTrue(cache.load(Dialect.POSTGRESQL, key).isPresent(), "and replaced");
    }

    @Test
    void concurrentRunsWritingOneEntryLeaveAWholeOne() throws Exception {
        ExecutorService runs = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ParsedStatement>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(runs.submit(() -> {
                    try (PostgresStatementParser p = parser(new DiskParseCache(dir, "v"))) {
                        return p.parse(HISTORY);
                    }
                }));
            }
            for (Future<List<ParsedStatement>> r : results) {
                assertEquals(parsedWithoutCache(), r.get());
            }
        } finally {
            runs.shutdownNow();
        }
        List<Path> entries = entries();
        assertEquals(1, entries.size(), "one entry, no temporary files left: " + entries);
        String key = entries.get(0).getFileName().toString().replace(".ser", "");
        assertEquals(parsedWithoutCache(), new DiskParseCache(dir, "v").load(Dialect.POSTGRESQL, key).orElseThrow());
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static final class RecordingCache implements ParseCache {
        private final ParseCache inner;
        final List<String> stored = new ArrayList<>();

        RecordingCache(ParseCache inner) {
            this.inner = inner;
        }

        @Override
        public Optional<List<ParsedStatement>> load(Dialect dialect, String textSha256) {
            return inner.load(dialect, textSha256);
        }

        @Override
        public void store(Dialect dialect, String textSha256, List<ParsedStatement> statements) {
            stored.add(textSha256);
            inner.store(dialect, textSha256, statements);
        }
    }
}
