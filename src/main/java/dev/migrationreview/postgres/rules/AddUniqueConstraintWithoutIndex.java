package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
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
                "ADD UNIQUE / PRIMARY KEY (also inline on ADD COLUMN) builds its index under the ALTER TABLE lock; build it CONCURRENTLY and attach it USING INDEX");
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
            if (action instanceof AlterTableAction.AddConstraint add && add.constraint().usingIndex() == null && isUnique(add.constraint())) {
                return finding(context, alter, add, add.constraint(), null, lock.get(), size);
            }
            // An inline UNIQUE / PRIMARY KEY on a new column builds the same index under the same lock.
            if (action instanceof AlterTableAction.AddColumn add) {
                Optional<ConstraintDefinition> inline = add.column().constraints().stream().filter(AddUniqueConstraintWithoutIndex::isUnique)
                        .findFirst();
                if (inline.isPresent()) {
                    return finding(context, alter, add, inline.get(), add, lock.get(), size);
                }
            }
        }
        return List.of();
    }

    private static boolean isUnique(ConstraintDefinition c) {
        return c.type() == ConstraintType.UNIQUE || c.type() == ConstraintType.PRIMARY_KEY;
    }

    private List<Finding> finding(StatementContext context, Statement.AlterTable alter, AlterTableAction action, ConstraintDefinition c,
            AlterTableAction.AddColumn column, RelationLock lock, TableSize size) {
        boolean pk = c.type() == ConstraintType.PRIMARY_KEY;
        String name = ConstraintNames.nameOf(alter.table(), c);
        String t = ident(alter.table());
        String cols = String.join(", ", c.columns().stream().map(PostgresRule::ident).toList());
        String kind = pk ? "PRIMARY KEY" : "UNIQUE";
        String message = (column == null ? "Adding " + kind + " `" + name + "`"
                : "The inline " + kind + " on the new column `" + column.column().name() + "`")
                + " builds a unique index on `" + alter.table() + "` (" + cols + ") inside the ALTER TABLE. "
                + lockConsequence(context, lock, size, WorkKind.INDEX_BUILD)
                + (pk ? " Columns not already NOT NULL are also scanned to set NOT NULL." : "");
        String addColumn = column == null ? "" : "ALTER TABLE " + t + " ADD COLUMN " + ident(column.column().name()) + " "
                + column.column().type().raw() + ";\n-- next migration, outside a transaction:\n";
        String fix = "Instead: " + (column == null ? "" : "add the column without the constraint, then ")
                + "build the index without blocking (CONCURRENTLY, outside a transaction), then attach it, which is"
                + " a brief catalog change. NOT VALID does not exist for " + kind + " constraints."
                + sqlBlock(addColumn + "CREATE UNIQUE INDEX CONCURRENTLY " + ident(name) + " ON " + t + " (" + cols + ");\n"
                        + "-- next migration:\n"
                        + "ALTER TABLE " + t + " ADD CONSTRAINT " + ident(name) + " " + kind + " USING INDEX " + ident(name) + ";")
                + (pk ? "\nMake the columns NOT NULL first with the CHECK ... NOT VALID / VALIDATE recipe, or attaching the"
                        + " primary key scans the table." : "")
                + (context.inTransaction() ? "\n" + TransactionOptOut.forTool(context.script().tool()) : "");
        return report(context, action, RiskModel.lockRiskWithCheapAlternative(lock.mode().impact(), WorkKind.INDEX_BUILD, size),
                kind + " builds its index while `" + alter.table().name() + "` is locked", message, fix, null);
    }
}
