package dev.migrationreview.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.config.Risk;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.StatementReport;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A stray quote is a high finding at its line, and what follows it is still reviewed. */
class UnterminatedLiteralReviewTest {
    private static ApplicationContext context;
    private static ReviewEngine engine;
    private static MigrationFinder finder;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder(Environment.CLI).start();
        engine = context.getBean(ReviewEngine.class);
        finder = context.getBean(MigrationFinder.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static final MigrationScript HISTORY = new MigrationScript("db/migration/V1__orders.sql", MigrationTool.FLYWAY, "1",
            "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n", List.of(new MigrationScript.Section(1, 2, true)));

    @Test
    void aStrayQuoteIsAHighFindingAndTheDropAfterItIsStillSeen() {
        String change = "UPDATE orders SET note = 'customer''s request;\nDROP TABLE orders;\n";
        Report report = engine.review(ReviewConfig.defaults(), List.of(HISTORY),
                List.of(finder.script("db/migration/V2__notes.sql", change, MigrationTool.FLYWAY)), Optional.empty());
        List<StatementReport> statements = report.files().get(0).statements();
        assertEquals(2, statements.size(), statements.toString());
        Finding stray = statements.get(0).findings().stream().filter(f -> f.rule().equals("unterminated-literal")).findFirst().orElseThrow();
        assertEquals(Risk.HIGH, stray.risk());
        assertEquals(1, stray.line());
        assertTrue(stray.message().startsWith("The string literal opened with `'` on line 1, column 26 is never closed."), stray.message());
        assertTrue(stray.fix().contains("written twice"), stray.fix());
        assertTrue(statements.get(1).findings().stream().anyMatch(f -> f.rule().equals("drop-table")), statements.get(1).toString());
        for (StatementReport s : statements) {
            assertTrue(s.endLine() <= 2, "within the file: " + s);
        }
    }
}
