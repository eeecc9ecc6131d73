package dev.migrationreview.postgres.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.report.StatementReport;
import io.micronaut.context.BeanContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judgements that separate this catalogue from squawk's and others' known false positives and
 * misses, run through the real parser, schema replay and effects model.
 */
class ReviewerJudgementTest {

    private static final String HISTORY = """
            CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(50));
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, note varchar(50));
            """;

    private static BeanContext context;
    private static ReviewEngine engine;
    private final LayoutMigrationFinder finder = new LayoutMigrationFinder();

    @BeforeAll
    static void start() {
        context = BeanContext.run();
        engine = context.getBean(ReviewEngine.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private List<Finding> review(String yaml, String path, String sql) {
        ReviewConfig config = yaml == null ? ReviewConfig.defaults() : new YamlConfigLoader().parse("c.yml", yaml);
        return engine.review(config, List.of(finder.script("db/migration/V1__base.sql", HISTORY, null)),
                        List.of(finder.script(path, sql, null)), Optional.empty())
                .files().stream().flatMap(f -> f.statements().stream()).map(StatementReport::findings).flatMap(List::stream).toList();
    }

    private static List<Finding> of(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }

    @Test
    void typeChangeThatDoesNotRewriteIsNotFlagged() {
        List<Finding> f = review(null, "db/migration/V2__t.sql", "ALTER TABLE orders ALTER COLUMN note TYPE text;\n");
        assertEquals(List.of(), of(f, "alter-column-type-rewrite"));
        assertEquals(List.of(), of(f, "narrow-column-type"));
    }

    @Test
    void uniqueConstraintIsNeverToldToUseNotValid() {
        Finding f = of(review(null, "db/migration/V2__u.sql", "ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);\n"),
                "add-unique-constraint-without-index").get(0);
        assertNull(f.suggestion());
        assertFalse(f.fix().contains("UNIQUE (email) NOT VALID"), f.fix());
        assertTrue(f.fix().contains("CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email);"), f.fix());
        assertTrue(f.fix().contains("UNIQUE USING INDEX customers_email_key"), f.fix());
    }

    @Test
    void concurrentlyInASingleStatementWrappedFileIsCaught() {
        List<Finding> f = of(review(null, "db/migrations/20250101_idx.sql",
                "-- +goose Up\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n"), "concurrently-in-transaction");
        assertEquals(1, f.size());
        assertEquals(Risk.CRITICAL, f.get(0).risk());
        assertTrue(f.get(0).fix().contains("-- +goose NO TRANSACTION"), f.get(0).fix());
    }

    @Test
    void compatibilityRulesFollowTheDeployStrategy() {
        String sql = "ALTER TABLE orders RENAME COLUMN note TO comment;\n";
        assertEquals(Risk.HIGH, of(review(null, "db/migration/V2__r.sql", sql), "rename-column").get(0).risk());
        assertEquals(Risk.MEDIUM, of(review("deploy: blue-green\n", "db/migration/V2__r.sql", sql), "rename-column").get(0).risk());
        assertEquals(Risk.INFO, of(review("deploy: downtime-ok\n", "db/migration/V2__r.sql", sql), "rename-column").get(0).risk());
    }

    @Test
    void missingLockTimeoutIsOneFindingPerFileNamingEveryStatement() {
        List<Finding> f = of(review(null, "db/migration/V2__l.sql",
                "ALTER TABLE orders ADD COLUMN a text;\nALTER TABLE customers ADD COLUMN b text;\n"), "lock-timeout-missing");
        assertEquals(1, f.size());
        assertTrue(f.get(0).message().contains("line 1") && f.get(0).message().contains("line 2"), f.get(0).message());
        assertEquals(1, f.get(0).line());
        assertEquals("SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN a text;", f.get(0).suggestion());
    }

    @Test
    void knownRowsGiveAnEstimateAndUnknownSizesNameTheConfigKey() {
        String sql = "ALTER TABLE orders ALTER COLUMN customer_id TYPE text;\n";
        Finding unknown = of(review(null, "db/migration/V2__a.sql", sql), "alter-column-type-rewrite").get(0);
        assertTrue(unknown.message().contains("`tables.orders.rows`"), unknown.message());
        assertEquals(Risk.HIGH, unknown.risk());
        Finding known = of(review("tables:\n  orders: { rows: 50000000 }\n", "db/migration/V2__a.sql", sql), "alter-column-type-rewrite").get(0);
        assertTrue(known.message().contains("Estimated time for a rewrite of the table and its indexes of `orders`: minutes"), known.message());
        assertTrue(known.message().contains("AccessExclusiveLock"), known.message());
        assertEquals(Risk.CRITICAL, known.risk());
        assertTrue(known.fix().contains("ALTER TABLE orders ADD COLUMN customer_id_new text;"), known.fix());
    }

    @Test
    void objectsCreatedEarlierInTheChangeAreNotRisky() {
        List<Finding> f = review(null, "db/migration/V2__n.sql", """
                CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric, customer_id bigint);
                CREATE INDEX invoices_customer_idx ON invoices (customer_id);
                ALTER TABLE invoices ADD CONSTRAINT invoices_total_positive CHECK (total > 0);
                ALTER TABLE invoices ALTER COLUMN total SET NOT NULL;
                """);
        assertEquals(List.of(), f.stream().filter(x -> x.risk().atLeast(Risk.LOW)).toList());
    }

    @Test
    void foreignKeyOutsideATransactionGetsNotValidAndValidateAsItsSuggestion() {
        Finding f = of(review(null, "db/migration/V2__fk.sql", "-- flyway:executeInTransaction=false\n"
                + "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n"),
                "add-foreign-key-validating").get(0);
        assertNotNull(f.suggestion());
        assertEquals("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n"
                + "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;", f.suggestion());
    }

    @Test
    void addingNotNullColumnGetsTheFourStepRecipeWithTheUsersNames() {
        Finding f = of(review(null, "db/migration/V2__s.sql", "ALTER TABLE orders ADD COLUMN status text NOT NULL;\n"),
                "add-column-not-null-without-default").get(0);
        assertTrue(f.fix().contains("ALTER TABLE orders ADD COLUMN status text;"), f.fix());
        assertTrue(f.fix().contains("UPDATE orders SET status = <value>"), f.fix());
        assertTrue(f.fix().contains("CHECK (status IS NOT NULL) NOT VALID"), f.fix());
        assertTrue(f.fix().contains("ALTER TABLE orders ALTER COLUMN status SET NOT NULL;"), f.fix());
    }
}
