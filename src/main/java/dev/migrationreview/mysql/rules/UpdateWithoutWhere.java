package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.SizeClass;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.analysis.risk.DurationEstimate;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

/** UPDATE of every row in one statement: row locks, undo and replica lag for its whole duration (the PostgreSQL rule's id). */
@Singleton
public final class UpdateWithoutWhere extends MysqlRule {

    public UpdateWithoutWhere() {
        super("update-without-where", Risk.MEDIUM,
                "Update of every row in one statement: row locks, undo log growth and replica lag for its whole duration");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.Update change) || change.hasWhere() || change.table() == null) {
            return List.of();
        }
        TableSize size = TableSize.of(context, change.table());
        if (size.isNew()) {
            return List.of();
        }
        Risk risk = switch (size.sizeClass()) {
            case SMALL -> Risk.LOW;
            case LARGE -> DurationEstimate.seconds(WorkKind.ROW_CHANGES, size).map(s -> s < 60 ? Risk.MEDIUM : Risk.HIGH).orElse(Risk.HIGH);
            default -> Risk.MEDIUM;
        };
        risk = size.hot() && size.sizeClass() != SizeClass.SMALL ? RiskModel.raise(risk) : risk;
        String message = "This UPDATE changes every row of " + size.describe() + " in one statement and one transaction: InnoDB locks each"
                + " row until it commits (writes to them wait, deadlocks rise), keeps every old version in the undo log (slowing other"
                + " queries' reads), and a kill rolls back for as long again." + DurationEstimate.sentence(WorkKind.ROW_CHANGES, size)
                + " With row-based replication each replica applies the whole change after the primary committed it: replication lags by at"
                + " least as long." + size.unknownSizeNote();
        String fix = "Instead: change rows in batches of a few thousand by primary key, committing each and pausing while replicas lag, from a"
                + " background job rather than the schema migration:"
                + sqlBlock("UPDATE ... WHERE id BETWEEN 1 AND 5000;  -- then the next range");
        return report(context, risk, "Update of every row of `" + change.table().name() + "` in one statement", message, fix, null);
    }
}
