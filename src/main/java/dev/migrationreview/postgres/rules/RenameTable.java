package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class RenameTable extends PostgresRule {

    public RenameTable() {
        super("rename-table", Risk.HIGH, "Renaming a table breaks every query of the running application that uses the old name");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        QualifiedName from;
        String to;
        if (context.statement().statement() instanceof Statement.AlterTable alter
                && alter.actions().stream().anyMatch(a -> a instanceof AlterTableAction.RenameTable)) {
            from = alter.table();
            to = alter.actions().stream().filter(a -> a instanceof AlterTableAction.RenameTable)
                    .map(a -> ((AlterTableAction.RenameTable) a).to()).findFirst().orElseThrow();
        } else if (context.statement().statement() instanceof Statement.RenameTable rename) {
            from = rename.from();
            to = rename.to().name();
        } else {
            return List.of();
        }
        TableSize size = TableSize.of(context, from);
        if (size.isNew()) {
            return List.of();
        }
        String message = "Renaming `" + from + "` to `" + to + "` is instant, but " + RiskModel.deployClause(context.config().deploy()).toLowerCase()
                + ", and every query that names `" + from.name() + "` fails (\"relation does not exist\") until the new code is everywhere.";
        String fix = "Instead: rename and leave a view under the old name, so old and new code both work during the deploy (a simple"
                + " view over one table accepts INSERT, UPDATE and DELETE):"
                + sqlBlock("ALTER TABLE " + ident(from) + " RENAME TO " + ident(to) + ";\n"
                        + "CREATE VIEW " + ident(from) + " AS SELECT * FROM " + ident(to) + ";\n"
                        + "-- once no code uses the old name, in a later migration:\n"
                        + "DROP VIEW " + ident(from) + ";");
        String suggestion = suggest(context, s -> s.stripTrailing() + (s.stripTrailing().endsWith(";") ? "" : ";") + "\nCREATE VIEW "
                + ident(from) + " AS SELECT * FROM " + ident(to) + ";");
        return report(context, RiskModel.compatibilityRisk(context.config().deploy(), size),
                "Renaming `" + from.name() + "` breaks the running application", message, fix,
                context.config().deploy() == dev.migrationreview.config.ReviewConfig.DeployStrategy.DOWNTIME_OK ? null : suggestion);
    }
}
