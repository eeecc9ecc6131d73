package dev.migrationreview.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The replay's names and dependent-object bookkeeping checked against a real PostgreSQL server: the
 * same history runs on both, and the catalogue's tables, columns, constraints and indexes must be
 * what the replay built. PostgreSQL refuses to run as root; run through {@code .ci/run}.
 */
class ReplayAgainstPostgresTest {

    private static final String HISTORY = """
            CREATE TYPE status AS ENUM ('new', 'done');
            CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, name text);
            CREATE TABLE orders (
                id serial PRIMARY KEY,
                customer_id bigint REFERENCES customers,
                amount numeric CHECK (amount > 0),
                status status NOT NULL DEFAULT 'new',
                lo int, hi int,
                CHECK (lo < hi),
                UNIQUE (customer_id, amount)
            );
            CREATE INDEX ON orders (customer_id);
            CREATE INDEX ON orders (customer_id);
            CREATE INDEX ON customers (lower(email));
            CREATE INDEX ON orders ((amount * 2));
            CREATE UNIQUE INDEX ON orders (customer_id, lo) WHERE hi IS NOT NULL;
            ALTER TABLE orders ADD COLUMN referrer_id bigint;
            ALTER TABLE orders ADD CONSTRAINT orders_referrer_fk FOREIGN KEY (referrer_id) REFERENCES customers (id) NOT VALID;
            ALTER TABLE orders ADD FOREIGN KEY (referrer_id) REFERENCES customers (id);
            ALTER TABLE orders ADD CHECK (amount < 100000) NOT VALID;
            ALTER TABLE orders RENAME COLUMN lo TO low;
            ALTER TABLE orders DROP COLUMN hi;
            ALTER TABLE customers RENAME TO clients;
            ALTER TABLE clients ALTER COLUMN name SET NOT NULL;
            CREATE UNIQUE INDEX CONCURRENTLY clients_name_idx_new ON clients (name);
            ALTER TABLE clients ADD CONSTRAINT clients_name_key UNIQUE USING INDEX clients_name_idx_new;
            CREATE TABLE a_really_long_table_name_for_testing_identifier_truncation (another_quite_long_column_name int);
            CREATE INDEX ON a_really_long_table_name_for_testing_identifier_truncation (another_quite_long_column_name);
            CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE INDEX ON events (kind);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE events_2025 (id bigint NOT NULL, at timestamptz NOT NULL, kind text);
            ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            ALTER TABLE events ADD COLUMN source text;
            ALTER TABLE events ADD CHECK (kind <> '');
            CREATE TABLE lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, price numeric, qty int,
                total numeric GENERATED ALWAYS AS (price * qty) STORED);
            ALTER TABLE lines RENAME COLUMN qty TO quantity;
            """;

