package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** UNIQUE and PRIMARY KEY cannot be NOT VALID; the safe way is an index built concurrently, then USING INDEX. */
@Singleton
public final class AddUniqueConstraintWithoutIndex extends PostgresRule {

    public AddUniqueConstraintWithoutIndex() {
        super("add-unique-constraint-without-index", Risk.HIGH,
                "ADD UNIQUE / PRIMARY KEY builds its index under the ALTER TABLE lock; build it CONCURRENTLY and attach it USING INDEX");
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
            if (action instanceof AlterTableAction.AddConstraint add && add.constraint().usingIndex() == null
                    && (add.constraint().type() == ConstraintType.UNIQUE || add.constraint().type() == ConstraintType.PRIMARY_KEY)) {
                ConstraintDefinition c = add.constraint();
                boolean pk = c.type() == ConstraintType.PRIMARY_KEY;
                String name = ConstraintNames.nameOf(alter.table(), c);
                String t = ident(alter.table());
                String cols = String.join(", ", c.columns().stream().map(PostgresRule::ident).toList());
                String kind = pk ? "PRIMARY KEY" : "UNIQUE";
                String message = "Adding " + kind + " `" + name + "` builds a unique index on `" + alter.table() + "` (" + cols
                        + ") inside the ALTER TABLE. " + lockConsequence(context, lock.get(), size, WorkKind.INDEX_BUILD)
                        + (pk ? " Columns not already NOT NULL are also scanned to set NOT NULL." : "");
                String fix = "Instead: build the index without blocking (CONCURRENTLY, outside a transaction), then attach it, which is"
                        + " a brief catalog change. NOT VALID does not exist for " + kind + " constraints."
                        + sqlBlock("CREATE UNIQUE INDEX CONCURRENTLY " + ident(name) + " ON " + t + " (" + cols + ");\n"
                                + "-- next migration:\n"
                                + "ALTER TABLE " + t + " ADD CONSTRAINT " + ident(name) + " " + kind + " USING INDEX " + ident(name) + ";")
                        + (pk ? "\nMake the columns NOT NULL first with the CHECK ... NOT VALID / VALIDATE recipe, or attaching the"
                                + " primary key scans the table." : "")
                        + (context.inTransaction() ? "\n" + TransactionOptOut.forTool(context.script().tool()) : "");
                return report(context, action, RiskModel.lockRiskWithCheapAlternative(lock.get().mode().impact(), WorkKind.INDEX_BUILD, size),
                        kind + " builds its index while `" + alter.table().name() + "` is locked", message, fix, null);
            }
        }
        return List.of();
    }
}
