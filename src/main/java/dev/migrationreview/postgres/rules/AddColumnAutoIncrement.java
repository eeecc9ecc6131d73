package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public final class AddColumnAutoIncrement extends PostgresRule {

    public AddColumnAutoIncrement() {
        super("add-column-auto-increment", Risk.HIGH,
                "ADD COLUMN serial / GENERATED AS IDENTITY numbers every existing row in a rewrite under an ACCESS EXCLUSIVE lock");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter) || !rewrites(context, alter.table())) {
            return List.of();
        }
        TableSize size = TableSize.of(context, alter.table());
        Optional<RelationLock> lock = lockOn(context, alter.table());
        if (size.isNew() || lock.isEmpty()) {
            return List.of();
        }
        for (AlterTableAction action : alter.actions()) {
            if (action instanceof AlterTableAction.AddColumn add && (add.column().serial() || add.column().identity() != null)) {
                ColumnDefinition col = add.column();
                String t = ident(alter.table());
                String c = ident(col.name());
                String seq = ident(alter.table().name() + "_" + col.name() + "_seq");
                String type = col.type().name().contains("small") ? "smallint" : col.type().name().contains("big") ? "bigint" : "integer";
                String message = "Adding `" + col.name() + "` as " + (col.serial() ? col.type().raw() : "an identity column")
                        + " fills it from a sequence for every existing row, which rewrites `" + alter.table() + "`. "
                        + lockConsequence(context, lock.get(), size, WorkKind.REWRITE);
                String fix = "Instead: add the column plain, attach a sequence for new rows, number old rows in batches, then"
                        + " enforce NOT NULL:"
                        + sqlBlock("ALTER TABLE " + t + " ADD COLUMN " + c + " " + type + ";\n"
                                + "CREATE SEQUENCE " + seq + " AS " + type + " OWNED BY " + t + "." + c + ";\n"
                                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT nextval('" + seq + "');\n"
                                + BackfillRecipe.batchedUpdate(t, ident(BackfillRecipe.batchKey(context.schemaBefore(), alter.table())),
                                        c + " = nextval('" + seq + "')", c + " IS NULL") + "\n"
                                + BackfillRecipe.notNullSteps(t, alter.table().name(), c, context.databaseVersion()));
                return report(context, action, RiskModel.lockRisk(lock.get().mode().impact(), WorkKind.REWRITE, size),
                        "Auto-increment column rewrites `" + alter.table().name() + "`", message, fix, null);
            }
        }
        return List.of();
    }
}
