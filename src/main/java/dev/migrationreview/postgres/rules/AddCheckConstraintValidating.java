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

@Singleton
public final class AddCheckConstraintValidating extends PostgresRule {

    public AddCheckConstraintValidating() {
        super("add-check-constraint-validating", Risk.HIGH,
                "ADD CHECK without NOT VALID reads every row under an ACCESS EXCLUSIVE lock");
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
            if (action instanceof AlterTableAction.AddConstraint add && add.constraint().type() == ConstraintType.CHECK
                    && !add.constraint().notValid()) {
                ConstraintDefinition check = add.constraint();
                String name = ConstraintNames.nameOf(alter.table(), check);
                String validate = "ALTER TABLE " + ident(alter.table()) + " VALIDATE CONSTRAINT " + ident(name) + ";";
                String message = "Adding CHECK `" + name + "` (" + check.expression() + ") reads every row of `" + alter.table()
                        + "` to prove it. " + lockConsequence(context, lock.get(), size, WorkKind.SCAN);
                String fix = "Instead: add it NOT VALID (checked for new writes from then on, no scan), then validate existing rows in a"
                        + " separate transaction under a SHARE UPDATE EXCLUSIVE lock that lets reads and writes continue:"
                        + sqlBlock(beforeSemicolon(statementText(context), " NOT VALID") + "\n"
                                + (context.inTransaction() ? "-- in the next migration:\n" : "") + validate);
                String suggestion = alter.actions().size() != 1 ? null : suggest(context, s -> {
                    String notValid = beforeSemicolon(s, " NOT VALID");
                    return context.inTransaction() || check.name() == null ? notValid : notValid + "\n" + validate;
                });
                return report(context, action, RiskModel.lockRiskWithCheapAlternative(lock.get().mode().impact(), WorkKind.SCAN, size),
                        "CHECK validation locks `" + alter.table().name() + "` for a full scan", message, fix, suggestion);
            }
        }
        return List.of();
    }
}
