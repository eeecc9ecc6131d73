package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

/** RENAME COLUMN, or CHANGE old new: the running application still uses the old name (the PostgreSQL rule's id). */
@Singleton
public final class RenameColumn extends MysqlRule {

    public RenameColumn() {
        super("rename-column", Risk.HIGH, "Renaming a column breaks the running application, which still uses the old name");
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
        for (AlterTableAction a : alter.actions()) {
            String from = null;
            String to = null;
            if (a instanceof AlterTableAction.RenameColumn r) {
                from = r.from();
                to = r.to();
            } else if (a instanceof AlterTableAction.ChangeColumn c && !c.modify() && c.column() != null
                    && !AsciiCase.lower(c.from()).equals(AsciiCase.lower(c.column().name()))) {
                from = c.from();
                to = c.column().name();
            }
            if (from == null) {
                continue;
            }
            Risk risk = RiskModel.compatibilityRisk(context.config().deploy(), size);
            String message = "Renaming `" + alter.table().name() + "." + from + "` to `" + to + "` is a quick metadata change, but from that moment"
                    + " the old name no longer exists. " + RiskModel.deployClause(context.config().deploy()) + ": every query naming `" + from
                    + "` fails until the new code is everywhere.";
            String fix = "Instead: map the new attribute name to the old column in the application (`alias_attribute`, `@Column(name = \""
                    + from + "\")`, `db_column=`) and keep the column's name; or expand and contract: add `" + to + "`, write both, backfill"
                    + " in batches, switch reads, then drop `" + from + "` in a later release.";
            return report(context, risk, "Renaming `" + from + "` breaks code that still uses it", message, fix, null);
        }
        return List.of();
    }
}
