package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.LockHold;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/** Shared shape of the maintenance rules: one table, locked for work proportional to its size. */
final class MaintenanceRewrite {

    private MaintenanceRewrite() {}

    static List<Finding> judge(PostgresRule rule, StatementContext context, QualifiedName table, WorkKind work, String what,
            String title, String fix) {
        if (table == null) {
            return List.of();
        }
        TableSize size = TableSize.of(context, table);
        Optional<RelationLock> lock = PostgresRule.lockOn(context, table);
        if (size.isNew() || lock.isEmpty()) {
            return List.of();
        }
        return rule.report(context, RiskModel.lockRisk(lock.get().mode().impact(), LockHold.PROPORTIONAL, size), title,
                what + " " + PostgresRule.lockConsequence(context, lock.get(), size, work), fix, null);
    }
}
