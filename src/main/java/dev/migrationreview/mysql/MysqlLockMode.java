package dev.migrationreview.mysql;

import dev.migrationreview.analysis.LockImpact;
import dev.migrationreview.analysis.LockMode;

/**
 * The table-level metadata locks MySQL and MariaDB take, weakest first, named as
 * {@code performance_schema.metadata_locks.LOCK_TYPE} reports them, with the compatibility matrix of the server's
 * MDL subsystem (MySQL Reference Manual 10.11.4 "Metadata Locking"; the matrix in the MDL source, {@code mdl.h}).
 * What a mode blocks is derived from the matrix: a mode that conflicts with the SHARED_READ every SELECT takes
 * blocks reads; one that conflicts with the SHARED_WRITE every INSERT/UPDATE/DELETE takes blocks writes.
 */
public enum MysqlLockMode implements LockMode {
    /** SELECT. */
    SHARED_READ,
    /** INSERT, UPDATE, DELETE, SELECT ... FOR UPDATE. */
    SHARED_WRITE,
    /** ALTER TABLE and CREATE INDEX while an online (LOCK=NONE) change runs: only other schema changes wait. */
    SHARED_UPGRADABLE,
    /** ALTER TABLE ... ALGORITHM=COPY or LOCK=SHARED while it runs: reads go on, writes wait. */
    SHARED_NO_WRITE,
    /** LOCK TABLES ... WRITE, ALTER TABLE ... LOCK=EXCLUSIVE while it runs: reads and writes wait. */
    SHARED_NO_READ_WRITE,
    /** Held briefly at the start and end of every ALTER, and for DROP, RENAME, TRUNCATE: everything waits. */
    EXCLUSIVE;

    /** Row i: the modes mode i conflicts with, as bits over ordinals (granted-vs-requested matrix, symmetric here). */
    private static final int[] CONFLICTS = {
        bits(4, 5),
        bits(3, 4, 5),
        bits(2, 3, 4, 5),
        bits(1, 2, 3, 4, 5),
        bits(0, 1, 2, 3, 4, 5),
        bits(0, 1, 2, 3, 4, 5),
    };

    private static int bits(int... ordinals) {
        int b = 0;
        for (int o : ordinals) {
            b |= 1 << o;
        }
        return b;
    }

    @Override
    public String databaseName() {
        return name();
    }

    @Override
    public boolean conflictsWith(LockMode other) {
        return other instanceof MysqlLockMode m && (CONFLICTS[ordinal()] & (1 << m.ordinal())) != 0;
    }

    @Override
    public LockImpact impact() {
        if (conflictsWith(SHARED_READ)) {
            return LockImpact.READS_AND_WRITES;
        }
        if (conflictsWith(SHARED_WRITE)) {
            return LockImpact.WRITES;
        }
        if (conflictsWith(SHARED_UPGRADABLE)) {
            return LockImpact.SCHEMA_CHANGES;
        }
        return LockImpact.NOTHING;
    }

    /** Whether this mode is stronger than {@code other} (later in the list). */
    public boolean strongerThan(MysqlLockMode other) {
        return ordinal() > other.ordinal();
    }
}
