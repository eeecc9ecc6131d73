package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
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
public final class TruncateTable extends PostgresRule {

    public TruncateTable() {
        super("truncate-table", Risk.HIGH, "TRUNCATE deletes every row (CASCADE: also of every referencing table) under an ACCESS EXCLUSIVE lock");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.TruncateTable truncate)) {
            return List.of();
        }
        Risk risk = Risk.NONE;
        List<String> names = new ArrayList<>();
        List<String> cascaded = new ArrayList<>();
        String unknown = "";
        for (QualifiedName table : truncate.tables()) {
            TableSize size = TableSize.of(context, table);
            if (size.isNew()) {
                continue;
            }
            names.add("`" + table + "`");
            risk = Risk.max(risk, RiskModel.dataLossRisk(size));
            unknown += size.unknownSizeNote();
            if (truncate.cascade()) {
                for (Map.Entry<Table, Constraint> fk : context.schemaBefore().foreignKeysReferencing(table)) {
                    String n = "`" + fk.getKey().name() + "`";
                    if (!cascaded.contains(n) && !fk.getKey().name().qualified().equals(table.qualified())) {
                        cascaded.add(n);
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        if (truncate.cascade()) {
            risk = Risk.max(risk, Risk.HIGH);
        }
        String message = "TRUNCATE deletes every row of " + String.join(", ", names)
                + (truncate.cascade() ? (cascaded.isEmpty()
                        ? ", and CASCADE also empties every table whose foreign keys point at them (the schema known here lists none, but"
                                + " any added outside these migrations are emptied too)"
                        : ", and CASCADE also empties " + String.join(", ", cascaded)) : "")
                + ", for good, under an ACCESS EXCLUSIVE lock that blocks every read and write until the transaction ends." + unknown;
        String fix = "Instead: if the rows must go, delete them in batches with a WHERE clause so other traffic continues, and name every"
                + " table explicitly rather than relying on CASCADE. If this is test or seed data, keep it out of production migrations.";
        return report(context, risk, "TRUNCATE deletes all rows" + (truncate.cascade() ? " of several tables" : ""), message, fix, null);
    }
}
