package dev.migrationreview.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.config.Risk;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.analysis.FileReport;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.StatementReport;
import io.micronaut.context.BeanContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A change that edits migrations the base already has: only what the edit adds or changes is the change. */
class EditedMigrationReviewTest {
    private static final String V1 = """
            CREATE TABLE ledger_entries (
                id bigint PRIMARY KEY,
                amount numeric(12, 2) NOT NULL
            );
            """;
    private static final String V2 = """
            CREATE TABLE payouts (id bigint PRIMARY KEY, entry_id bigint NOT NULL);
            CREATE INDEX payouts_entry_idx ON payouts (entry_id);
            """;

    private static BeanContext context;
    private static RepositoryChangeReviewer reviewer;

    @BeforeAll
    static void start() {
        context = BeanContext.run();
        reviewer = context.getBean(RepositoryChangeReviewer.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static Report review(Map<String, String> base, Map<String, String> edits) throws IOException {
        Map<String, String> head = new HashMap<>(base);
        head.putAll(edits);
        return reviewer.review(new InMemoryRepositoryFiles(base), new InMemoryRepositoryFiles(head), List.copyOf(edits.keySet()));
    }

    private static List<Finding> findings(Report report, String path) {
        return report.files().stream().filter(f -> f.path().equals(path)).map(FileReport::statements).flatMap(List::stream)
                .map(StatementReport::findings).flatMap(List::stream).toList();
    }

    @Test
    void aCommentAddedToOldMigrationsDoesNotMakeTheirTablesNew() throws IOException {
        Report report = review(Map.of("db/migration/V1__ledger.sql", V1, "db/migration/V2__payouts.sql", V2), Map.of(
                "db/migration/V1__ledger.sql", "-- the ledger of record\n" + V1,
                "db/migration/V2__payouts.sql", "-- payouts owe their entries\n" + V2,
                "db/migration/V3__drop.sql", "DROP TABLE payouts;\n"));

        List<Finding> drop = findings(report, "db/migration/V3__drop.sql");
        assertTrue(drop.stream().anyMatch(f -> f.rule().equals("drop-table")), "payouts exists in production: " + drop);

        // the edited files show only the edit finding, on the statement below the added comment
        for (String path : List.of("db/migration/V1__ledger.sql", "db/migration/V2__payouts.sql")) {
            FileReport file = report.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
            assertEquals(1, file.statements().size(), path + ": " + file.statements());
            StatementReport s = file.statements().get(0);
            assertEquals(2, s.startLine());
            assertEquals(List.of("edited-applied-migration"), s.findings().stream().map(Finding::rule).toList());
            assertEquals(Risk.HIGH, s.findings().get(0).risk(), "Flyway's checksum validation stops the deploy");
            assertTrue(s.findings().get(0).message().contains("checksum"), s.findings().get(0).message());
        }
    }

    @Test
    void aStatementTheEditAddsIsReviewedAndTheOthersAreHistory() throws IOException {
        Report report = review(Map.of("db/migration/V1__ledger.sql", V1, "db/migration/V2__payouts.sql", V2), Map.of(
                "db/migration/V2__payouts.sql", V2 + "CREATE INDEX ledger_amount_idx ON ledger_entries (amount);\n"));

        FileReport file = report.files().get(0);
        assertEquals(List.of(3), file.statements().stream().map(StatementReport::startLine).toList(),
                "only the added statement is the change: " + file.statements());
        List<String> rules = file.statements().get(0).findings().stream().map(Finding::rule).toList();
        assertTrue(rules.contains("create-index-non-concurrent"), "ledger_entries is an existing table: " + rules);
        assertTrue(rules.contains("edited-applied-migration"), rules.toString());
    }

    @Test
    void aGolangMigrateEditIsMediumAndSaysTheFileNeverRunsAgain() throws IOException {
        Report report = review(Map.of("migrations/0001_ledger.up.sql", V1),
                Map.of("migrations/0001_ledger.up.sql", V1.replace("amount numeric(12, 2) NOT NULL", "amount numeric(14, 2) NOT NULL")));

        Finding f = findings(report, "migrations/0001_ledger.up.sql").stream()
                .filter(x -> x.rule().equals("edited-applied-migration")).findFirst().orElseThrow();
        assertEquals(Risk.MEDIUM, f.risk());
        assertTrue(f.message().contains("golang-migrate records only the version number"), f.message());
        // the changed CREATE TABLE is reviewed, but the table exists in production: it is not new
        assertEquals(1, f.line());
    }

    @Test
    void aDjangoMigrationEditedOnlyInItsPythonSaysItSendsTheSameSql() throws IOException {
        String path = "shop/migrations/0001_initial.py";
        String before = """
                from django.db import migrations, models


                def fill(apps, schema_editor):
                    pass


                class Migration(migrations.Migration):
                    initial = True
                    dependencies = []
                    operations = [
                        migrations.CreateModel(
                            name="Order",
                            fields=[("id", models.BigAutoField(primary_key=True)), ("note", models.TextField())],
                        ),
                        migrations.RunPython(fill),
                    ]
                """;
        String typed = before.replace("def fill(apps, schema_editor):", "def fill(apps: StateApps, schema_editor: Any) -> None:");

        Report report = review(Map.of(path, before), Map.of(path, typed));

        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith(path + " was edited, but what it sends to the database is unchanged")),
                String.join("\n", report.notes()));
        assertTrue(report.notes().stream().noneMatch(n -> n.contains("holds no `Migration` class")), String.join("\n", report.notes()));
    }
}
