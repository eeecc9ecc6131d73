package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.DurationEstimate;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class UpdateWithoutWhere extends PostgresRule {

    public UpdateWithoutWhere() {
        super("update-without-where", Risk.HIGH,
                "UPDATE of every row in one statement: row locks on the whole table, bloat, WAL and replication lag");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.Update update) || update.hasWhere()) {
            return List.of();
        }
        TableSize size = TableSize.of(context, update.table());
        Risk risk = switch (size.sizeClass()) {
            case NEW -> Risk.NONE;
            case SMALL -> Risk.LOW;
            case UNKNOWN -> Risk.MEDIUM;
            case LARGE -> Risk.HIGH;
        };
        String t = ident(update.table());
        String key = ident(BackfillRecipe.batchKey(context.schemaBefore(), update.table()));
        String set = sql(context).replaceAll("(?is)^\\s*UPDATE\\s+\\S+\\s+SET\\s+", "").strip();
        String message = "This UPDATE changes every row of " + size.describe() + " in one statement. Each updated row stays locked until"
                + (context.inTransaction() ? " the migration's transaction commits" : " the statement ends")
                + ", so application writes to any row wait; every row gets a new version (the table and its indexes bloat until"
                + " VACUUM), and the WAL it writes makes replicas fall behind." + DurationEstimate.sentence(WorkKind.ROW_CHANGES, size)
                + size.unknownSizeNote();
        String fix = "Instead: update in batches, each in its own short transaction, outside the schema migration (a job, or a migration"
                + " without a transaction), pausing between batches to let replicas catch up:"
                + sqlBlock(BackfillRecipe.batchedUpdate(t, key, set, "<rows not yet updated>"));
        return report(context, risk, "UPDATE touches every row of `" + update.table().name() + "` at once", message, fix, null);
    }
}