    @Test
    void replayBuildsWhatPostgresBuilds() throws Exception {
        Object uid = new com.sun.security.auth.module.UnixSystem().getUid();
        Assumptions.assumeFalse(Long.valueOf(0).equals(uid), "PostgreSQL refuses to run as root: run the tests through .ci/run");

        MigrationScript script = new MigrationScript("V1__history.sql", MigrationTool.FLYWAY, "1", HISTORY,
                List.of(new MigrationScript.Section(1, HISTORY.split("\n", -1).length, true)));
        SchemaReplay.Result replayed = new HistoryReplay(new PostgresStatementParser()).replay(Schema.EMPTY, List.of(script));
        assertEquals(List.of(), replayed.unmodelled());

        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
                Connection connection = server.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            for (var statement : new PostgresStatementParser().parse(HISTORY)) {
                sql.execute(statement.raw().sql());
            }
            TreeMap<String, List<String>> catalogue = catalogue(sql);
            // the names PostgreSQL chose, as the comparison below requires the replay to choose them too
            assertTrue(catalogue.get("orders").containsAll(List.of("index orders_customer_id_idx1", "index orders_expr_idx",
                    "constraint orders_amount_check c", "constraint orders_amount_check1 c not valid", "constraint orders_referrer_id_fkey f",
                    "index orders_customer_id_amount_key unique", "column low")), () -> catalogue.get("orders").toString());
            assertTrue(catalogue.get("events_2025").contains("constraint events_2025_pkey p"));
            assertEquals(catalogue, describe(replayed.schema()));
        }
    }

    @Test
    void lemmyHistoryReplaysToWhatPostgresBuilds() throws Exception {
        Object uid = new com.sun.security.auth.module.UnixSystem().getUid();
        Assumptions.assumeFalse(Long.valueOf(0).equals(uid), "PostgreSQL refuses to run as root: run the tests through .ci/run");
        var root = Corpus.root();
        Assumptions.assumeTrue(root.isPresent(), Corpus::missingMessage);
        List<MigrationScript> history = Corpus.lemmyHistory(root.get());
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
                Connection connection = server.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            // the test classpath's server is PostgreSQL 14; lemmy's newest migrations need 16 (a FROM
            // subquery without an alias), so compare the part of the history that 14 runs
            int applied = 0;
            for (MigrationScript script : history) {
                try {
                    sql.execute(script.content());
                } catch (java.sql.SQLException e) {
                    break;
                }
                applied++;
            }
            assertTrue(applied >= 240, "only " + applied + " lemmy migrations ran on PostgreSQL 14");
            SchemaReplay.Result replayed = new HistoryReplay(new PostgresStatementParser()).replay(Schema.EMPTY, history.subList(0, applied));
            assertSameTables(catalogue(sql), describe(replayed.schema()));
        }
    }

    @Test
    void danbooruStructureLoadsToWhatPostgresBuilds() throws Exception {
        Object uid = new com.sun.security.auth.module.UnixSystem().getUid();
        Assumptions.assumeFalse(Long.valueOf(0).equals(uid), "PostgreSQL refuses to run as root: run the tests through .ci/run");
        var root = Corpus.root();
        Assumptions.assumeTrue(root.isPresent(), Corpus::missingMessage);
        MigrationScript dump = Corpus.structureSql(root.get(), "danbooru");
        SchemaReplay.Result replayed = new HistoryReplay(new PostgresStatementParser()).replay(Schema.EMPTY, List.of(dump));
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
                Connection connection = server.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute(dump.content());
            // pg_dump's set_config('search_path', '') lasts for the session
            sql.execute("SET search_path TO public");
            assertSameTables(catalogue(sql), describe(replayed.schema()));
        }
    }

    private static void assertSameTables(TreeMap<String, List<String>> catalogue, TreeMap<String, List<String>> described) {
        List<String> differences = new ArrayList<>();
        for (String table : catalogue.keySet()) {
            if (!java.util.Objects.equals(catalogue.get(table), described.get(table))) {
                differences.add(table + ": postgres " + catalogue.get(table) + "\n   replay " + described.get(table));
            }
        }
        for (String table : described.keySet()) {
            if (!catalogue.containsKey(table)) {
                differences.add(table + ": only in the replay");
            }
        }
        assertEquals(List.of(), differences, () -> String.join("\n", differences));
    }

    /** Per table of schema public: columns (name, not null), constraints (name, type, validated), indexes (name, unique). */
    private static TreeMap<String, List<String>> catalogue(Statement sql) throws Exception {
        TreeMap<String, List<String>> out = new TreeMap<>();
        try (ResultSet rs = sql.executeQuery("""
                SELECT c.relname, a.attname, a.attnotnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY c.relname, a.attnum""")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add("column " + rs.getString(2) + (rs.getBoolean(3) ? " not null" : ""));
            }
        }
        TreeMap<String, TreeSet<String>> more = new TreeMap<>();
        try (ResultSet rs = sql.executeQuery("""
                SELECT c.relname, k.conname, k.contype, k.convalidated FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND k.contype IN ('p', 'u', 'f', 'c', 'x')""")) {
            while (rs.next()) {
                more.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add("constraint " + rs.getString(2) + " " + rs.getString(3)
                        + (rs.getBoolean(4) ? "" : " not valid"));
            }
        }
        try (ResultSet rs = sql.executeQuery("""
                SELECT t.relname, i.relname, x.indisunique FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'""")) {
            while (rs.next()) {
                more.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add("index " + rs.getString(2) + (rs.getBoolean(3) ? " unique" : ""));
            }
        }
        more.forEach((table, items) -> out.computeIfAbsent(table, k -> new ArrayList<>()).addAll(items));
        return out;
    }

    private static TreeMap<String, List<String>> describe(Schema schema) {
        TreeMap<String, List<String>> out = new TreeMap<>();
        for (Table t : schema.tables().values()) {
            if (!"public".equals(t.name().schema())) {
                continue;
            }
            List<String> items = out.computeIfAbsent(t.name().name(), k -> new ArrayList<>());
            for (Column c : t.columns()) {
                items.add("column " + c.name() + (c.notNull() ? " not null" : ""));
            }
            TreeSet<String> more = new TreeSet<>();
            for (Constraint c : t.constraints()) {
                String type = switch (c.type()) {
                    case PRIMARY_KEY -> "p";
                    case UNIQUE -> "u";
                    case FOREIGN_KEY -> "f";
                    case CHECK -> "c";
                    case EXCLUDE -> "x";
                    case NOT_NULL -> "n";
                };
                more.add("constraint " + c.name() + " " + type + (c.validated() ? "" : " not valid"));
            }
            for (Index i : schema.indexesOn(t.name())) {
                more.add("index " + i.name().name() + (i.unique() ? " unique" : ""));
            }
            items.addAll(more);
        }
        return out;
    }
}
