package dev.migrationreview.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.SessionState;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementEffects;
import dev.migrationreview.analysis.TransactionUse;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.schema.HistoryReplay;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/locks.md's table is the model's answer for every real-server case on every version 11-18, with the
 * schema the replay builds from the case's history. This test fails when the document and the model
 * disagree; {@code -DlocksDoc.write=true} rewrites the generated part.
 */
class LockTableDocumentTest {
    private static final Path DOCUMENT = Path.of("docs", "locks.md");
    private static final String BEGIN = "<!-- BEGIN GENERATED: LockTableDocumentTest -->";
    private static final String END = "<!-- END GENERATED -->";

    @Test
    void documentMatchesTheModel() throws Exception {
        String generated;
        try (PostgresStatementParser parser = new PostgresStatementParser()) {
            generated = render(parser);
        }
        String text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalStateException(DOCUMENT + " has no " + BEGIN + " ... " + END + " section");
        }
        String updated = text.substring(0, b + BEGIN.length()) + "\n" + generated + text.substring(e);
        if (Boolean.getBoolean("locksDoc.write")) {
            Files.writeString(DOCUMENT, updated, StandardCharsets.UTF_8);
            text = updated;
        }
        assertEquals(updated, text, DOCUMENT + " is out of date with the model: run this test with -DlocksDoc.write=true");
    }

    private static String render(PostgresStatementParser parser) {
        HistoryReplay replay = new HistoryReplay(parser);
        StringBuilder out = new StringBuilder();
        out.append("| case | statement | versions | locks | rewrites | scans | in a transaction |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (EffectsCase c : EffectsCase.all()) {
            Schema schema = Schema.EMPTY;
            for (ParsedStatement p : parser.parse(c.history())) {
                schema = replay.apply(schema, p).after();
            }
            ParsedStatement statement = parser.parse(c.statement() + ";\n").get(0);
            List<int[]> ranges = new ArrayList<>();
            List<String> rows = new ArrayList<>();
            for (int version = c.minVersion(); version <= c.maxVersion(); version++) {
                String row = row(effects(statement, schema, version));
                if (!rows.isEmpty() && rows.get(rows.size() - 1).equals(row)) {
                    ranges.get(ranges.size() - 1)[1] = version;
                } else {
                    rows.add(row);
                    ranges.add(new int[] {version, version});
                }
            }
            for (int i = 0; i < rows.size(); i++) {
                int[] r = ranges.get(i);
                out.append("| ").append(i == 0 ? c.name() : "").append(" | ").append(i == 0 ? "`" + oneLine(c.statement()) + "`" : "")
                        .append(" | ").append(r[0] == r[1] ? String.valueOf(r[0]) : r[0] + "-" + r[1]).append(" | ").append(rows.get(i))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static StatementEffects effects(ParsedStatement statement, Schema schema, int version) {
        ReviewConfig d = ReviewConfig.defaults();
        ReviewConfig config = new ReviewConfig(d.dialect(), version, d.migrations(), d.schemaFile(), d.deploy(), d.failOn(),
                d.largeTableRows(), d.tables(), d.rules(), d.ignorePaths());
        return new PostgresEffectsModel().effects(new StatementContext(config, null, statement, schema, Set.of(), List.of(),
                SessionState.INITIAL, true, StatementEffects.UNKNOWN));
    }

    private static String row(StatementEffects e) {
        if (!e.modelled()) {
            return "not modelled | | | ";
        }
        String locks = e.locks().stream().map(LockTableDocumentTest::lock).sorted().collect(Collectors.joining(", "));
        return (locks.isEmpty() ? "none" : locks) + " | " + names(e.rewrites()) + " | " + names(e.scans()) + " | "
                + (e.transactionUse() == TransactionUse.NOT_IN_TRANSACTION ? "**no**" : "yes");
    }

    private static String lock(RelationLock l) {
        return l.relation().name() + " " + l.mode().databaseName();
    }

    private static String names(List<QualifiedName> names) {
        return names.stream().map(QualifiedName::name).sorted().collect(Collectors.joining(", "));
    }

    private static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ").replace("|", "\\|");
    }
}
