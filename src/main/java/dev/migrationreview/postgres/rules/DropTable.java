package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.schema.Constraint;
import dev.migrationreview.schema.Table;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Singleton
public final class DropTable extends PostgresRule {

    public DropTable() {
        super("drop-table", Risk.HIGH, "Dropping a table destroys its data and breaks any code still using it");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.DropTable drop)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (QualifiedName table : drop.tables()) {
            TableSize size = TableSize.of(context, table);
            if (size.isNew()) {
                continue;
            }
            // Tables created by code migrations (Java, Go) or before the history starts exist in production all the same.
            boolean unknownToHistory = context.schemaBefore().table(table).isEmpty();
            // Tables are usually dropped after the code stopped using them; compatibility counts one level lower than for columns.
            Risk risk = Risk.max(RiskModel.lower(RiskModel.compatibilityRisk(context.config().deploy(), size)), RiskModel.dataLossRisk(size));
            List<String> referencing = new ArrayList<>();
            for (Map.Entry<Table, Constraint> fk : context.schemaBefore().foreignKeysReferencing(table)) {
                if (!fk.getKey().name().qualified().equals(table.qualified())) {
                    referencing.add("`" + fk.getKey().name() + "`");
                }
            }
            String message = "Dropping `" + table + "` deletes all its rows for good (only a restore brings them back)"
                    + (referencing.isEmpty() ? "" : drop.cascade()
                            ? ", and CASCADE drops the foreign keys of " + String.join(", ", referencing) + " that point at it"
                            : "; foreign keys from " + String.join(", ", referencing) + " make it fail unless they are dropped first")
                    + ". It takes an ACCESS EXCLUSIVE lock on the table (and on tables whose foreign keys point at it). Any code still"
                    + " querying it fails." + (unknownToHistory ? " The migration history does not create `" + table.name()
                            + "` (code migrations or a schema older than the history may have); if it exists in production, its"
                            + " rows go with it." : "") + size.unknownSizeNote();
            String fix = "Instead: make sure no deployed code uses `" + table.name() + "` (search the code, check pg_stat_user_tables for"
                    + " recent reads), keep a dump if the data may be needed (`pg_dump -t " + table + "`), or rename it first and drop it"
                    + " in a later release:" + sqlBlock("ALTER TABLE " + ident(table) + " RENAME TO " + ident(table.name() + "_to_drop")
                            + ";\n-- a release later, once nothing broke:\nDROP TABLE " + ident(table.name() + "_to_drop") + ";");
            out.addAll(report(context, risk, "Dropping `" + table.name() + "` deletes its data", message, fix, null));
        }
        return out;
    }
}
