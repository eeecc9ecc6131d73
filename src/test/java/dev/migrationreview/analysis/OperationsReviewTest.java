package dev.migrationreview.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.Operation;
import dev.migrationreview.report.FileReport;
import dev.migrationreview.report.JsonReport;
import dev.migrationreview.report.Report;
import dev.migrationreview.report.StatementReport;
import dev.migrationreview.sql.SourceSpan;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A file of a format that is not SQL reaches the engine as operations: each translated statement is reviewed at
 * its operation's span, and the report carries the operation as written next to the SQL.
 */
class OperationsReviewTest {
    private static ApplicationContext context;
    private static ReviewEngine engine;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder(Environment.CLI).start();
        engine = context.getBean(ReviewEngine.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static final String CHANGELOG = """
            <databaseChangeLog>
              <changeSet id="2" author="ana">
                <createIndex tableName="invoices" indexName="invoices_customer_idx">
                  <column name="customer_id"/>
                </createIndex>
                <customChange class="com.example.FillTotals"/>
              </changeSet>
            </databaseChangeLog>
            """;

    @Test
    void translatedStatementsAreReviewedAtTheirOperationsLines() {
        MigrationScript history = new MigrationScript("db/V1__invoices.sql", MigrationTool.FLYWAY, "1",
                "CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint);\n", List.of(new MigrationScript.Section(1, 1, true)));
        MigrationScript changed = MigrationScript.ofOperations("db/changelog/002.xml", MigrationTool.LIQUIBASE, null, CHANGELOG, List.of(
                new Operation(new SourceSpan(3, 5, 5, 21), "<createIndex tableName=\"invoices\" indexName=\"invoices_customer_idx\">",
                        List.of("CREATE INDEX invoices_customer_idx ON invoices(customer_id)"), true),
                new Operation(new SourceSpan(6, 5, 6, 48), "<customChange class=\"com.example.FillTotals\"/>", List.of(), true)));

        Report report = engine.review(ReviewConfig.defaults(), List.of(history), List.of(changed), Optional.empty());

        FileReport file = report.files().get(0);
        assertEquals("liquibase", file.tool());
        assertTrue(file.transactional());
        StatementReport index = file.statements().get(0);
        assertEquals(3, index.startLine());
        assertEquals(5, index.endLine());
        assertEquals("CREATE INDEX invoices_customer_idx ON invoices(customer_id)", index.sql());
        assertEquals("<createIndex tableName=\"invoices\" indexName=\"invoices_customer_idx\">", index.operation());
        assertTrue(index.findings().stream().anyMatch(f -> f.rule().equals("create-index-non-concurrent") && f.line() == 3),
                index.findings().toString());
        assertFalse(index.locks().isEmpty(), "the history's table is known, so the index build's lock is reported");

        StatementReport custom = file.statements().get(1);
        assertEquals(6, custom.startLine());
        assertFalse(custom.understood());
        assertTrue(custom.findings().stream().anyMatch(f -> f.rule().equals("statement-not-understood")));

        JsonNode json = JsonReport.tree(report).get("files").get(0).get("statements");
        assertEquals("<customChange class=\"com.example.FillTotals\"/>", json.get(1).get("operation").asText());
    }

    @Test
    void sqlFilesCarryNoOperation() {
        MigrationScript sql = new MigrationScript("db/V2__x.sql", MigrationTool.FLYWAY, "2", "SELECT 1;\n",
                List.of(new MigrationScript.Section(1, 1, true)));
        Report report = engine.review(ReviewConfig.defaults(), List.of(), List.of(sql), Optional.empty());
        assertNull(report.files().get(0).statements().get(0).operation());
        assertFalse(JsonReport.tree(report).get("files").get(0).get("statements").get(0).has("operation"));
    }
}
