package dev.migrationreview.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one statement did on a real MySQL or MariaDB server.
 *
 * @param algorithm     the cheapest ALGORITHM the server accepted for it (INSTANT, NOCOPY on MariaDB, INPLACE, COPY; tried in that order with
 *                      an explicit {@code ALGORITHM=}), or null for a statement that takes no ALGORITHM clause or that
 *                      names its own
 * @param lock          the least restrictive LOCK it accepted with that algorithm (NONE, SHARED, EXCLUSIVE; INSTANT is
 *                      NONE: MySQL accepts no LOCK clause with it)
 * @param rebuilt       the tables whose InnoDB table id changed (copied or rebuilt in place)
 * @param refused       the server's error when it refused the statement as written (an explicit ALGORITHM=/LOCK= it
 *                      cannot honour), else null
 * @param metadataLocks per table, the metadata lock types the statement's session held or waited for
 *                      (performance_schema.metadata_locks, seen from another session while a third held the table
 *                      open in a transaction)
 * @param waited        the statement waited for the open transaction on the table
 * @param queuedReaders a new reader of the table waited behind the waiting statement (lock_wait_timeout=1 expired)
 */
record ServerDdlObservation(String algorithm, String lock, Set<String> rebuilt, String refused, Map<String, Set<String>> metadataLocks,
        boolean waited, boolean queuedReaders) {

    /** Metadata lock types from weakest to strongest, as performance_schema names them. */
    static final List<String> MDL_ORDER = List.of("SHARED", "SHARED_HIGH_PRIO", "SHARED_READ", "SHARED_WRITE", "SHARED_WRITE_LOW_PRIO",
            "SHARED_READ_ONLY", "SHARED_UPGRADABLE", "SHARED_NO_WRITE", "SHARED_NO_READ_WRITE", "EXCLUSIVE");

    static String strongest(Set<String> types) {
        return types.stream().max((a, b) -> Integer.compare(MDL_ORDER.indexOf(a), MDL_ORDER.indexOf(b))).orElse(null);
    }

    /** A fresh database {@code mr} on {@code c}, with base.sql and the case's history applied; {@code c} uses it after. */
    static void prepare(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS mr");
            s.execute("CREATE DATABASE mr");
            s.execute("USE mr");
            s.execute("SET SESSION foreign_key_checks = 1");
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("history statement failed: " + sql + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** InnoDB table id by table name (without the schema) of every table in database {@code mr}. */
    static Map<String, Long> tableIds(Connection c, boolean mysql8) throws SQLException {
        String sql = mysql8 ? "SELECT name, table_id FROM information_schema.INNODB_TABLES WHERE name LIKE 'mr/%'"
                : "SELECT name, table_id FROM information_schema.INNODB_SYS_TABLES WHERE name LIKE 'mr/%'";
        Map<String, Long> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString(1).substring("mr/".length());
                if (!name.startsWith("#") && !name.startsWith("FTS_") && !name.startsWith("fts_")) {
                    out.put(name, rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Tables that existed before whose table id is gone and whose name now has another id. */
    static Set<String> rebuilt(Map<String, Long> before, Map<String, Long> after) {
        Set<String> out = new TreeSet<>();
        java.util.Collection<Long> ids = after.values();
        for (Map.Entry<String, Long> e : before.entrySet()) {
            Long now = after.get(e.getKey());
            if (!ids.contains(e.getValue()) && now != null) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** The clause that asks for {@code algorithm} and {@code lock} in this statement, or null when it takes none. */
    static String withClause(String statement, String algorithm, String lock) {
        String upper = statement.stripLeading().toUpperCase(Locale.ROOT);
        String lockPart = lock == null ? "" : "LOCK=" + lock;
        if (upper.startsWith("ALTER TABLE") || upper.startsWith("ALTER ONLINE TABLE") || upper.startsWith("ALTER IGNORE TABLE")) {
            return statement + ", ALGORITHM=" + algorithm + (lock == null ? "" : ", " + lockPart);
        }
        if (upper.matches("(?s)^(CREATE\\s+(UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX|DROP\\s+INDEX)\\b.*")) {
            return statement + " ALGORITHM=" + algorithm + (lock == null ? "" : " " + lockPart);
        }
        return null;
    }

    /**
     * Cheapest algorithm and least restrictive lock the server accepts: runs the statement (changing the table) once;
     * null when the server's grammar takes no such clause in this statement.
     */
    record Accepted(String algorithm, String lock, Map<String, String> refusals) {}

    static Accepted cheapest(Connection c, String statement, boolean mariadb) throws SQLException {
        Map<String, String> refusals = new LinkedHashMap<>();
        // MariaDB 10.3+ has NOCOPY between INSTANT and INPLACE: in place without rebuilding the clustered index
        List<String> algorithms = mariadb ? List.of("INSTANT", "NOCOPY", "INPLACE", "COPY") : List.of("INSTANT", "INPLACE", "COPY");
        try (Statement s = c.createStatement()) {
            for (String algorithm : algorithms) {
                // MySQL refuses any LOCK clause with INSTANT (error 1221), and INSTANT takes no lock beyond the metadata lock
                List<String> locks = algorithm.equals("INSTANT") ? java.util.Collections.singletonList(null) : List.of("NONE", "SHARED", "EXCLUSIVE");
                for (String lock : locks) {
                    String sql = withClause(statement, algorithm, lock);
                    try {
                        s.execute(sql);
                        return new Accepted(algorithm, lock == null ? "NONE" : lock, refusals);
                    } catch (SQLException e) {
                        refusals.put(algorithm + (lock == null ? "" : "/" + lock), e.getErrorCode() + " " + e.getMessage());
                    }
                }
            }
        }
        if (refusals.values().stream().allMatch(r -> r.startsWith("1064 "))) {
            return null; // this server's grammar takes no ALGORITHM/LOCK here (MariaDB's DROP INDEX ... ON): nothing was changed
        }
        throw new IllegalStateException("the server accepted no ALGORITHM/LOCK combination for " + statement + ": " + refusals);
    }

    /**
     * Runs {@code statement} as written on {@code runner} while {@code blocker} holds {@code table} open in a transaction
     * (a reader's SHARED_READ metadata lock) and {@code watcher} polls the runner's metadata locks; once the runner waits,
     * {@code reader} tries a new read of the table with lock_wait_timeout=1, then the blocker commits.
     *
     * @return the locks, and the server's error when it refused the statement
     */
    record Watched(Map<String, Set<String>> locks, boolean waited, boolean queuedReaders, SQLException error) {}

    static Watched watched(Connection runner, Connection watcher, Connection blocker, Connection reader, String table, String statement)
            throws Exception {
        long threadId;
        try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT THREAD_ID FROM performance_schema.threads WHERE PROCESSLIST_ID = " + connectionId(runner))) {
            rs.next();
            threadId = rs.getLong(1);
        }
        try (Statement s = blocker.createStatement()) {
            s.execute("USE mr");
            s.execute("START TRANSACTION");
            try (ResultSet rs = s.executeQuery("SELECT * FROM `" + table + "` LIMIT 1")) {
                while (rs.next()) {
                    // read: the transaction now holds the table's SHARED_READ metadata lock until it ends
                }
            }
        }
        CompletableFuture<SQLException> run = CompletableFuture.supplyAsync(() -> {
            try (Statement s = runner.createStatement()) {
                s.execute(statement);
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        Map<String, Set<String>> locks = new TreeMap<>();
        boolean waited = false;
        Boolean queued = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (PreparedStatement poll = watcher.prepareStatement("SELECT OBJECT_NAME, LOCK_TYPE, LOCK_STATUS FROM performance_schema.metadata_locks "
                + "WHERE OWNER_THREAD_ID = ? AND OBJECT_TYPE = 'TABLE' AND OBJECT_SCHEMA = 'mr'")) {
            poll.setLong(1, threadId);
            while (!run.isDone() && System.nanoTime() < deadline) {
                boolean pending = false;
                try (ResultSet rs = poll.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        if (name.startsWith("#") || name.toLowerCase(Locale.ROOT).startsWith("fts_")) {
                            continue; // the copy's intermediate table; a FULLTEXT index's auxiliary tables
                        }
                        locks.computeIfAbsent(name, k -> new TreeSet<>()).add(rs.getString(2));
                        pending |= "PENDING".equals(rs.getString(3));
                    }
                }
                if (pending && queued == null) {
                    waited = true;
                    queued = readerWaits(reader, table);
                    try (Statement s = blocker.createStatement()) {
                        s.execute("COMMIT");
                    }
                }
            }
        }
        if (queued == null) {
            try (Statement s = blocker.createStatement()) {
                s.execute("COMMIT");
            }
        }
        SQLException error;
        try {
            error = run.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the statement did not finish: " + statement, e);
        }
        return new Watched(locks, waited, Boolean.TRUE.equals(queued), error);
    }

    /** A new read of the table while the statement waits: does it queue behind the statement's pending lock? */
    private static boolean readerWaits(Connection reader, String table) throws SQLException {
        try (Statement s = reader.createStatement()) {
            s.execute("USE mr");
            s.execute("SET SESSION lock_wait_timeout = 1");
            try (ResultSet rs = s.executeQuery("SELECT * FROM `" + table + "` LIMIT 1")) {
                while (rs.next()) {
                    // read without waiting: nothing queued it
                }
            }
            return false;
        } catch (SQLException e) {
            if (e.getErrorCode() == 1205) {
                return true; // Lock wait timeout exceeded
            }
            throw e;
        }
    }

    private static long connectionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Observes {@code c} on {@code server}: prepares twice: once to find the algorithm (the run that is accepted changes the table), once to run it as written (ALGORITHM=DEFAULT, LOCK=DEFAULT) while its locks are watched and its tables' ids compared. */
    static ServerDdlObservation observe(RealMysql server, OnlineDdlCase c) throws Exception {
        return observe(server, OnlineDdlCase.base(), c);
    }

    /** As above, after {@code base} instead of the catalogue's base.sql. */
    static ServerDdlObservation observe(RealMysql server, List<String> base, OnlineDdlCase c) throws Exception {
        boolean mysql8 = server.release == RealMysql.Release.MYSQL_8_0;
        List<String> setup = new java.util.ArrayList<>(base);
        setup.addAll(c.history());
        String algorithm = null;
        String lock = null;
        if (!c.explicit() && withClause(c.statement(), "INPLACE", null) != null) {
            try (Connection conn = server.connect(null)) {
                prepare(conn, setup);
                Accepted accepted = cheapest(conn, c.statement(), server.release.mariadb);
                if (accepted != null) {
                    algorithm = accepted.algorithm();
                    lock = accepted.lock();
                }
            }
        }
        try (Connection runner = server.connect(null); Connection watcher = server.connect(null); Connection blocker = server.connect(null);
                Connection reader = server.connect(null)) {
            prepare(runner, setup);
            Map<String, Long> before = tableIds(watcher, mysql8);
            Watched w = watched(runner, watcher, blocker, reader, c.table(), c.statement());
            Set<String> rebuiltAsWritten = rebuilt(before, tableIds(watcher, mysql8));
            if (w.error() != null && !c.explicit()) {
                throw new IllegalStateException("the server refused " + c.statement() + ": " + w.error().getMessage(), w.error());
            }
            return new ServerDdlObservation(algorithm, lock, rebuiltAsWritten, w.error() == null ? null : w.error().getErrorCode() + " " + w.error().getMessage(),
                    w.locks(), w.waited(), w.queuedReaders());
        }
    }

    /** One line for the observations table: {@code INPLACE/NONE rebuilt=[t] mdl=t:SHARED_UPGRADABLE+EXCLUSIVE}. */
    String summary() {
        Map<String, String> mdl = new HashMap<>();
        metadataLocks.forEach((t, types) -> mdl.put(t, String.join("+", types)));
        return (algorithm == null ? "-" : algorithm + "/" + lock) + " rebuilt=" + rebuilt + (refused == null ? "" : " refused=" + refused)
                + " mdl=" + new TreeMap<>(mdl) + (waited ? " waited" : "") + (queuedReaders ? " readers-queued" : "");
    }
}
