package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public final class AddColumnGeneratedStored extends PostgresRule {

    public AddColumnGeneratedStored() {
        super("add-column-generated-stored", Risk.HIGH,
                "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED computes every row under an ACCESS EXCLUSIVE lock");
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
            if (action instanceof AlterTableAction.AddColumn add && add.column().generatedExpression() != null) {
                String t = ident(alter.table());
                String c = ident(add.column().name());
                String message = "Adding the stored generated column `" + add.column().name() + "` rewrites `" + alter.table()
                        + "` to compute `" + add.column().generatedExpression() + "` for every existing row. "
                        + lockConsequence(context, lock.get(), size, WorkKind.REWRITE);
                String fix = "Instead: add a plain nullable column, keep it up to date with a trigger for new writes, and backfill old"
                        + " rows in batches (or compute the value in a view or in the application):"
                        + sqlBlock("ALTER TABLE " + t + " ADD COLUMN " + c + " " + add.column().type().raw() + ";\n"
                                + "-- a BEFORE INSERT OR UPDATE trigger sets NEW." + c + " := " + add.column().generatedExpression() + ";\n"
                                + BackfillRecipe.batchedUpdate(t, ident(BackfillRecipe.batchKey(context.schemaBefore(), alter.table())),
                                        c + " = " + add.column().generatedExpression(), c + " IS NULL"));
                return report(context, action, RiskModel.lockRisk(lock.get().mode().impact(), WorkKind.REWRITE, size),
                        "Stored generated column rewrites `" + alter.table().name() + "`", message, fix, null);
            }
        }
        return List.of();
    }
}
