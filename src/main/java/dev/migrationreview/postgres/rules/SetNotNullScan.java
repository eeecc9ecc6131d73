package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public final class SetNotNullScan extends PostgresRule {

    public SetNotNullScan() {
        super("set-not-null-scan", Risk.HIGH,
                "SET NOT NULL reads the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK proves it (12+)");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter) || !scans(context, alter.table())) {
            return List.of();
        }
        TableSize size = TableSize.of(context, alter.table());
        Optional<RelationLock> lock = lockOn(context, alter.table());
        if (size.isNew() || lock.isEmpty()) {
            return List.of();
        }
        for (AlterTableAction action : alter.actions()) {
            if (action instanceof AlterTableAction.SetNotNull set) {
                String t = ident(alter.table());
                String c = ident(set.column());
                String message = "SET NOT NULL on `" + alter.table() + "." + set.column() + "` reads every row to check for NULLs. "
                        + lockConsequence(context, lock.get(), size, WorkKind.SCAN);
                String fix;
                if (context.databaseVersion() >= 12) {
                    fix = "Instead: prove there are no NULLs with a CHECK constraint validated under a weak lock; PostgreSQL 12+ then"
                            + " skips the scan. ADD ... NOT VALID and VALIDATE must be in separate transactions (separate migrations),"
                            + " or VALIDATE runs under the lock ADD took:"
                            + sqlBlock(BackfillRecipe.notNullSteps(t, alter.table().name(), c, context.databaseVersion()));
                } else {
                    fix = "PostgreSQL " + context.databaseVersion() + " always scans on SET NOT NULL. Instead: enforce it with a CHECK"
                            + " constraint validated under a weak lock, in two migrations, and keep the CHECK:"
                            + sqlBlock(BackfillRecipe.notNullSteps(t, alter.table().name(), c, context.databaseVersion()));
                }
                return report(context, action, RiskModel.lockRisk(lock.get().mode().impact(), WorkKind.SCAN, size),
                        "SET NOT NULL scans `" + alter.table().name() + "` under an exclusive lock", message, fix, null);
            }
        }
        return List.of();
    }
}
