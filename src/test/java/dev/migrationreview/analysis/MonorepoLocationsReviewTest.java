package dev.migrationreview.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.config.Risk;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import io.micronaut.context.BeanContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A monorepo's services each migrate their own database: a change in one location is judged against that
 * location's history only, never against tables another service's migrations created.
 */
class MonorepoLocationsReviewTest {
    private static final String CONFIG = """
            migrations:
              - { path: services/billing/db/migration, tool: flyway }
              - { path: services/auth/migrations, tool: golang-migrate }
            tables:
              orders: { rows: 50000000 }
            """;
    private static final String BILLING_V1 = "services/billing/db/migration/V1__orders.sql";
    private static final String BILLING_V2 = "services/billing/db/migration/V2__orders_total.sql";
    private static final String AUTH_1 = "services/auth/migrations/000001_sessions.up.sql";
    private static final String AUTH_2 = "services/auth/migrations/000002_orders.up.sql";

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

    private static Map<String, String> base(boolean configured) {
        Map<String, String> base = new HashMap<>();
        if (configured) {
            base.put(".github/migration-review.yml", CONFIG);
        } else {
            base.put(".github/migration-review.yml", "tables:\n  orders: { rows: 50000000 }\n");
        }
        base.put(BILLING_V1, "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric(12, 2));\n");
        base.put(AUTH_1, "CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint NOT NULL);\n");
        base.put("services/auth/migrations/000001_sessions.down.sql", "DROP TABLE sessions;\n");
        return base;
    }

    private static Report review(Map<String, String> base, Map<String, String> added) throws IOException {
        Map<String, String> head = new HashMap<>(base);
        head.putAll(added);
        return reviewer.review(new InMemoryRepositoryFiles(base), new InMemoryRepositoryFiles(head), List.copyOf(added.keySet()));
    }

    private static List<Finding> findings(Report report, String path, String statementStart) {
        FileReport file = report.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not reviewed: " + report.files()));
        return file.statements().stream().filter(s -> s.sql().startsWith(statementStart))
                .map(StatementReport::findings).flatMap(List::stream).toList();
    }

    private static final String AUTH_ORDERS = """
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);
            CREATE INDEX orders_user_idx ON orders (user_id);
            """;

    @Test
    void aTableAnotherLocationCreatedIsNewInThisLocation() throws IOException {
        for (boolean configured : List.of(true, false)) {
            Report report = review(base(configured), Map.of(AUTH_2, AUTH_ORDERS,
                    "services/auth/migrations/000002_orders.down.sql", "DROP TABLE orders;\n"));

            List<Finding> index = findings(report, AUTH_2, "CREATE INDEX");
            assertTrue(index.stream().noneMatch(f -> f.risk().compareTo(Risk.LOW) >= 0),
                    "auth's orders is created by the same change, billing's 50M-row orders is another database: " + index);
            assertTrue(report.risk().compareTo(Risk.MEDIUM) < 0, "configured=" + configured + ": " + report.risk() + " " + report.files());
            assertEquals(List.of(AUTH_2), report.files().stream().map(FileReport::path).toList());
        }
    }

    @Test
    void aChangeToBothLocationsIsJudgedAgainstEachOnesHistory() throws IOException {
        for (boolean configured : List.of(true, false)) {
            Report report = review(base(configured), Map.of(
                    BILLING_V2, "CREATE INDEX orders_total_idx ON orders (total);\n",
                    AUTH_2, AUTH_ORDERS + "CREATE INDEX sessions_user_idx ON sessions (user_id);\n"));

            // files in location order: as listed in config, or, when detected, in path order
            assertEquals(configured ? List.of(BILLING_V2, AUTH_2) : List.of(AUTH_2, BILLING_V2), report.files().stream().map(FileReport::path).toList(), "configured=" + configured);
            List<Finding> billing = findings(report, BILLING_V2, "CREATE INDEX");
            assertTrue(billing.stream().anyMatch(f -> f.risk() == Risk.HIGH && f.message().contains("orders")),
                    "billing's orders has 50M rows in billing's history: " + billing);
            List<Finding> authOrders = findings(report, AUTH_2, "CREATE INDEX orders_user_idx");
            assertTrue(authOrders.stream().noneMatch(f -> f.risk().compareTo(Risk.LOW) >= 0), "auth's own new orders: " + authOrders);
            List<Finding> authSessions = findings(report, AUTH_2, "CREATE INDEX sessions_user_idx");
            assertFalse(authSessions.isEmpty(), "sessions exists in auth's history, so building its index locks it: " + report.files());
            assertEquals(Risk.HIGH, report.risk(), "the merged report's risk is the highest of the locations'");
            assertEquals(report.notes().size(), report.notes().stream().distinct().count(), "each note once: " + report.notes());
        }
    }
}
