package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.DurationEstimate;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.SizeClass;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.QualifiedName;
import java.util.List;

/**
 * An UPDATE or DELETE of every row in one statement. InnoDB pays the same for both (row locks until commit, undo,
 * replica lag), so one judgement serves both rules; only the verb, the statement it reads and the batching tool differ.
 */
abstract class WholeTableRowChange extends MysqlRule {
    private final String verb;

    /** @param verb {@code UPDATE} or {@code DELETE}, as the author wrote it */
    WholeTableRowChange(String id, String verb) {
        super(id, Risk.MEDIUM, capitalised(verb) + " of every row in one statement: row locks, undo log growth and replica lag"
                + " for its whole duration");
        this.verb = verb;
    }

    /** The table the statement changes every row of, or null when it is another statement or has a WHERE. */
    protected abstract QualifiedName everyRowOf(StatementContext context);

    /** What does the batching for this verb, said before the batch example; empty when nothing specific does. */
    protected String batchingTool() {
        return "";
    }

    @Override
    public final List<Finding> check(StatementContext context) {
        QualifiedName table = everyRowOf(context);
        if (table == null) {
            return List.of();
        }
        TableSize size = TableSize.of(context, table);
        if (size.isNew()) {
            return List.of();
        }
        Risk risk = switch (size.sizeClass()) {
            case SMALL -> Risk.LOW;
            case LARGE -> DurationEstimate.seconds(WorkKind.ROW_CHANGES, size).map(s -> s < 60 ? Risk.MEDIUM : Risk.HIGH).orElse(Risk.HIGH);
            default -> Risk.MEDIUM;
        };
        risk = size.hot() && size.sizeClass() != SizeClass.SMALL ? RiskModel.raise(risk) : risk;
        String message = "This " + verb + " changes every row of " + size.describe() + " in one statement and one transaction: InnoDB locks each"
                + " row until it commits (writes to them wait, deadlocks rise), keeps every old version in the undo log (slowing other"
                + " queries' reads), and a kill rolls back for as long again." + DurationEstimate.sentence(WorkKind.ROW_CHANGES, size)
                + " With row-based replication each replica applies the whole change after the primary committed it: replication lags by at"
                + " least as long." + size.unknownSizeNote();
        String fix = "Instead: change rows in batches of a few thousand by primary key, committing each and pausing while replicas lag, from a"
                + " background job rather than the schema migration" + batchingTool() + ":"
                + sqlBlock(verb + " ... WHERE id BETWEEN 1 AND 5000;  -- then the next range");
        return report(context, risk, capitalised(verb) + " of every row of `" + table.name() + "` in one statement", message, fix, null);
    }

    private static String capitalised(String verb) {
        return verb.charAt(0) + verb.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
