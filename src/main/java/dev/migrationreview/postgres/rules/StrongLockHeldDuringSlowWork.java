package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.LockImpact;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.analysis.StatementEffects;
import dev.migrationreview.analysis.risk.LockDescription;
import dev.migrationreview.analysis.risk.LockHold;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lock is held until COMMIT: a brief ACCESS EXCLUSIVE taken early in a transaction lasts as long as the
 * slowest statement after it.
 */
@Singleton
public final class StrongLockHeldDuringSlowWork extends PostgresRule {

    public StrongLockHeldDuringSlowWork() {
        super("strong-lock-held-during-slow-work", Risk.HIGH,
                "An ACCESS EXCLUSIVE lock taken earlier in the transaction stays held while a later statement rewrites, scans, indexes or backfills");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        Optional<QualifiedName> slowOn = slowWorkTarget(context, context.statement().statement(), context.effects());
        if (slowOn.isEmpty()) {
            return List.of();
        }
        Map<QualifiedName, JudgedStatement> held = new LinkedHashMap<>();
        Map<QualifiedName, RelationLock> heldLocks = new LinkedHashMap<>();
        for (JudgedStatement j : FileScope.sameTransaction(context)) {
            // one finding per held lock: the first slow statement after it says it; later ones would repeat it
            if (!held.isEmpty() && slowWorkTarget(context, j.statement().statement(), j.effects()).isPresent()) {
                return List.of();
            }
            for (RelationLock l : j.effects().locks()) {
                if (l.kind() != RelationLock.RelationKind.INDEX && l.mode().impact() == LockImpact.READS_AND_WRITES
                        && !context.isNew(l.relation()) && !held.containsKey(l.relation().qualified())) {
                    held.put(l.relation().qualified(), j);
                    heldLocks.put(l.relation().qualified(), l);
                }
            }
        }
        // Blocking the slow statement's own table fully is already the rewrite/scan rules' finding, unless this statement alone would not.
        Optional<RelationLock> own = lockOn(context, slowOn.get());
        if (own.isPresent() && own.get().mode().impact() == LockImpact.READS_AND_WRITES) {
            held.remove(slowOn.get().qualified());
        }
        if (held.isEmpty()) {
            return List.of();
        }
        TableSize slowSize = TableSize.of(context, slowOn.get());
        Risk risk = RiskModel.lockRisk(LockImpact.READS_AND_WRITES, LockHold.PROPORTIONAL, slowSize);
        List<String> parts = new ArrayList<>();
        for (Map.Entry<QualifiedName, JudgedStatement> e : held.entrySet()) {
            parts.add("`" + e.getKey() + "` (" + LockDescription.sqlName(heldLocks.get(e.getKey()).mode()) + " since "
                    + FileScope.where(e.getValue()) + ")");
            if (TableSize.of(context, e.getKey()).hot()) {
                risk = RiskModel.raise(risk);
            }
        }
        String message = "This statement works through " + slowSize.describe() + " while the transaction still holds " + String.join(", ", parts)
                + ". Locks are released only at COMMIT, so every read and write on " + (held.size() == 1 ? "that table" : "those tables")
                + " waits for this statement to finish, and for any slow statement after it." + slowSize.unknownSizeNote();
        String fix = "Instead: commit between the quick lock and the slow work, i.e. put them in separate migrations (or run the slow part"
                + " first), and make the slow part non-blocking where possible (CREATE INDEX CONCURRENTLY, NOT VALID + VALIDATE, batched"
                + " backfills outside the transaction).";
        return report(context, risk, "Exclusive lock held while slow work runs", message, fix, null);
    }

    /** The existing table this statement spends time proportional to its size on, if any. */
    private static Optional<QualifiedName> slowWorkTarget(StatementContext context, Statement st, StatementEffects effects) {
        if (st instanceof Statement.TruncateTable) {
            // new storage, but no work proportional to the rows: TRUNCATE is quick
            return Optional.empty();
        }
        if (st instanceof Statement.AlterTable a && context.isNew(a.table())) {
            // a foreign key from a table this change created validates its (no) rows: the referenced table is only
            // probed per referencing row, so there is no work proportional to it, just a brief SHARE ROW EXCLUSIVE
            return Optional.empty();
        }
        for (QualifiedName r : effects.rewrites()) {
            if (!context.isNew(r)) {
                return Optional.of(r);
            }
        }
        for (QualifiedName s : effects.scans()) {
            if (!context.isNew(s)) {
                return Optional.of(s);
            }
        }
        QualifiedName target = null;
        if (st instanceof Statement.CreateIndex ci) {
            target = ci.table();
        } else if (st instanceof Statement.Update u) {
            target = u.table();
        } else if (st instanceof Statement.Delete d) {
            target = d.table();
        } else if (st instanceof Statement.Insert i && i.fromSelect() && !i.sourceTables().isEmpty()) {
            target = i.sourceTables().get(0);
        }
        return target == null || context.isNew(target) ? Optional.empty() : Optional.of(target);
    }
}
