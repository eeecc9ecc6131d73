package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.postgres.DefaultVolatility;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** A default that forces a rewrite: volatile (random(), gen_random_uuid(), clock_timestamp()) on 11+, any default before 11. */
@Singleton
public final class AddColumnVolatileDefault extends PostgresRule {

    public AddColumnVolatileDefault() {
        super("add-column-volatile-default", Risk.HIGH,
                "ADD COLUMN with a default that is evaluated per row (or any default before PostgreSQL 11) rewrites the table");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter) || !rewrites(context, alter.table())) {
            return List.of();
        }
        for (AlterTableAction action : alter.actions()) {
            if (action instanceof AlterTableAction.AddColumn add && add.column().defaultExpression() != null
                    && add.column().generatedExpression() == null && add.column().identity() == null && !add.column().serial()
                    // the table may be rewritten by another action of the same ALTER TABLE: blame the default only when it is the cause
                    && (context.databaseVersion() < 11 || DefaultVolatility.isVolatile(add.column().defaultExpression()))) {
                return finding(context, alter, add.column());
            }
        }
        return List.of();
    }

    private List<Finding> finding(StatementContext context, Statement.AlterTable alter, ColumnDefinition column) {
        TableSize size = TableSize.of(context, alter.table());
        Optional<RelationLock> lock = lockOn(context, alter.table());
        if (size.isNew() || lock.isEmpty()) {
            return List.of();
        }
        Risk risk = RiskModel.lockRisk(lock.get().mode().impact(), WorkKind.REWRITE, size);
        String why = context.databaseVersion() < 11
                ? "Before PostgreSQL 11 every ADD COLUMN with a DEFAULT writes the value into every existing row."
                : "`" + column.defaultExpression() + "` is volatile (a new value per row), so PostgreSQL cannot store it once in the"
                        + " catalog as it does for constant defaults: it writes it into every existing row.";
        String message = "Adding `" + column.name() + "` with DEFAULT " + column.defaultExpression() + " rewrites `" + alter.table()
                + "`. " + why + " " + lockConsequence(context, lock.get(), size, WorkKind.REWRITE);
        String fix = "Instead: add the column without the default, then fill it in batches:"
                + sqlBlock(BackfillRecipe.fourSteps(context.schemaBefore(), alter.table(), column.name(), column.type().raw(),
                        column.defaultExpression(), column.notNull(), context.databaseVersion()));
        return report(context, risk, "Volatile default rewrites `" + alter.table().name() + "`", message, fix, null);
    }
}
