package dev.migrationreview.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one statement did on a real server: the strongest lock its backend held on each relation that
 * existed before it (pg_locks joined to the pg_class snapshot taken before, so locks on dropped
 * relations count and those on relations it created do not), the relations whose relfilenode changed
 * (rewritten), and those it read with a sequential scan without rewriting them
 * (pg_stat_xact_user_tables, seen inside the same transaction).
 *
 * @param refusedInTransaction the server rejected it inside a transaction block
 * @param watched              the locks were seen from another session while it ran (may miss short-lived ones)
 */
record ServerObservation(
        Map<String, PostgresLockMode> locks,
        Set<String> rewrites,
        Set<String> scans,
        boolean refusedInTransaction,
        boolean watched) {

    private static final String RELATIONS = """
            select c.oid::bigint, n.nspname || '.' || c.relname, c.relkind::text, c.relfilenode::bigint
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%'
              and n.nspname not like 'pg_toast_temp%'""";

    record Relation(String name, String kind, long relfilenode) {}

    static Map<Long, Relation> relations(Connection c) throws SQLException {
        Map<Long, Relation> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(RELATIONS)) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Relation(rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return out;
    }

    /** Runs the statement in BEGIN ... ROLLBACK on {@code c} (autocommit on when called). */
    static ServerObservation inTransaction(Connection c, String sql) throws SQLException {
        Map<Long, Relation> before = relations(c);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // Pending statistics of earlier transactions show in the xact view until the backend flushes them,
            // so the scan count is the difference across the statement, both read inside its transaction.
            Map<Long, Long> scansBefore = seqScans(s);
            try {
                s.execute(sql);
            } catch (SQLException e) {
                c.rollback();
                if (e.getMessage().contains("inside a transaction block")) {
                    return new ServerObservation(Map.of(), Set.of(), Set.of(), true, false);
                }
                throw e;
            }
            Map<String, PostgresLockMode> locks = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("select relation::bigint, mode from pg_locks where pid = pg_backend_pid() "
                    + "and locktype = 'relation' and granted")) {
                while (rs.next()) {
                    Relation r = before.get(rs.getLong(1));
                    if (r != null) {
                        PostgresLockMode m = PostgresLockMode.fromDatabaseName(rs.getString(2)).orElseThrow();
                        locks.merge(r.name(), m, PostgresLockMode::strongest);
                    }
                }
            }
            Set<String> scanned = new TreeSet<>();
            seqScans(s).forEach((relid, count) -> {
                Relation r = before.get(relid);
                if (r != null && count > scansBefore.getOrDefault(relid, 0L)) {
                    scanned.add(r.name());
                }
            });
            Set<String> rewrites = rewritten(before, relations(c));
            scanned.removeAll(rewrites);
            c.rollback();
            return new ServerObservation(locks, rewrites, scanned, false, false);
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Sequential scans per relation oid (keyed by oid: a statement may rename the relation). */
    private static Map<Long, Long> seqScans(Statement s) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (ResultSet rs = s.executeQuery("select relid::bigint, seq_scan from pg_stat_xact_user_tables")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static Set<String> rewritten(Map<Long, Relation> before, Map<Long, Relation> after) {
        Map<String, Long> nodeByName = new HashMap<>();
        after.values().forEach(r -> nodeByName.put(r.name(), r.relfilenode()));
        Set<String> out = new TreeSet<>();
        for (Relation r : before.values()) {
            Long now = nodeByName.get(r.name());
            if (r.relfilenode() != 0 && now != null && now != r.relfilenode()) {
                out.add(r.name());
            }
        }
        return out;
    }

    /**
     * Runs the statement outside a transaction on {@code runner} while {@code watcher} polls its locks.
     * When {@code blocker} is given, it already holds a lock that makes the statement wait; it is released
     * once the statement is seen waiting, so the locks held while waiting are caught.
     */
    static ServerObservation watched(Connection runner, Connection watcher, Connection blocker, String sql) throws Exception {
        Map<Long, Relation> before = relations(watcher);
        int pid;
        try (Statement s = runner.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try (Statement s = runner.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Map<String, PostgresLockMode> locks = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean released = blocker == null;
        int pollsAfterWait = 0;
        try (PreparedStatement poll = watcher.prepareStatement(
                "select relation::bigint, mode, granted, locktype from pg_locks where pid = ?")) {
            poll.setInt(1, pid);
            while (!run.isDone() && System.nanoTime() < deadline) {
                boolean waiting = false;
                try (ResultSet rs = poll.executeQuery()) {
                    while (rs.next()) {
                        if (!rs.getBoolean(3)) {
                            waiting = true;
                        } else if ("relation".equals(rs.getString(4))) {
                            Relation r = before.get(rs.getLong(1));
                            if (r != null) {
                                locks.merge(r.name(), PostgresLockMode.fromDatabaseName(rs.getString(2)).orElseThrow(),
                                        PostgresLockMode::strongest);
                            }
                        }
                    }
                }
                if (waiting && !released && ++pollsAfterWait >= 3) {
                    blocker.commit();
                    released = true;
                }
            }
        }
        if (!released) {
            blocker.commit();
        }
        run.get(30, TimeUnit.SECONDS);
        Set<String> rewrites = rewritten(before, relations(watcher));
        return new ServerObservation(locks, rewrites, Set.of(), false, true);
    }
}
