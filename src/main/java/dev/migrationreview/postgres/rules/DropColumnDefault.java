package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.schema.Column;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public final class DropColumnDefault extends PostgresRule {

    public DropColumnDefault() {
        super("drop-column-default", Risk.HIGH,
                "Dropping the default of a NOT NULL column breaks INSERTs of the running application that rely on it");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        TableSize size = TableSize.of(context, alter.table());
        if (size.isNew()) {
            return List.of();
        }
        for (AlterTableAction action : alter.actions()) {
            if (action instanceof AlterTableAction.DropDefault drop) {
                Optional<Column> column = context.schemaBefore().table(alter.table()).flatMap(t -> t.column(drop.column()));
                if (column.isEmpty() || column.get().defaultExpression() == null) {
                    continue;
                }
                boolean notNull = column.get().notNull();
                Risk risk = notNull ? RiskModel.compatibilityRisk(context.config().deploy(), size)
                        : RiskModel.lower(RiskModel.lower(RiskModel.compatibilityRisk(context.config().deploy(), size)));
                String message = "Dropping the default (" + column.get().defaultExpression() + ") of `" + alter.table() + "." + drop.column()
                        + "`: " + RiskModel.deployClause(context.config().deploy()).toLowerCase() + ", and its INSERTs that leave the"
                        + " column out " + (notNull ? "now fail with a NOT NULL violation." : "now store NULL instead of the default.");
                String fix = "Instead: first deploy code that always sets `" + drop.column() + "` explicitly on INSERT, then drop the"
                        + " default in a later migration:" + sqlBlock(statementText(context));
                return report(context, risk, "Inserts relying on the default of `" + drop.column() + "` break", message, fix, null);
            }
        }
        return List.of();
    }
}
