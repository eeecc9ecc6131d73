package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** DROP COLUMN: the data is gone and the running application may still use the column (the PostgreSQL rule's id). */
@Singleton
public final class DropColumn extends MysqlRule {

    public DropColumn() {
        super("drop-column", Risk.HIGH,
                "Dropping a column destroys its data and breaks the running application if it still reads or writes it");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        TableSize size = TableSize.of(context, alter.table());
        List<String> columns = new ArrayList<>();
        for (AlterTableAction a : alter.actions()) {
            if (a instanceof AlterTableAction.DropColumn drop) {
                columns.add(drop.column());
            }
        }
        if (columns.isEmpty() || size.isNew()) {
            return List.of();
        }
        Risk risk = Risk.max(RiskModel.compatibilityRisk(context.config().deploy(), size), RiskModel.dataLossRisk(size));
        String names = String.join("`, `", columns);
        String message = "Dropping `" + names + "` from `" + alter.table().name() + "` deletes the data in " + (columns.size() > 1 ? "them" : "it")
                + " for good (only a restore brings it back). " + RiskModel.deployClause(context.config().deploy())
                + ": any query naming the column fails, and ORMs that list every mapped column (ActiveRecord's cached columns, Hibernate,"
                + " Django) fail on every INSERT and SELECT of the table." + size.unknownSizeNote();
        String fix = "Instead: contract in two deploys. First ship code that no longer reads or writes `" + names
                + "` (ActiveRecord: `ignored_columns`; JPA: remove the mapping), and keep a copy of the data if it may be needed. Then, in a"
                + " later migration, drop it with `SET SESSION lock_wait_timeout = 5;` before it:" + sqlBlock(statementText(context));
        return report(context, risk, "Dropping `" + names + "` loses data and can break the running application", message, fix, null);
    }
}
