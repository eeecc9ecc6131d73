package dev.migrationreview.fuzz;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.StatementSplitter;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.fetch.Utf8Source;
import dev.migrationreview.postgres.sql.PostgresStatementSplitter;
import dev.migrationreview.analysis.FileReport;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.SchemaReplay;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.StatementParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Mutates migrations the ways real files and careless edits break them, and feeds each result through
 * every stage a review runs: splitter, parser, schema replay, and the whole engine as {@code analyze} runs it.
 * What must hold for any input: nothing throws, every statement and finding lies within the file's lines,
 * and each input is done in bounded time.
 */
final class MigrationFuzzer {
    /** No input may take longer than this through all stages (the review's own limit is far above any real file). */
    static final long MAX_MILLIS_PER_INPUT = 30_000;

    private final StatementSplitter splitter;
    private final StatementParser parser;
    private final SchemaReplay replay;
    private final ReviewEngine engine;
    private final MigrationFinder finder;
    private final ReviewConfig config;

    MigrationFuzzer(StatementParser parser, SchemaReplay replay, ReviewEngine engine, MigrationFinder finder) {
        this(new PostgresStatementSplitter(), parser, replay, engine, finder);
    }

    /** A fuzzer for the splitter's and parser's dialect, at that dialect's default version. */
    MigrationFuzzer(StatementSplitter splitter, StatementParser parser, SchemaReplay replay, ReviewEngine engine, MigrationFinder finder) {
        this.splitter = splitter;
        this.parser = parser;
        this.replay = replay;
        this.engine = engine;
        this.finder = finder;
        this.config = parser.dialect() == Dialect.POSTGRESQL ? ReviewConfig.defaults() : ReviewConfig.defaults().withDialect(parser.dialect());
    }

    /** Checks one input; returns what went wrong, or empty. */
    Optional<String> check(byte[] input) {
        long start = System.nanoTime();
        String text = Utf8Source.decode("fuzz.sql", input).text();
        // a newline ends the last line, it does not start another: nothing can sit on the "line" after it
        int lines = Math.max(1, (int) text.chars().filter(c -> c == '\n').count() + (text.endsWith("\n") ? 0 : 1));
        String stage = "split";
        try {
            for (RawStatement r : splitter.split(text)) {
                if (r.span().startLine() < 1 || r.span().endLine() > lines || r.span().startLine() > r.span().endLine()) {
                    return Optional.of("splitter: span " + r.span() + " outside the file's " + lines + " lines");
                }
            }
            stage = "parse";
            parser.parse(text);
            stage = "replay";
            MigrationScript script = finder.script("db/migration/V2__fuzz.sql", text, MigrationTool.FLYWAY, config);
            replay.replay(config.dialect(), Schema.EMPTY, List.of(script));
            stage = "review";
            Report report = engine.review(config, List.of(), List.of(script), Optional.empty());
            for (FileReport f : report.files()) {
                for (StatementReport s : f.statements()) {
                    if (s.startLine() < 1 || s.endLine() > lines || s.startLine() > s.endLine()) {
                        return Optional.of("review: statement " + s.startLine() + "-" + s.endLine() + " outside the file's " + lines + " lines");
                    }
                    for (Finding x : s.findings()) {
                        if (x.line() < 1 || x.endLine() > lines || x.line() > x.endLine()) {
                            return Optional.of("review: " + x.rule() + " at " + x.line() + "-" + x.endLine() + " outside the file's " + lines + " lines");
                        }
                    }
                }
            }
            for (String note : report.notes()) {
                if (note.contains("Exception") || note.contains("failed on")) {
                    return Optional.of("review note reports a failure: " + note);
                }
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Optional.of(stage + ": " + e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > MAX_MILLIS_PER_INPUT) {
            return Optional.of("took " + millis + " ms (bound " + MAX_MILLIS_PER_INPUT + " ms)");
        }
        return Optional.empty();
    }

    /** One mutated input, determined by the seed texts and the random source alone. */
    static byte[] mutate(List<String> seeds, Random random) {
        String text = seeds.get(random.nextInt(seeds.size()));
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            text = mutateOnce(text, seeds, random);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(12) == 0) {
            bytes = randomBytes(bytes, random);
        }
        return bytes;
    }

    private static String mutateOnce(String text, List<String> seeds, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        switch (random.nextInt(14)) {
            case 0 -> {
                return text.substring(0, at);
            }
            case 1 -> {
                int end = Math.min(text.length(), at + random.nextInt(400));
                String slice = text.substring(at, end);
                return text.substring(0, end) + slice.repeat(1 + random.nextInt(20)) + text.substring(end);
            }
            case 2 -> {
                String[] openers = {"'", "\"", "$$", "$body$", "/*", "E'", "--", "$", "U&'", "B'", "*/", "\\"};
                return text.substring(0, at) + openers[random.nextInt(openers.length)] + text.substring(at);
            }
            case 3 -> {
                String parens = random.nextBoolean() ? "(".repeat(1 + random.nextInt(50)) : ")".repeat(1 + random.nextInt(50));
                return text.substring(0, at) + parens + text.substring(at);
            }
            case 4 -> {
                int depth = 1 + random.nextInt(3_000);
                return text.substring(0, at) + "(".repeat(depth) + "1" + ")".repeat(random.nextBoolean() ? depth : random.nextInt(depth + 1))
                        + text.substring(at);
            }
            case 5 -> {
                String[] letters = {"\u00df", "x", "\u0130", "\u00e9", "\uD83D\uDE00", "_"};
                String name = letters[random.nextInt(letters.length)].repeat(1 + random.nextInt(30_000));
                return text.substring(0, at) + (random.nextBoolean() ? name : "\"" + name + "\"") + text.substring(at);
            }
            case 6 -> {
                return "\uFEFF" + text;
            }
            case 7 -> {
                return text.replace("\r\n", "\n").replace("\n", random.nextBoolean() ? "\r\n" : "\r");
            }
            case 8 -> {
                return text.substring(0, at) + "\0".repeat(1 + random.nextInt(5)) + text.substring(at);
            }
            case 9 -> {
                String other = seeds.get(random.nextInt(seeds.size()));
                int from = other.isEmpty() ? 0 : random.nextInt(other.length());
                return text.substring(0, at) + other.substring(from) ;
            }
            case 10 -> {
                List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                if (lines.size() > 1) {
                    lines.remove(random.nextInt(lines.size()));
                }
                return String.join("\n", lines);
            }
            case 11 -> {
                String[] words = {"BEGIN;", "COMMIT;", "ROLLBACK;", "END;", "CASE", "BEGIN ATOMIC", "\\gexec\n", "\\.\n", "delimiter //\n",
                        "COPY t FROM stdin;\n", "DO $$ BEGIN EXECUTE 'x'; END $$;", ";;;;", "-- migration-review:ignore drop-table\n",
                        "-- migration-review:ignore-file\n", "ALTER TABLE", "CREATE INDEX CONCURRENTLY", "ON", "USING", ","};
                return text.substring(0, at) + " " + words[random.nextInt(words.length)] + " " + text.substring(at);
            }
            case 12 -> {
                return ("SELECT " + random.nextInt(1000) + ";\n").repeat(1 + random.nextInt(1_000)) + text;
            }
            default -> {
                int end = Math.min(text.length(), at + random.nextInt(200));
                return text.substring(0, at) + text.substring(end);
            }
        }
    }

    private static byte[] randomBytes(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        int n = 1 + random.nextInt(Math.max(1, Math.min(64, out.length)));
        for (int i = 0; i < n && out.length > 0; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }
}
