package dev.migrationreview.mysql.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.ReviewEngine;
import io.micronaut.context.BeanContext;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The review's notes name MySQL tables as its findings and report do: without PostgreSQL's {@code public}. */
class MysqlNotesTest {
    private static BeanContext context;
    private static ReviewEngine engine;

    @BeforeAll
    static void start() {
        context = BeanContext.run();
        engine = context.getBean(ReviewEngine.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void anUnknownTableSizeIsAskedForByTheTablesName() throws IOException {
        List<String> notes = MysqlRuleCatalogueTest.review(engine, "rename-column", "bad.sql",
                yaml -> yaml.replaceAll("(?s)tables:.*", "")).notes();
        assertTrue(notes.contains("Table sizes unknown for orders: risks assume they may be large; set tables.orders.rows in"
                + " .github/migration-review.yml for a sharper rating."), notes.toString());
    }
}
