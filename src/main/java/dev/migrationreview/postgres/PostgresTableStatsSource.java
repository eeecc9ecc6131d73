package dev.migrationreview.postgres;

import dev.migrationreview.tablestats.TableStatistics;
import dev.migrationreview.tablestats.TableStatsSnapshot;
import dev.migrationreview.tablestats.TableStatsSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Table sizes and write rates from PostgreSQL's catalogue: {@code pg_class.reltuples} (the planner's row
 * estimate, as fresh as the last ANALYZE or autovacuum), {@code pg_total_relation_size} (table, indexes and
 * TOAST) and the insert/update/delete counters of {@code pg_stat_user_tables} divided by the time since
 * the database's statistics were reset. A partitioned table is the sum of its partitions.
 */
@Singleton
public final class PostgresTableStatsSource implements TableStatsSource {

    private static final String RELATIONS = """
            SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples::float8 AS reltuples, c.relpages,
                   pg_total_relation_size(c.oid) AS bytes,
                   s.n_tup_ins + s.n_tup_upd + s.n_tup_del AS writes
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
            WHERE c.relkind IN ('r', 'p', 'm')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
            """;
    private static final String PARTITIONS = "SELECT inhparent, inhrelid FROM pg_inherits";
    private static final String STATS_AGE = """
            SELECT extract(epoch FROM now() - coalesce(
                (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()), pg_postmaster_start_time()))
            """;

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public void makeReadOnly(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        connection.setReadOnly(true);
        try (Statement s = connection.createStatement()) {
            // pgjdbc's setReadOnly only marks transactions it opens itself; the session setting covers every statement
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            s.execute("SET statement_timeout = '60s'");
            // pg_total_relation_size takes ACCESS SHARE on each table: give up rather than wait behind a migration
            s.execute("SET lock_timeout = '2s'");
            s.execute("SET application_name = 'migration-review table-stats'");
        }
    }

    @Override
    public TableStatsSnapshot read(Connection connection, double hotWritesPerSecond) throws SQLException {
        Map<Long, Relation> relations = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(RELATIONS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long writes = rs.getLong("writes");
                relations.put(rs.getLong("oid"), new Relation(rs.getString("nspname"), rs.getString("relname"),
                        rs.getString("relkind").charAt(0), rs.getDouble("reltuples"), rs.getLong("relpages"),
                        rs.getLong("bytes"), rs.wasNull() ? null : writes));
            }
        }
        Map<Long, List<Long>> children = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(PARTITIONS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                children.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        double seconds;
        try (PreparedStatement ps = connection.prepareStatement(STATS_AGE); ResultSet rs = ps.executeQuery()) {
            rs.next();
            seconds = Math.max(1, rs.getDouble(1));
        }
        String version;
        try (PreparedStatement ps = connection.prepareStatement("SHOW server_version"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            version = rs.getString(1).split(" ")[0];
        }

        List<TableStatistics> out = new ArrayList<>();
        for (Map.Entry<Long, Relation> e : relations.entrySet()) {
            Relation r = e.getValue();
            Totals t = totals(e.getKey(), relations, children, 0);
            Double rate = t.writes == null ? null : t.writes / seconds;
            String name = "public".equals(r.schema) ? r.name : r.schema + "." + r.name;
            out.add(new TableStatistics(name, t.rows, t.bytes, rate, rate != null && rate >= hotWritesPerSecond));
        }
        return new TableStatsSnapshot(Instant.now(), version, hotWritesPerSecond, out);
    }

    /** A plain table's own figures; a partitioned table's, the sum over its partitions (which hold its rows). */
    private static Totals totals(long oid, Map<Long, Relation> relations, Map<Long, List<Long>> children, int depth) {
        Relation r = relations.get(oid);
        if (r == null) {
            return new Totals(null, null, null);
        }
        if (r.kind != 'p' || depth > 32) {
            return new Totals(r.rows(), r.bytes, r.writes);
        }
        Long rows = null;
        long bytes = r.bytes;
        Long writes = null;
        for (long child : children.getOrDefault(oid, List.of())) {
            Totals c = totals(child, relations, children, depth + 1);
            if (c.rows != null) {
                rows = (rows == null ? 0 : rows) + c.rows;
            }
            if (c.bytes != null) {
                bytes += c.bytes;
            }
            if (c.writes != null) {
                writes = (writes == null ? 0 : writes) + c.writes;
            }
        }
        return new Totals(rows, bytes, writes);
    }

    private record Totals(Long rows, Long bytes, Long writes) {}

    private record Relation(String schema, String name, char kind, double reltuples, long relpages, long bytes, Long writes) {
        /**
         * Null when never analysed: PostgreSQL 14+ says -1; before 14 it says 0, so 0 tuples on a table holding
         * more than a megabyte means the same. The size in bytes still rates such a table.
         */
        Long rows() {
            if (reltuples < 0 || (reltuples == 0 && (relpages > 0 || bytes > 1024 * 1024))) {
                return null;
            }
            return Math.round(reltuples);
        }
    }
}
