package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.schema.Column;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Fires only when the model says the type change rewrites or scans the table: binary-coercible changes
 * (varchar(n) to a longer varchar or text, numeric precision increase) are catalog-only and stay silent.
 */
@Singleton
public final class AlterColumnTypeRewrite extends PostgresRule {

    public AlterColumnTypeRewrite() {
        super("alter-column-type-rewrite", Risk.HIGH,
                "ALTER COLUMN ... TYPE that rewrites (or re-checks) the table under an ACCESS EXCLUSIVE lock");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        boolean rewrite = rewrites(context, alter.table());
        boolean scan = scans(context, alter.table());
        TableSize size = TableSize.of(context, alter.table());
        Optional<RelationLock> lock = lockOn(context, alter.table());
        if (!(rewrite || scan) || size.isNew() || lock.isEmpty()) {
            return List.of();
        }
        for (AlterTableAction action : alter.actions()) {
            if (action instanceof AlterTableAction.AlterColumnType change) {
                String from = context.schemaBefore().table(alter.table()).flatMap(t -> t.column(change.column()))
                        .map(Column::type).map(tn -> tn.raw()).orElse(null);
                String t = ident(alter.table());
                String c = ident(change.column());
                String n = ident(change.column() + "_new");
                String key = ident(BackfillRecipe.batchKey(context.schemaBefore(), alter.table()));
                String conversion = change.using() != null ? change.using() : c + "::" + change.type().raw();
                String message = "Changing `" + alter.table() + "." + change.column() + "`"
                        + (from != null ? " from " + from : "") + " to " + change.type().raw() + " "
                        + (rewrite ? "rewrites the table and rebuilds its indexes" : "re-checks every row") + ". "
                        + lockConsequence(context, lock.get(), size, rewrite ? WorkKind.REWRITE : WorkKind.SCAN);
                String fix = "Instead: change it in steps that never hold a long lock (expand, migrate, contract):"
                        + sqlBlock("ALTER TABLE " + t + " ADD COLUMN " + n + " " + change.type().raw() + ";\n"
                                + "-- keep " + n + " in step with writes: a trigger, or the application writing both columns\n"
                                + BackfillRecipe.batchedUpdate(t, key, n + " = " + conversion, n + " IS NULL AND " + c + " IS NOT NULL") + "\n"
                                + "-- switch reads to " + n + ", then in one short transaction:\n"
                                + "ALTER TABLE " + t + " RENAME COLUMN " + c + " TO " + ident(change.column() + "_old") + ";\n"
                                + "ALTER TABLE " + t + " RENAME COLUMN " + n + " TO " + c + ";\n"
                                + "-- later, once nothing reads it:\n"
                                + "ALTER TABLE " + t + " DROP COLUMN " + ident(change.column() + "_old") + ";")
                        + "\nIndexes, constraints and defaults on the column must be recreated on the new one (indexes CONCURRENTLY).";
                return report(context, action, RiskModel.lockRisk(lock.get().mode().impact(), rewrite ? WorkKind.REWRITE : WorkKind.SCAN, size),
                        "Type change " + (rewrite ? "rewrites" : "scans") + " `" + alter.table().name() + "`", message, fix, null);
            }
        }
        return List.of();
    }
}
