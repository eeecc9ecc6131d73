package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.schema.Column;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Singleton
public final class NarrowColumnType extends PostgresRule {

    public NarrowColumnType() {
        super("narrow-column-type", Risk.HIGH,
                "Narrowing a column's type rejects or alters existing values and breaks writes from the running application");
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
        List<Finding> out = new ArrayList<>();
        for (AlterTableAction action : alter.actions()) {
            if (!(action instanceof AlterTableAction.AlterColumnType change)) {
                continue;
            }
            Optional<Column> before = context.schemaBefore().table(alter.table()).flatMap(t -> t.column(change.column()));
            if (before.isEmpty()) {
                continue;
            }
            String reason = TypeWidth.narrowing(before.get().type(), change.type());
            if (reason == null) {
                continue;
            }
            Risk risk = Risk.max(RiskModel.compatibilityRisk(context.config().deploy(), size), RiskModel.dataLossRisk(size));
            String message = "Changing `" + alter.table() + "." + change.column() + "` from " + before.get().type().raw() + " to "
                    + change.type().raw() + " narrows it: " + reason + ". Existing rows that do not fit make the migration fail"
                    + " (or, where PostgreSQL rounds, are changed silently), and " + RiskModel.deployClause(context.config().deploy()).toLowerCase()
                    + ": its writes of values that fit the old type fail." + size.unknownSizeNote();
            String t = ident(alter.table());
            String c = ident(change.column());
            String fix = "Instead: first find the rows that would not fit and fix them, ship application code that only writes values"
                    + " that fit, then enforce the limit without a rewrite using a CHECK constraint:"
                    + sqlBlock("ALTER TABLE " + t + " ADD CONSTRAINT " + ident(alter.table().name() + "_" + change.column() + "_fits")
                            + " CHECK (" + checkFor(c, change) + ") NOT VALID;\n"
                            + "-- next migration:\nALTER TABLE " + t + " VALIDATE CONSTRAINT "
                            + ident(alter.table().name() + "_" + change.column() + "_fits") + ";");
            out.addAll(report(context, action, risk, "Narrowing `" + change.column() + "` can lose data and break writes", message, fix, null));
        }
        return out;
    }

    private static String checkFor(String column, AlterTableAction.AlterColumnType change) {
        String type = change.type().name();
        if (!change.type().modifiers().isEmpty() && (type.contains("char") || type.equals("text"))) {
            return "char_length(" + column + ") <= " + change.type().modifiers().get(0);
        }
        return column + " = " + column + "::" + change.type().raw();
    }
}
