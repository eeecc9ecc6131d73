package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.LockImpact;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.risk.DurationEstimate;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.SizeClass;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.config.Risk;
import java.util.Optional;

/**
 * What copying or rebuilding a table costs on a live MySQL or MariaDB server: which traffic waits, for how long
 * (estimated from the configured size), and the replication lag that follows, since each replica replays the DDL only
 * after the primary finished it.
 */
final class TableCost {

    private TableCost() {}

    /** What ordinary traffic waits while the statement runs, from the lock level it runs with. */
    static LockImpact blocked(OnlineDdl ddl) {
        return switch (ddl.lock()) {
            case NONE -> LockImpact.NOTHING;
            case SHARED -> LockImpact.WRITES;
            case EXCLUSIVE -> LockImpact.READS_AND_WRITES;
        };
    }

    /** "writes wait" / "reads and writes wait" / "reads and writes go on". */
    static String blockedWords(OnlineDdl ddl) {
        return switch (ddl.lock()) {
            case NONE -> "reads and writes go on while it runs";
            case SHARED -> "reads go on, but every INSERT, UPDATE and DELETE waits";
            case EXCLUSIVE -> "every read and write waits";
        };
    }

    /** The duration sentence for the work on this table, empty when its size is not configured. */
    static String duration(WorkKind work, TableSize size) {
        return DurationEstimate.sentence(work, size);
    }

    /** The replica sentence: lag of about the statement's own duration. */
    static String replicaLag(WorkKind work, TableSize size) {
        Optional<Double> seconds = DurationEstimate.seconds(work, size);
        return " Each replica runs the same statement only after the primary finished it, and applies DDL one statement at a time:"
                + " replication lags by about as long" + seconds.map(s -> " (" + DurationEstimate.magnitude(s) + ")").orElse("") + ".";
    }

    /** Risk of work that blocks traffic for its whole duration. */
    static Risk blockingRisk(OnlineDdl ddl, WorkKind work, TableSize size) {
        LockImpact impact = blocked(ddl);
        if (impact == LockImpact.NOTHING) {
            return onlineRisk(work, size);
        }
        return RiskModel.lockRisk(impact, work, size);
    }

    /**
     * Risk of online work (nothing waits on the primary): the I/O and the replica lag grow with the table. Low while
     * the size is unknown or small; medium above tens of seconds of lag, high above ten minutes.
     */
    static Risk onlineRisk(WorkKind work, TableSize size) {
        if (size.isNew()) {
            return Risk.NONE;
        }
        Risk risk;
        Optional<Double> seconds = DurationEstimate.seconds(work, size);
        if (seconds.isPresent() && size.sizeClass() != SizeClass.UNKNOWN) {
            double s = seconds.get();
            risk = s < 60 ? Risk.LOW : s < 600 ? Risk.MEDIUM : Risk.HIGH;
        } else {
            risk = size.sizeClass() == SizeClass.LARGE ? Risk.MEDIUM : Risk.LOW;
        }
        return size.hot() ? RiskModel.raise(risk) : risk;
    }
}
