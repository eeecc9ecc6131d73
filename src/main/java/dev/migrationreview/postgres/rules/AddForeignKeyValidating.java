package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.LockDescription;
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

@Singleton
public final class AddForeignKeyValidating extends PostgresRule {

    public AddForeignKeyValidating() {
        super("add-foreign-key-validating", Risk.HIGH,
                "ADD FOREIGN KEY without NOT VALID checks every row while blocking writes on both tables");
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
            if (action instanceof AlterTableAction.AddConstraint add && add.constraint().type() == ConstraintType.FOREIGN_KEY
                    && !add.constraint().notValid()) {
                return finding(context, alter, add, size, lock.get());
            }
        }
        return List.of();
    }

    private List<Finding> finding(StatementContext context, Statement.AlterTable alter, AlterTableAction.AddConstraint add, TableSize size,
            RelationLock lock) {
        ConstraintDefinition fk = add.constraint();
        String name = ConstraintNames.nameOf(alter.table(), fk);
        String referenced = fk.referencedTable() == null ? "the referenced table" : "`" + fk.referencedTable() + "`";
        Optional<RelationLock> parentLock = fk.referencedTable() == null ? Optional.empty() : lockOn(context, fk.referencedTable());
        String message = "Adding foreign key `" + name + "` checks that every row of `" + alter.table() + "` has a match in "
                + referenced + ". " + lockConsequence(context, lock, size, WorkKind.SCAN)
                + parentLock.map(p -> " It also takes " + LockDescription.of(p.mode()) + ", on " + referenced + " for as long.").orElse("");
        String t = ident(alter.table());
        String validate = "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + ident(name) + ";";
        String fix = "Instead: add it NOT VALID (new and updated rows are checked from then on; a brief lock, no scan), then validate the"
                + " existing rows in a separate transaction under a SHARE UPDATE EXCLUSIVE lock that lets reads and writes continue:"
                + sqlBlock(beforeSemicolon(statementText(context), " NOT VALID") + "\n"
                        + (context.inTransaction() ? "-- in the next migration:\n" : "") + validate);
        boolean single = alter.actions().size() == 1;
        String suggestion = !single ? null : suggest(context, s -> {
            String named = fk.name() == null ? s : s;
            String notValid = beforeSemicolon(named, " NOT VALID");
            return context.inTransaction() || fk.name() == null ? notValid : notValid + "\n" + validate;
        });
        return report(context, add, RiskModel.lockRiskWithCheapAlternative(lock.mode().impact(), WorkKind.SCAN, size),
                "Foreign key validation blocks writes on `" + alter.table().name() + "`", message, fix, suggestion);
    }
}
