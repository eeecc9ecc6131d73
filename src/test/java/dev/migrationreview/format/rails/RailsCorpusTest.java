package dev.migrationreview.format.rails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import dev.migrationreview.sql.ParsedStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every migration of the Rails corpora read and every call translated to SQL or reported as not analysed, each
 * with a reason and at its line; no crash. The counts go to docs/parser-coverage.md; the numbers here are floors
 * (translated) and ceilings (not analysed), so a change that reads less fails.
 */
class RailsCorpusTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // corpus, migration files, calls translated (floor), not analysed (ceiling), translated SQL PostgreSQL's parser does not understand (ceiling)
            "rails-huginn, 72, 87, 54, 0",
            // lobsters runs on MySQL: its execute SQL (REPLACE LOW_PRIORITY) is read here with PostgreSQL's parser
            "rails-lobsters, 143, 392, 95, 4",
            // maybe: a doorkeeper migration's SQL Server branch (CREATE UNIQUE NONCLUSTERED INDEX)
            "rails-maybe, 199, 563, 21, 1",
            "rails-openstreetmap, 162, 572, 98, 0",
            "rails-rubygems, 234, 380, 14, 0",
    })
    void everyMigrationIsReadAndEveryCallTranslatedOrReported(String corpus, int files, int translated, int notAnalysed,
            int notUnderstood) throws IOException {
        assumeTrue(SharedCorpus.present().isPresent(), SharedCorpus.missingMessage());
        Path root = SharedCorpus.root().resolve(corpus);
        assumeTrue(Files.isDirectory(root), corpus + " is not in the corpus");
        List<MigrationScript> scripts = new LayoutMigrationFinder().find(new DirectoryRepositoryFiles(root), ReviewConfig.defaults())
                .stream().filter(s -> s.tool().configName().equals("rails")).toList();
        long onDisk;
        try (Stream<Path> walk = Files.walk(root)) {
            onDisk = walk.filter(p -> RailsFormat.isMigrationPath(root.relativize(p).toString().replace('\\', '/'))).count();
        }
        assertEquals(onDisk, scripts.size(), "every migration file is read");

        int schemaNotTranslated = 0;
        int ok = 0;
        int reported = 0;
        int statements = 0;
        int unparsed = 0;
        Map<String, Integer> byReason = new TreeMap<>();
        Map<String, Integer> unparsedKinds = new TreeMap<>();
        PostgresStatementParser parser = new PostgresStatementParser();
        for (MigrationScript script : scripts) {
            int lines = (int) script.content().lines().count();
            for (Operation op : script.operations()) {
                assertTrue(op.span().endLine() <= Math.max(1, lines), script.path() + ":" + op.span().startLine() + " span past the end");
                if (op.sql().isEmpty()) {
                    reported++;
                    assertTrue(op.untranslated() != null && !op.untranslated().isBlank(), script.path() + ": no reason");
                    String reason = op.untranslated().replaceAll("`[^`]*`", "`…`");
                    byReason.merge(reason.length() > 110 ? reason.substring(0, 110) : reason, 1, Integer::sum);
                    if (System.getProperty("rails.examples") != null) {
                        System.out.println("  EX " + script.path() + ":" + op.span().startLine() + " " + op.written() + " => " + op.untranslated());
                    }
                } else {
                    ok++;
                    statements += op.sql().size();
                }
            }
            for (ParsedStatement p : script.statements(parser)) {
                if (!p.understood() && !p.kind().equals("OPERATION")) {
                    unparsed++;
                    unparsedKinds.merge(p.kind() + " " + script.path() + ":" + p.span().startLine() + " " + oneLine(p.raw().sql()), 1, Integer::sum);
                }
            }
        }
        // the whole history replays into a schema: the translated SQL is what the engine can apply
        dev.migrationreview.schema.SchemaReplay.Result replayed = new dev.migrationreview.schema.HistoryReplay(parser)
                .replay(dev.migrationreview.sql.Dialect.POSTGRESQL, dev.migrationreview.schema.Schema.EMPTY, scripts);
        System.out.printf("%s: replayed into %d tables, %d statements not modelled%n", corpus, replayed.schema().tables().size(),
                replayed.unmodelled().size());
        replayed.unmodelled().stream().limit(8).forEach(u -> System.out.println("  unmodelled: " + u));
        Path schemaRb = root.resolve("db/schema.rb");
        if (Files.isRegularFile(schemaRb)) {
            MigrationScript schema = RailsFormat.schema("db/schema.rb", Files.readString(schemaRb),
                    dev.migrationreview.format.FormatContexts.postgres(), new RailsProject(null, "postgresql"));
            List<Operation> notRead = schema.operations().stream().filter(op -> op.sql().isEmpty()).toList();
            System.out.printf("%s: db/schema.rb: %d operations, %d not translated%n", corpus, schema.operations().size(), notRead.size());
            notRead.stream().limit(10).forEach(op -> System.out.println("  schema.rb:" + op.span().startLine() + " " + op.untranslated()));
            schemaNotTranslated = notRead.size();
        }
        System.out.printf("%s: %d files, %d calls translated (%d statements), %d not analysed, %d translated statements not understood%n",
                corpus, scripts.size(), ok, statements, reported, unparsed);
        byReason.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                .forEach(e -> System.out.println("  " + e.getValue() + "  " + e.getKey()));
        unparsedKinds.keySet().stream().limit(25).forEach(k -> System.out.println("  unparsed: " + k));
        assertTrue(scripts.size() >= files, corpus + ": files");
        assertTrue(ok >= translated, corpus + ": translated " + ok + " < " + translated);
        assertTrue(reported <= notAnalysed, corpus + ": not analysed " + reported + " > " + notAnalysed);
        assertTrue(unparsed <= notUnderstood, corpus + ": not understood " + unparsed + " > " + notUnderstood);
        assertEquals(0, schemaNotTranslated, corpus + ": every call of db/schema.rb is translated");
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() > 140 ? t.substring(0, 140) : t;
    }
}
