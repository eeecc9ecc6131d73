package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class AddColumnNotNullWithoutDefault extends PostgresRule {

    public AddColumnNotNullWithoutDefault() {
        super("add-column-not-null-without-default", Risk.HIGH,
                "ADD COLUMN ... NOT NULL without a DEFAULT fails on a table with rows and breaks inserts from the running application");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        TableSize size = TableSize.of(context, alter.table());
        if (size.isNew() || (size.rows() != null && size.rows() == 0)) {
            return List.of();
        }
        for (AlterTableAction action : alter.actions()) {
            if (action instanceof AlterTableAction.AddColumn add) {
                ColumnDefinition c = add.column();
                if (c.notNull() && c.defaultExpression() == null && c.identity() == null && c.generatedExpression() == null && !c.serial()) {
                    Risk risk = Risk.max(Risk.HIGH, RiskModel.compatibilityRisk(context.config().deploy(), size));
                    String message = "Adding `" + c.name() + "` as NOT NULL without a DEFAULT fails with \"column \\\"" + c.name()
                            + "\\\" contains null values\" as soon as `" + alter.table() + "` has a row. Even on an empty table, "
                            + RiskModel.deployClause(context.config().deploy()).toLowerCase()
                            + ", and its INSERTs, which do not name the new column, fail." + size.unknownSizeNote();
                    String fix = "Instead: add it nullable (or with a constant DEFAULT, which is a catalog change on PostgreSQL 11+),"
                            + " backfill, and enforce NOT NULL once every writer sets it:"
                            + sqlBlock(BackfillRecipe.fourSteps(context.schemaBefore(), alter.table(), c.name(), c.type().raw(), null,
                                    true, context.databaseVersion()));
                    return report(context, action, risk, "NOT NULL column without a default on existing `" + alter.table().name() + "`",
                            message, fix, null);
                }
            }
        }
        return List.of();
    }
}
