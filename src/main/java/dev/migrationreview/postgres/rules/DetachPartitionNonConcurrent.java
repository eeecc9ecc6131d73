package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.LockHold;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public final class DetachPartitionNonConcurrent extends PostgresRule {

    public DetachPartitionNonConcurrent() {
        super("detach-partition-non-concurrent", Risk.MEDIUM,
                "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table (14+ has CONCURRENTLY)");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        TableSize size = TableSize.of(context, alter.table());
        Optional<RelationLock> lock = lockOn(context, alter.table());
        if (size.isNew() || lock.isEmpty()) {
            return List.of();
        }
        for (AlterTableAction a : alter.actions()) {
            if (a instanceof AlterTableAction.DetachPartition detach && !detach.concurrently() && !detach.finalizeDetach()) {
                boolean available = context.databaseVersion() >= 14;
                String fix = available
                        ? "Instead: `ALTER TABLE " + ident(alter.table()) + " DETACH PARTITION " + ident(detach.partition()) + " CONCURRENTLY;`"
                                + " (PostgreSQL 14+): it takes only SHARE UPDATE EXCLUSIVE on the parent. It cannot run in a transaction block,"
                                + " and the table must not have a default partition."
                        : "PostgreSQL " + context.databaseVersion() + " has no concurrent detach; set `lock_timeout` first and run it when"
                                + " traffic is low.";
                String suggestion = available && !context.inTransaction() && alter.actions().size() == 1
                        ? suggest(context, s -> beforeSemicolon(s, " CONCURRENTLY")) : null;
                return report(context, RiskModel.lockRisk(lock.get().mode().impact(), LockHold.BRIEF, size),
                        "Detaching `" + detach.partition().name() + "` locks `" + alter.table().name() + "`",
                        "Detaching `" + detach.partition() + "`. " + lockConsequence(context, lock.get(), size, null), fix, suggestion);
            }
        }
        return List.of();
    }
}
