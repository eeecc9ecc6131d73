package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public final class AddExclusionConstraint extends PostgresRule {

    public AddExclusionConstraint() {
        super("add-exclusion-constraint", Risk.HIGH,
                "ADD EXCLUDE builds its index and checks every row under an ACCESS EXCLUSIVE lock; there is no concurrent form");
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
        for (AlterTableAction action : alter.actions()) {
            if (action instanceof AlterTableAction.AddConstraint add && add.constraint().type() == ConstraintType.EXCLUDE) {
                String message = "Adding the exclusion constraint builds its index and checks all rows of `" + alter.table() + "`. "
                        + lockConsequence(context, lock.get(), size, WorkKind.INDEX_BUILD);
                String fix = "PostgreSQL has no CONCURRENTLY or NOT VALID form for EXCLUDE constraints. Instead: add it while the table is"
                        + " still small, in a maintenance window, or enforce the rule in a new table that is filled in batches and swapped"
                        + " in. Set `lock_timeout` first so that the wait for the lock cannot stall traffic.";
                return report(context, action, RiskModel.lockRisk(lock.get().mode().impact(), WorkKind.INDEX_BUILD, size),
                        "Exclusion constraint locks `" + alter.table().name() + "` for an index build", message, fix, null);
            }
        }
        return List.of();
    }
}
