package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Pattern;

/** RENAME TABLE / ALTER TABLE ... RENAME TO: the running application still uses the old name (the PostgreSQL rule's id). */
@Singleton
public final class RenameTable extends MysqlRule {

    public RenameTable() {
        super("rename-table", Risk.HIGH, "Renaming a table breaks the running application, which still uses the old name");
    }

    /**
     * The copy-and-swap pattern: the table is renamed aside and a table of the old name is created later in the same file
     * (then filled from the old one), so the name the running code uses never disappears.
     */
    private static boolean recreatedLater(StatementContext context, QualifiedName table) {
        if (context.script() == null) {
            return false;
        }
        String[] lines = context.script().content().split("\n", -1);
        StringBuilder rest = new StringBuilder();
        for (int i = context.statement().span().endLine(); i < lines.length; i++) {
            rest.append(lines[i]).append('\n');
        }
        Pattern create = Pattern.compile("(?i)\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:`?\\w+`?\\s*\\.\\s*)?`?"
                + Pattern.quote(table.name()) + "`?\\s*[(\\s]");
        return create.matcher(rest).find();
    }

    @Override
    public List<Finding> check(StatementContext context) {
        QualifiedName from = null;
        QualifiedName to = null;
        Statement s = context.statement().statement();
        if (s instanceof Statement.RenameTable r) {
            from = r.from();
            to = r.to();
        } else if (s instanceof Statement.AlterTable alter) {
            for (AlterTableAction a : alter.actions()) {
                if (a instanceof AlterTableAction.RenameTable r) {
                    from = alter.table();
                    to = QualifiedName.of(r.to());
                }
            }
        }
        if (from == null || TableSize.of(context, from).isNew() || recreatedLater(context, from)) {
            return List.of();
        }
        TableSize size = TableSize.of(context, from);
        Risk risk = RiskModel.compatibilityRisk(context.config().deploy(), size);
        String message = "Renaming `" + from.name() + "` to `" + to.name() + "` is a quick metadata change under an exclusive metadata lock, but"
                + " from then on the old name does not exist. " + RiskModel.deployClause(context.config().deploy())
                + ": every query on `" + from.name() + "` fails until the new code is everywhere.";
        String fix = "Instead: keep the table's name and change the model's mapping (`self.table_name = \"" + from.name() + "\"`, `@Table(name = \""
                + from.name() + "\")`, `db_table = \"" + from.name() + "\"`); or, right after the rename, create a view with the old name for"
                + " the old code (simple reads and writes work through it on MySQL) and drop it once no code uses it:"
                + sqlBlock("CREATE VIEW " + ident(from) + " AS SELECT * FROM " + ident(to) + ";");
        return report(context, risk, "Renaming `" + from.name() + "` breaks code that still uses it", message, fix, null);
    }
}
