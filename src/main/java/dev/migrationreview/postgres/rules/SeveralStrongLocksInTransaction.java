package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.LockImpact;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.analysis.StatementEffects;
import dev.migrationreview.sql.QualifiedName;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fires at the statement that brings a second existing table under ACCESS EXCLUSIVE in one transaction. */
@Singleton
public final class SeveralStrongLocksInTransaction extends PostgresRule {

    public SeveralStrongLocksInTransaction() {
        super("several-strong-locks-in-transaction", Risk.LOW,
                "One transaction takes ACCESS EXCLUSIVE locks on several existing tables: each is held until COMMIT, and deadlocks become likely");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!context.inTransaction()) {
            return List.of();
        }
        Map<QualifiedName, JudgedStatement> before = new LinkedHashMap<>();
        for (JudgedStatement j : FileScope.sameTransaction(context)) {
            for (QualifiedName t : strongTables(context, j.effects())) {
                before.putIfAbsent(t, j);
            }
        }
        List<QualifiedName> mine = strongTables(context, context.effects()).stream().filter(t -> !before.containsKey(t)).toList();
        if (mine.isEmpty() || before.size() != 1) {
            return List.of();
        }
        Map.Entry<QualifiedName, JudgedStatement> first = before.entrySet().iterator().next();
        Risk risk = context.session().lockTimeout() == null ? Risk.MEDIUM : Risk.LOW;
        String message = "This transaction already holds an ACCESS EXCLUSIVE lock on `" + first.getKey() + "` (" + FileScope.where(first.getValue())
                + ") and now takes one on `" + mine.get(0) + "`. Both stay locked, blocking every read and write, until COMMIT; while"
                + " this statement waits for its lock, `" + first.getKey().name() + "` stays blocked too, and application transactions that"
                + " touch both tables in the other order can deadlock with the migration.";
        String fix = "Instead: change one table per migration (one transaction each), with `SET lock_timeout` so a wait gives up quickly"
                + " and the migration can be retried.";
        return report(context, risk, "Exclusive locks on several tables in one transaction", message, fix, null);
    }

    private static List<QualifiedName> strongTables(StatementContext context, StatementEffects effects) {
        return effects.locks().stream()
                .filter(l -> l.kind() == RelationLock.RelationKind.TABLE && l.mode().impact() == LockImpact.READS_AND_WRITES)
                .map(l -> l.relation().qualified())
                .filter(t -> !context.isNew(t))
                .distinct().toList();
    }
}
