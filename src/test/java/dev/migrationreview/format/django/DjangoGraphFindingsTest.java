package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.Risk;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.micronaut.context.BeanContext;
import org.junit.jupiter.api.Test;

/** What Django's loader refuses reaches the review at the migrations concerned, and the rest is still read in graph order. */
class DjangoGraphFindingsTest {
    private static String migration(String dependencies) {
        return "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n\n"
                + "    dependencies = [" + dependencies + "]\n\n    operations = []\n";
    }

    private static List<MigrationScript> scripts(Map<String, String> files) throws IOException {
        return new LayoutMigrationFinder().find(new InMemoryRepositoryFiles(files), ReviewConfig.defaults());
    }

    private static List<Operation> refusals(MigrationScript script) {
        return script.operations().stream().filter(op -> op.sql().isEmpty()).toList();
    }

    @Test
    void twoBranchesOfOneAppAreReportedOnBothLeavesAtTheirClassLine() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("orders/migrations/0001_initial.py", migration(""));
        files.put("orders/migrations/0002_priority.py", migration("(\"orders\", \"0001_initial\")"));
        files.put("orders/migrations/0002_status_index.py", migration("(\"orders\", \"0001_initial\")"));
        List<MigrationScript> scripts = scripts(files);
        assertEquals(List.of("orders/migrations/0001_initial.py", "orders/migrations/0002_priority.py",
                "orders/migrations/0002_status_index.py"), scripts.stream().map(MigrationScript::path).toList(), "Django's plan");
        for (MigrationScript leaf : scripts.subList(1, 3)) {
            Operation refusal = refusals(leaf).get(0);
            assertEquals(4, refusal.span().startLine(), "at `class Migration`");
            assertEquals("Conflicting migrations in app orders", refusal.written());
            assertTrue(refusal.untranslated().contains("0002_priority, 0002_status_index"), refusal.untranslated());
            assertTrue(refusal.untranslated().contains("makemigrations --merge"), refusal.untranslated());
            assertTrue(refusal.refused(), "migrate stops: not merely an operation left unanalysed");
        }
        assertEquals(List.of(), refusals(scripts.get(0)));
    }

    @Test
    void theReviewOfTheBranchThatMakesASecondLeafSaysMigrateWillStop() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("orders/migrations/0001_initial.py", migration(""));
        files.put("orders/migrations/0002_priority.py", migration("(\"orders\", \"0001_initial\")"));
        List<MigrationScript> base = scripts(files);
        files.put("orders/migrations/0002_status_index.py", migration("(\"orders\", \"0001_initial\")"));
        MigrationScript added = scripts(files).stream().filter(s -> s.path().endsWith("0002_status_index.py")).findFirst().orElseThrow();
        try (BeanContext context = BeanContext.run()) {
            List<Finding> findings = context.getBean(ReviewEngine.class).review(ReviewConfig.defaults(), base, List.of(added),
                    Optional.empty()).files().stream().flatMap(f -> f.statements().stream()).flatMap(s -> s.findings().stream()).toList();
            Finding refused = findings.stream().filter(f -> f.rule().equals("migration-refused")).findFirst()
                    .orElseThrow(() -> new AssertionError(findings.toString()));
            assertEquals(Risk.HIGH, refused.risk());
            assertEquals(4, refused.line(), "at `class Migration`");
            assertTrue(refused.message().contains("Conflicting migrations detected"), refused.message());
        }
    }

    @Test
    void aDependencyOnAMigrationThatDoesNotExistIsReportedAtItsLine() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("orders/migrations/0001_initial.py", migration(""));
        files.put("orders/migrations/0002_priority.py", migration("(\"orders\", \"0001_intial\")"));
        MigrationScript second = scripts(files).stream().filter(s -> s.path().endsWith("0002_priority.py")).findFirst().orElseThrow();
        Operation refusal = refusals(second).stream().filter(op -> op.written().equals("Migration graph")).findFirst().orElseThrow();
        assertEquals(6, refusal.span().startLine());
        assertTrue(refusal.untranslated().contains("app 'orders' has no migration 0001_intial"), refusal.untranslated());
    }

    @Test
    void aSquashedMigrationReplacesItsMigrationsInTheReview() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("orders/migrations/0001_initial.py", migration(""));
        files.put("orders/migrations/0002_priority.py", migration("(\"orders\", \"0001_initial\")"));
        files.put("orders/migrations/0001_squashed_0002_priority.py", migration("").replace("    operations",
                "    replaces = [(\"orders\", \"0001_initial\"), (\"orders\", \"0002_priority\")]\n\n    operations"));
        files.put("orders/migrations/0003_status.py", migration("(\"orders\", \"0002_priority\")"));
        assertEquals(List.of("orders/migrations/0001_squashed_0002_priority.py", "orders/migrations/0003_status.py"),
                scripts(files).stream().map(MigrationScript::path).toList());
    }
}
