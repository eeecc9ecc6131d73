package dev.migrationreview.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.mysql.sql.MysqlStatementParser;
import dev.migrationreview.schema.HistoryReplay;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.SchemaReplay;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.statement.Statement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every MySQL statement of the shared corpus (kratos, authelia, ranger, killbill, temporal, dolphinscheduler) is
 * understood or explicitly reported as not understood, none crashes the parser or the schema replay, and the counts in
 * docs/parser-coverage.md's MySQL section are the measured ones ({@code -DparserCoverage.write=true} rewrites them).
 */
class MysqlCorpusCoverageTest {
    private static final Path DOCUMENT = Path.of("docs", "parser-coverage.md");
    private static final String BEGIN = "<!-- BEGIN GENERATED: MysqlCorpusCoverageTest -->";
    private static final String END = "<!-- END GENERATED: MysqlCorpusCoverageTest -->";
    private static final List<String> CORPORA = List.of("ory-kratos", "authelia", "apache-ranger", "killbill", "temporal", "dolphinscheduler");

    /** The corpus's MySQL files: every file naming mysql in its path; all of killbill's (MySQL only). */
    static List<Path> files(Path root, String corpus) throws IOException {
        Path dir = root.resolve(corpus);
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".sql"))
                    .filter(p -> corpus.equals("killbill") || dir.relativize(p).toString().toLowerCase(Locale.ROOT).contains("mysql"))
                    .sorted().toList();
        }
    }

    @Test
    void everyMysqlStatementIsUnderstoodOrSaidNotToBe() throws IOException {
        assumeTrue(SharedCorpus.present().isPresent(), SharedCorpus.missingMessage());
        Path root = SharedCorpus.root();
        MysqlStatementParser parser = new MysqlStatementParser();
        StringBuilder table = new StringBuilder("| corpus | files | statements | understood | not understood | unterminated | % understood |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Integer> notUnderstoodKinds = new TreeMap<>();
        int totalFiles = 0;
        int totalStatements = 0;
        int totalUnderstood = 0;
        for (String corpus : CORPORA) {
            List<Path> files = files(root, corpus);
            assertTrue(!files.isEmpty(), "no MySQL files in " + corpus);
            int statements = 0;
            int understood = 0;
            int unterminated = 0;
            List<MigrationScript> history = new ArrayList<>();
            for (Path file : files) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                List<ParsedStatement> parsed = parser.parse(text);
                for (ParsedStatement p : parsed) {
                    statements++;
                    if (p.understood()) {
                        understood++;
                    } else {
                        // nothing is dropped: a statement not understood says why
                        assertTrue(p.statement() instanceof Statement.Unrecognised u && !u.reason().isBlank(), file + ":" + p.span());
                        notUnderstoodKinds.merge(p.kind(), 1, Integer::sum);
                    }
                    if (p.raw().unterminated() != null) {
                        unterminated++;
                    }
                }
                history.add(MysqlReview.script(root.relativize(file).toString(), text));
            }
            // the whole corpus replays without an exception escaping
            SchemaReplay.Result replayed = new HistoryReplay(parser).replay(Dialect.MYSQL, Schema.EMPTY, history);
            assertTrue(replayed.schema().tables().size() > 0, corpus + ": the replay built no table");
            table.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %,d | %d | %.2f |%n", corpus, files.size(), statements, understood,
                    statements - understood, unterminated, statements == 0 ? 100.0 : 100.0 * understood / statements));
            totalFiles += files.size();
            totalStatements += statements;
            totalUnderstood += understood;
        }
        table.append(String.format(Locale.ROOT, "| **all** | %d | %,d | %,d | %,d | | %.2f |%n", totalFiles, totalStatements, totalUnderstood,
                totalStatements - totalUnderstood, 100.0 * totalUnderstood / totalStatements));
        if (!notUnderstoodKinds.isEmpty()) {
            table.append("\nNot understood, by kind: ");
            table.append(String.join(", ", notUnderstoodKinds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
            table.append(".\n");
        }
        String generated = table.toString();
        System.out.println(generated);
        String text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        assertTrue(b >= 0 && e > b, DOCUMENT + " has no " + BEGIN + " ... " + END + " section");
        String updated = text.substring(0, b + BEGIN.length()) + "\n" + generated + text.substring(e);
        if (Boolean.getBoolean("parserCoverage.write")) {
            Files.writeString(DOCUMENT, updated, StandardCharsets.UTF_8);
            text = updated;
        }
        assertEquals(updated, text, DOCUMENT + "'s MySQL section is out of date: run this test with -DparserCoverage.write=true");
    }
}
