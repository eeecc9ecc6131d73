package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.schema.Index;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * PRIMARY KEY USING INDEX is the safe form, but nullable columns still get an implicit SET NOT NULL scan
 * (documented under ALTER TABLE ... ADD table_constraint_using_index). Which columns are nullable is a
 * schema fact, so this rule does not wait for the effects model to list the scan.
 */
@Singleton
public final class AddPrimaryKeyNullableColumns extends PostgresRule {

    public AddPrimaryKeyNullableColumns() {
        super("add-primary-key-nullable-columns", Risk.MEDIUM,
                "ADD PRIMARY KEY USING INDEX on nullable columns scans the table to set NOT NULL under an ACCESS EXCLUSIVE lock");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        TableSize size = TableSize.of(context, alter.table());
        Optional<RelationLock> lock = lockOn(context, alter.table());
        if (size.isNew() || lock.isEmpty()) {
            return List.of();
        }
        for (AlterTableAction action : alter.actions()) {
            if (action instanceof AlterTableAction.AddConstraint add && add.constraint().type() == ConstraintType.PRIMARY_KEY
                    && add.constraint().usingIndex() != null) {
                // USING INDEX names no columns: they are the index's
                List<String> keyColumns = !add.constraint().columns().isEmpty() ? add.constraint().columns()
                        : context.schemaBefore().index(new QualifiedName(alter.table().schema(), add.constraint().usingIndex()))
                                .map(Index::elements).orElse(List.of());
                List<String> nullable = keyColumns.stream()
                        .filter(col -> context.schemaBefore().table(alter.table()).flatMap(t -> t.column(col)).map(c -> !c.notNull()).orElse(false))
                        .toList();
                if (nullable.isEmpty()) {
                    return List.of();
                }
                String t = ident(alter.table());
                StringBuilder steps = new StringBuilder();
                for (String col : nullable) {
                    steps.append(BackfillRecipe.notNullSteps(t, alter.table().name(), ident(col), context.databaseVersion())).append('\n');
                }
                String message = "Attaching the primary key sets NOT NULL on " + String.join(", ", nullable) + ", which reads every row of `"
                        + alter.table() + "`. " + lockConsequence(context, lock.get(), size, WorkKind.SCAN);
                return report(context, action, RiskModel.lockRisk(lock.get().mode().impact(), WorkKind.SCAN, size),
                        "Primary key on nullable columns scans `" + alter.table().name() + "`", message,
                        "Instead: make the columns NOT NULL first without the long lock, then attach the primary key:" + sqlBlock(steps.toString()),
                        null);
            }
        }
        return List.of();
    }
}
