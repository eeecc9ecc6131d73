package dev.migrationreview.analysis;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;

/**
 * What one statement does to a live database, from the dialect's model: the locks it takes, the
 * relations whose storage it rewrites, those it reads in full under its lock, whether it may run in a
 * transaction. Rules read this; they never re-derive it.
 *
 * @param locks      one entry per relation, strongest mode held
 * @param rewrites   relations given new storage (a new relfilenode in PostgreSQL)
 * @param scans      relations read in full while the lock is held, without a rewrite
 * @param transactionUse whether it can run inside a transaction block
 * @param modelled   false when the model has no entry for this statement (effects then unknown)
 * @param notes      facts the model knows that a reviewer should see (version caveats, assumptions)
 * @param ddl        for a dialect with online DDL (MySQL, MariaDB): how the server runs this statement; else null
 */
public record StatementEffects(
        List<RelationLock> locks,
        List<QualifiedName> rewrites,
        List<QualifiedName> scans,
        TransactionUse transactionUse,
        boolean modelled,
        List<String> notes,
        OnlineDdl ddl) {

    public static final StatementEffects NONE = new StatementEffects(List.of(), List.of(), List.of(), TransactionUse.ANY, true, List.of());
    public static final StatementEffects UNKNOWN = new StatementEffects(List.of(), List.of(), List.of(), TransactionUse.ANY, false, List.of());

    public StatementEffects {
        locks = List.copyOf(locks);
        rewrites = List.copyOf(rewrites);
        scans = List.copyOf(scans);
        notes = List.copyOf(notes);
    }

    /** Effects of a dialect without online DDL (PostgreSQL). */
    public StatementEffects(List<RelationLock> locks, List<QualifiedName> rewrites, List<QualifiedName> scans,
            TransactionUse transactionUse, boolean modelled, List<String> notes) {
        this(locks, rewrites, scans, transactionUse, modelled, notes, null);
    }

    /** How the server runs it as online DDL, when the dialect has that and the statement is DDL. */
    public java.util.Optional<OnlineDdl> onlineDdl() {
        return java.util.Optional.ofNullable(ddl);
    }
}
