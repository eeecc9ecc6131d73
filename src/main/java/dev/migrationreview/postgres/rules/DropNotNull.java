package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class DropNotNull extends PostgresRule {

    public DropNotNull() {
        super("drop-not-null", Risk.LOW, "DROP NOT NULL lets NULLs in where the running application's reads may not expect them");
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
            if (action instanceof AlterTableAction.DropNotNull drop) {
                Risk risk = RiskModel.lower(RiskModel.lower(RiskModel.compatibilityRisk(context.config().deploy(), size)));
                String message = "After DROP NOT NULL on `" + alter.table() + "." + drop.column() + "`, new code may write NULLs that the"
                        + " old code still running reads as if they could not exist (NullPointerException, non-optional fields).";
                String fix = "Make sure every reader handles NULL in `" + drop.column() + "` before any writer produces one; the statement"
                        + " itself is a brief catalog change.";
                return report(context, action, risk, "`" + drop.column() + "` may now hold NULLs", message, fix, null);
            }
        }
        return List.of();
    }
}
