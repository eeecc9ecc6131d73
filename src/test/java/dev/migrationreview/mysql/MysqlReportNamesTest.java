package dev.migrationreview.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationreview.report.JsonReport;
import dev.migrationreview.report.MarkdownReport;
import dev.migrationreview.sql.Dialect;
import org.junit.jupiter.api.Test;

/** MySQL has databases, not schemas: reports name a table as the migration does, never with PostgreSQL's {@code public}. */
class MysqlReportNamesTest {
    private static final String HISTORY = "CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(10));\n";

    private static JsonNode statement(Dialect dialect, String change) throws Exception {
        String json = JsonReport.render(MysqlReview.review(dialect, dialect == Dialect.MYSQL ? "8.0.35" : "10.11",
                HISTORY, change));
        return new ObjectMapper().readTree(json).get("files").get(0).get("statements").get(0);
    }

    @Test
    void anUnqualifiedTableIsReportedByItsName() throws Exception {
        JsonNode s = statement(Dialect.MYSQL, "ALTER TABLE orders MODIFY note varchar(100);\n");
        assertEquals("orders", s.get("locks").get(0).get("relation").asText());
        assertEquals("orders", s.get("rewrites").get(0).asText());
        assertEquals("orders", statement(Dialect.MARIADB, "ALTER TABLE orders ADD COLUMN x int;\n").get("locks").get(0).get("relation").asText());
    }

    @Test
    void aTableTheMigrationQualifiesKeepsItsDatabase() throws Exception {
        JsonNode s = statement(Dialect.MYSQL, "ALTER TABLE shop.orders ADD COLUMN x int;\n");
        assertEquals("shop.orders", s.get("locks").get(0).get("relation").asText());
    }

    @Test
    void theCheckRunTableNamesItTheSameWay() {
        String summary = MarkdownReport.render(MysqlReview.review(Dialect.MYSQL, "8.0.35", HISTORY, "ALTER TABLE orders ADD COLUMN x int;\n"));
        assertEquals(true, summary.contains("| orders EXCLUSIVE |"), summary);
    }
}
