package dev.migrationreview.postgres;

import dev.migrationreview.analysis.LockImpact;
import dev.migrationreview.analysis.LockMode;
import java.util.Locale;
import java.util.Optional;

/**
 * PostgreSQL's eight table-level lock modes, weakest first, with the conflict table of the
 * "Explicit Locking" chapter. What a mode blocks is derived from that table: a mode that conflicts
 * with the AccessShareLock every SELECT takes blocks reads; one that conflicts with the
 * RowExclusiveLock every INSERT/UPDATE/DELETE takes blocks writes; one that conflicts only with
 * ShareUpdateExclusiveLock and stronger blocks only schema changes and maintenance (VACUUM, ANALYZE,
 * CREATE INDEX CONCURRENTLY).
 */
public enum PostgresLockMode implements LockMode {
    ACCESS_SHARE("AccessShareLock", "ACCESS SHARE"),
    ROW_SHARE("RowShareLock", "ROW SHARE"),
    ROW_EXCLUSIVE("RowExclusiveLock", "ROW EXCLUSIVE"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", "SHARE UPDATE EXCLUSIVE"),
    SHARE("ShareLock", "SHARE"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", "SHARE ROW EXCLUSIVE"),
    EXCLUSIVE("ExclusiveLock", "EXCLUSIVE"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock", "ACCESS EXCLUSIVE");

    /** Row i lists the modes mode i conflicts with, as a bit set over ordinals (PostgreSQL's lock.c table). */
    private static final int[] CONFLICTS = {
        bits(7),
        bits(6, 7),
        bits(4, 5, 6, 7),
        bits(3, 4, 5, 6, 7),
        bits(2, 3, 5, 6, 7),
        bits(2, 3, 4, 5, 6, 7),
        bits(1, 2, 3, 4, 5, 6, 7),
        bits(0, 1, 2, 3, 4, 5, 6, 7),
    };

    private final String databaseName;
    private final String sqlName;

    PostgresLockMode(String databaseName, String sqlName) {
        this.databaseName = databaseName;
        this.sqlName = sqlName;
    }

    private static int bits(int... ordinals) {
        int b = 0;
        for (int o : ordinals) {
            b |= 1 << o;
        }
        return b;
    }

    @Override
    public String databaseName() {
        return databaseName;
    }

    /** The name as LOCK TABLE writes it ({@code SHARE ROW EXCLUSIVE}). */
    public String sqlName() {
        return sqlName;
    }

    @Override
    public boolean conflictsWith(LockMode other) {
        return other instanceof PostgresLockMode p && (CONFLICTS[ordinal()] & (1 << p.ordinal())) != 0;
    }

    @Override
    public LockImpact impact() {
        if (conflictsWith(ACCESS_SHARE)) {
            return LockImpact.READS_AND_WRITES;
        }
        if (conflictsWith(ROW_EXCLUSIVE)) {
            return LockImpact.WRITES;
        }
        if (conflictsWith(SHARE_UPDATE_EXCLUSIVE)) {
            return LockImpact.SCHEMA_CHANGES;
        }
        return LockImpact.NOTHING;
    }

    public boolean strongerThan(PostgresLockMode other) {
        return ordinal() > other.ordinal();
    }

    public static PostgresLockMode strongest(PostgresLockMode a, PostgresLockMode b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** By {@code pg_locks.mode} name ({@code ShareLock}). */
    public static Optional<PostgresLockMode> fromDatabaseName(String name) {
        for (PostgresLockMode m : values()) {
            if (m.databaseName.equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** By the words of {@code LOCK TABLE ... IN <mode> MODE}, any case and spacing; ACCESS EXCLUSIVE when blank. */
    public static Optional<PostgresLockMode> fromSqlName(String words) {
        if (words == null || words.isBlank()) {
            return Optional.of(ACCESS_EXCLUSIVE);
        }
        String w = words.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (w.endsWith(" MODE")) {
            w = w.substring(0, w.length() - 5);
        }
        for (PostgresLockMode m : values()) {
            if (m.sqlName.equals(w)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
