package dev.migrationreview.postgres.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.analysis.StatementReport;
import io.micronaut.context.BeanContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Findings that depend on what the history created: foreign keys, functions, and what an ADD COLUMN builds. */
class HistoryAwareFindingsTest {

    private static final String HISTORY = """
            CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
            CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint CONSTRAINT invoices_account_fk REFERENCES accounts (id));
            CREATE TABLE payments (id bigint PRIMARY KEY, account_id bigint CONSTRAINT payments_account_fk REFERENCES accounts (id));
            CREATE TABLE refunds (id bigint PRIMARY KEY, payment_id bigint CONSTRAINT refunds_payment_fk REFERENCES payments (id));
            CREATE FUNCTION next_invoice_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
            CREATE FUNCTION tenant_prefix() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'acme' $$;
            CREATE FUNCTION region_code() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'eu' $$;
            ALTER FUNCTION region_code() VOLATILE;
            """;
    private static final String BIG = "tables:\n  invoices: { rows: 5000000 }\n  payments: { rows: 5000000 }\n  refunds: { rows: 5000000 }\n"
            + "  accounts: { rows: 5000000 }\n";

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

    private List<Finding> review(String sql) {
        return review(BIG, sql);
    }

    private List<Finding> review(String yaml, String sql) {
        ReviewConfig config = new YamlConfigLoader().parse("c.yml", yaml);
        return engine.review(config, List.of(finder.script("db/migration/V1__base.sql", HISTORY, null)),
                        List.of(finder.script("db/migration/V2__change.sql", sql, null)), Optional.empty())
                .files().stream().flatMap(f -> f.statements().stream()).map(StatementReport::findings).flatMap(List::stream).toList();
    }

    private static List<Finding> of(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }

    @Test
    void droppingForeignKeysOfSeveralTablesInOneTransactionIsSeen() {
        List<Finding> f = of(review("""
                ALTER TABLE invoices DROP CONSTRAINT invoices_account_fk;
                ALTER TABLE refunds DROP CONSTRAINT refunds_payment_fk;
                """), "several-strong-locks-in-transaction");
        assertEquals(1, f.size(), f.toString());
        assertEquals(2, f.get(0).line());
        assertTrue(f.get(0).message().contains("refunds"), f.get(0).message());
    }

    @Test
    void aSecondForeignKeyDropOnTheSameReferencedTableStillCountsTheNewTable() {
        List<Finding> f = of(review("""
                ALTER TABLE invoices DROP CONSTRAINT invoices_account_fk;
                ALTER TABLE payments DROP CONSTRAINT payments_account_fk;
                """), "several-strong-locks-in-transaction");
        assertEquals(1, f.size(), f.toString());
        assertEquals(2, f.get(0).line());
    }

    @Test
    void aFunctionTheHistoryCreatedWithoutVolatilityIsVolatile() {
        List<Finding> f = of(review("ALTER TABLE invoices ADD COLUMN code text DEFAULT next_invoice_code();\n"), "add-column-volatile-default");
        assertEquals(1, f.size(), f.toString());
    }

    @Test
    void anImmutableFunctionFromHistoryIsEvaluatedOnce() {
        assertEquals(List.of(), of(review("ALTER TABLE invoices ADD COLUMN tenant text DEFAULT tenant_prefix();\n"),
                "add-column-volatile-default"));
    }

    @Test
    void alterFunctionChangesTheVolatility() {
        assertEquals(1, of(review("ALTER TABLE invoices ADD COLUMN region text DEFAULT region_code();\n"),
                "add-column-volatile-default").size());
    }

    @Test
    void createOrReplaceChangesTheVolatility() {
        List<Finding> f = of(review("""
                CREATE OR REPLACE FUNCTION tenant_prefix() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT 'acme' $$;
                ALTER TABLE invoices ADD COLUMN tenant text DEFAULT tenant_prefix();
                """), "add-column-volatile-default");
        assertEquals(1, f.size(), f.toString());
    }

    @Test
    void anUnknownFunctionCountsAsVolatileAndKnownBuiltInsKeepTheirVolatility() {
        assertEquals(1, of(review("ALTER TABLE invoices ADD COLUMN ref text DEFAULT some_extension_fn();\n"), "add-column-volatile-default").size());
        assertEquals(List.of(), of(review("ALTER TABLE invoices ADD COLUMN at timestamptz DEFAULT now();\n"), "add-column-volatile-default"));
        assertEquals(List.of(), of(review("ALTER TABLE invoices ADD COLUMN total numeric(12,2) DEFAULT '0'::numeric(12,2);\n"),
                "add-column-volatile-default"));
        assertEquals(List.of(), of(review("ALTER TABLE invoices ADD COLUMN label text DEFAULT lower('A(b)');\n"),
                "add-column-volatile-default"));
    }

    @Test
    void inlineUniqueOnAddColumnReportsTheIndexBuild() {
        List<Finding> f = of(review("ALTER TABLE invoices ADD COLUMN external_ref text UNIQUE;\n"), "add-unique-constraint-without-index");
        assertEquals(1, f.size(), f.toString());
        Finding u = f.get(0);
        assertTrue(u.message().contains("builds a unique index on `public.invoices`") || u.message().contains("builds a unique index on `invoices`"),
                u.message());
        assertTrue(u.fix().contains("ALTER TABLE invoices ADD COLUMN external_ref text;"), u.fix());
        assertTrue(u.fix().contains("CREATE UNIQUE INDEX CONCURRENTLY invoices_external_ref_key ON invoices (external_ref);"), u.fix());
        assertTrue(u.fix().contains("ADD CONSTRAINT invoices_external_ref_key UNIQUE USING INDEX invoices_external_ref_key"), u.fix());
    }

    @Test
    void inlinePrimaryKeyOnAddColumnReportsTheIndexBuild() {
        List<Finding> f = of(review("ALTER TABLE invoices DROP CONSTRAINT invoices_pkey;\nALTER TABLE invoices ADD COLUMN uid uuid PRIMARY KEY;\n"),
                "add-unique-constraint-without-index");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).fix().contains("PRIMARY KEY USING INDEX invoices_pkey"), f.get(0).fix());
    }

    @Test
    void onPostgres10AConstantDefaultRewritesTheTable() {
        String sql = "ALTER TABLE invoices ADD COLUMN status_code varchar(255) NOT NULL DEFAULT 'pending';\n";
        for (String version : List.of("9.6", "10")) {
            List<Finding> f = of(review("database-version: \"" + version + "\"\n" + BIG, sql), "add-column-volatile-default");
            assertEquals(1, f.size(), version + ": " + f);
            assertEquals(dev.migrationreview.config.Risk.HIGH, f.get(0).risk());
            assertTrue(f.get(0).message().contains("Before PostgreSQL 11"), f.get(0).message());
        }
        assertEquals(List.of(), of(review("database-version: \"11\"\n" + BIG, sql), "add-column-volatile-default"));
    }
}
