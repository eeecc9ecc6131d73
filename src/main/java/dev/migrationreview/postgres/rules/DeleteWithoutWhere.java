package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.DurationEstimate;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class DeleteWithoutWhere extends PostgresRule {

    public DeleteWithoutWhere() {
        super("delete-without-where", Risk.HIGH, "DELETE without WHERE removes every row in one statement: data loss, row locks, replication lag");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.Delete delete) || delete.hasWhere()) {
            return List.of();
        }
        TableSize size = TableSize.of(context, delete.table());
        if (size.isNew()) {
            return List.of();
        }
        Risk risk = RiskModel.dataLossRisk(size);
        String t = ident(delete.table());
        String key = ident(BackfillRecipe.batchKey(context.schemaBefore(), delete.table()));
        String message = "This DELETE removes every row of " + size.describe() + " for good, in one statement: each deleted row stays"
                + " locked until " + (context.inTransaction() ? "the migration's transaction commits" : "the statement ends")
                + ", and the WAL it writes makes replicas fall behind." + DurationEstimate.sentence(WorkKind.ROW_CHANGES, size)
                + size.unknownSizeNote();
        String fix = "Instead: if only some rows should go, add the WHERE clause. If all must go, keep a copy first and delete in batches"
                + " outside the schema migration:"
                + sqlBlock("-- repeat until it deletes 0 rows\nDELETE FROM " + t + " WHERE " + key + " IN (SELECT " + key + " FROM " + t
                        + " LIMIT 10000);");
        return report(context, risk, "DELETE removes every row of `" + delete.table().name() + "`", message, fix, null);
    }
}
