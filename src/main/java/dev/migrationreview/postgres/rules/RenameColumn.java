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
public final class RenameColumn extends PostgresRule {

    public RenameColumn() {
        super("rename-column", Risk.HIGH, "Renaming a column breaks every query of the running application that uses the old name");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        TableSize size = TableSize.of(context, alter.table());
        for (AlterTableAction action : alter.actions()) {
            if (action instanceof AlterTableAction.RenameColumn rename) {
                if (size.isNew() || BackfillRecipe.hasColumn(context.schemaBefore(), alter.table(), rename.from())
                        && context.earlier().stream().anyMatch(j -> addsColumn(j.statement().statement(), rename.from()))) {
                    return List.of();
                }
                String t = ident(alter.table());
                String from = ident(rename.from());
                String to = ident(rename.to());
                String message = "Renaming `" + alter.table() + "." + rename.from() + "` to `" + rename.to() + "` is instant, but "
                        + RiskModel.deployClause(context.config().deploy()).toLowerCase() + ", and every query it sends that names `"
                        + rename.from() + "` fails (\"column does not exist\") until the new code is everywhere.";
                String fix = "Instead: expand and contract across deploys:"
                        + sqlBlock("ALTER TABLE " + t + " ADD COLUMN " + to + " <type of " + rename.from() + ">;\n"
                                + "-- deploy code that writes both columns (or a trigger that copies " + from + " into " + to + ")\n"
                                + BackfillRecipe.batchedUpdate(t, ident(BackfillRecipe.batchKey(context.schemaBefore(), alter.table())),
                                        to + " = " + from, to + " IS DISTINCT FROM " + from) + "\n"
                                + "-- deploy code that reads and writes only " + to + ", then in a later migration:\n"
                                + "ALTER TABLE " + t + " DROP COLUMN " + from + ";")
                        + "\nWith `deploy: downtime-ok` a rename is fine if the application is stopped while it runs.";
                return report(context, action, RiskModel.compatibilityRisk(context.config().deploy(), size),
                        "Renaming `" + rename.from() + "` breaks the running application", message, fix, null);
            }
        }
        return List.of();
    }

    private static boolean addsColumn(Statement statement, String column) {
        return statement instanceof Statement.AlterTable a && a.actions().stream()
                .anyMatch(x -> x instanceof AlterTableAction.AddColumn add && add.column().name().equals(column));
    }
}
