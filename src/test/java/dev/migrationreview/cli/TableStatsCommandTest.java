package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.postgres.PostgresTableStatsSource;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.tablestats.TableStatistics;
import dev.migrationreview.tablestats.TableStatsFile;
import dev.migrationreview.tablestats.TableStatsSnapshot;
import io.micronaut.context.BeanContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code table-stats} against a real PostgreSQL server holding real tables, and a review that uses its file. */
class TableStatsCommandTest {
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "SKIPPED: PostgreSQL refuses to run as root; .ci/run runs the build as an unprivileged user");
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(Path.of(System.getProperty("java.io.tmpdir"),
                        "embedded-pg-" + System.getProperty("user.name")).toFile())
                .setServerConfig("autovacuum", "off")
                .setRegisterShutdownHook(false)
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id bigint PRIMARY KEY, email text)");
            s.execute("INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 5) g");
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, note text)");
            s.execute("INSERT INTO orders SELECT g, g % 5 + 1, repeat('x', 40) FROM generate_series(1, 300000) g");
            s.execute("UPDATE orders SET note = 'y' WHERE id <= 50000");
            s.execute("CREATE SCHEMA billing");
            s.execute("CREATE TABLE billing.invoices (id bigint, amount numeric)");
            s.execute("INSERT INTO billing.invoices SELECT g, g FROM generate_series(1, 1000) g");
            s.execute("CREATE TABLE events (at date NOT NULL, kind text) PARTITION BY RANGE (at)");
            s.execute("CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
            s.execute("CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
            s.execute("INSERT INTO events SELECT DATE '2025-06-01' + (g % 300), 'k' FROM generate_series(1, 20000) g");
            s.execute("CREATE TABLE never_analysed (id int)");
            s.execute("ANALYZE customers, orders, billing.invoices, events, events_2025, events_2026");
            // the write counters reach pg_stat_user_tables a moment after the transactions end
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                s.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet rs = s.executeQuery("SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = 'orders'")) {
                    if (rs.next() && rs.getLong(1) >= 350000) {
                        break;
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Test
    void writesRowsBytesAndWriteRatesOfEveryTable() throws Exception {
        Path out = dir.resolve(".github/migration-review-tables.json");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.execute(new String[] {"table-stats", "--database-url", url(), "--user", "postgres", "--out", out.toString(),
                "--hot-writes-per-second", "50"}, new PrintWriter(stdout), new PrintWriter(stderr));

        assertEquals(0, code, stderr.toString());
        assertTrue(stderr.toString().startsWith("Wrote 7 tables to "), stderr.toString());
        TableStatsSnapshot snapshot = TableStatsFile.read("tables.json", Files.readString(out));
        Map<String, TableStatistics> byName = snapshot.tables().stream()
                .collect(Collectors.toMap(TableStatistics::table, Function.identity()));

        TableStatistics orders = byName.get("orders");
        assertTrue(Math.abs(orders.rows() - 300_000) < 30_000, "ANALYZE's estimate: " + orders);
        assertTrue(orders.bytes() > 10L * 1024 * 1024, "heap and primary key of 300,000 rows: " + orders);
        assertTrue(orders.hot(), "350,000 writes in the seconds since the server started: " + orders);

        TableStatistics customers = byName.get("customers");
        assertEquals(5L, customers.rows());
        assertFalse(customers.hot(), "5 writes: " + customers);

        assertEquals(1000L, byName.get("billing.invoices").rows(), "a table outside public is named with its schema");
        // a partitioned table holds no rows itself: it is the sum of its partitions
        assertEquals(20000L, byName.get("events").rows());
        assertEquals(byName.get("events_2025").bytes() + byName.get("events_2026").bytes(), byName.get("events").bytes());
        assertEquals(null, byName.get("never_analysed").rows(), "never analysed: the row count is unknown, not 0");
        assertTrue(snapshot.serverVersion().matches("\\d+\\.\\d+"), snapshot.serverVersion());
    }

    @Test
    void theSessionCannotChangeAnything() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            new PostgresTableStatsSource().makeReadOnly(c);
            try (Statement s = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute("DELETE FROM customers"));
                assertEquals("25006", e.getSQLState(), e.getMessage());
                SQLException ddl = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE t (id int)"));
                assertEquals("25006", ddl.getSQLState(), ddl.getMessage());
            }
        }
    }

    @Test
    void theReviewRatesWithTheMeasuredSize() throws Exception {
        Path out = dir.resolve("tables.json");
        assertEquals(0, Main.execute(new String[] {"table-stats", "--database-url", url(), "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        ReviewConfig config = new YamlConfigLoader().load(new InMemoryRepositoryFiles(Map.of(
                ".github/migration-review.yml", "table-stats: .github/migration-review-tables.json\nlarge-table-rows: 100000\n",
                ".github/migration-review-tables.json", Files.readString(out))));

        try (BeanContext context = BeanContext.run()) {
            LayoutMigrationFinder finder = new LayoutMigrationFinder();
            List<Finding> findings = context.getBean(ReviewEngine.class).review(config,
                    List.of(finder.script("db/migration/V1__base.sql",
                            "CREATE TABLE customers (id bigint PRIMARY KEY, email text);\n"
                                    + "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, note text);\n", null)),
                    List.of(finder.script("db/migration/V2__idx.sql", "CREATE INDEX orders_customer_idx ON orders (customer_id);\n", null)),
                    Optional.empty()).files().get(0).statements().stream().map(StatementReport::findings).flatMap(List::stream).toList();
            Finding index = findings.stream().filter(f -> f.rule().equals("create-index-non-concurrent")).findFirst().orElseThrow();
            assertTrue(index.message().contains("about 3"), "the measured row count, not 'size unknown': " + index.message());
            assertFalse(index.message().contains("is unknown"), index.message());
        }
    }

    @Test
    void anUnreachableDatabaseIsAnInputErrorWithoutThePassword() {
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"table-stats", "--database-url", "jdbc:postgresql://127.0.0.1:1/shop?password=secret"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Main.EXIT_INPUT, code);
        assertTrue(err.toString().startsWith("migration-review: --database-url jdbc:postgresql://127.0.0.1:1/shop?…: "), err.toString());
        assertFalse(err.toString().contains("secret"), err.toString());
    }
}
