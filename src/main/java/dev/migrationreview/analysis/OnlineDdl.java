package dev.migrationreview.analysis;

/**
 * How a server runs one online-DDL statement (MySQL and MariaDB ALTER TABLE, CREATE/DROP INDEX, OPTIMIZE TABLE):
 * the report's optional {@code statements[].ddl}. Absent for databases without online DDL (PostgreSQL).
 *
 * @param algorithm     what runs: with {@code ALGORITHM=DEFAULT} the cheapest the server supports for the operation on
 *                      that version; where the statement names {@code ALGORITHM=} itself, what it asked for
 * @param lock          the least restrictive lock level permitted with that algorithm, or the one the statement asked for
 * @param rebuildsTable the table is copied or rebuilt in place (it is then also in {@code rewrites})
 * @param requested     the statement names {@code ALGORITHM=} or {@code LOCK=} itself
 * @param refusal       when the server refuses what the statement asks for (the migration fails): why, in one sentence;
 *                      else null
 * @param instantChanges for an INSTANT change on a server that counts row versions (MySQL 8.0.29 and later): how many
 *                      INSTANT column changes the table has had since it was last rebuilt, this one included; else 0
 */
public record OnlineDdl(Algorithm algorithm, LockLevel lock, boolean rebuildsTable, boolean requested, String refusal,
        int instantChanges) {

    public OnlineDdl(Algorithm algorithm, LockLevel lock, boolean rebuildsTable) {
        this(algorithm, lock, rebuildsTable, false, null, 0);
    }

    /** True when the server refuses the statement's own ALGORITHM= or LOCK= request. */
    public boolean refused() {
        return refusal != null;
    }

    /** {@code ALGORITHM=} values, cheapest first; names as the servers spell them. */
    public enum Algorithm {
        /** Metadata only: no rows are touched. */
        INSTANT,
        /** MariaDB 10.3+: in place, without rebuilding the clustered index. */
        NOCOPY,
        /** In place inside the storage engine, concurrent DML allowed unless the lock says otherwise; may rebuild. */
        INPLACE,
        /** A new table is built row by row and swapped in; concurrent writes wait for the whole copy. */
        COPY
    }

    /** {@code LOCK=} levels, least restrictive first. */
    public enum LockLevel {
        /** Reads and writes go on. */
        NONE,
        /** Reads go on, writes wait. */
        SHARED,
        /** Reads and writes wait. */
        EXCLUSIVE
    }
}
