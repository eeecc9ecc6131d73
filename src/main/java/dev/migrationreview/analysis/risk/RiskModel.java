package dev.migrationreview.analysis.risk;

import dev.migrationreview.analysis.LockImpact;
import dev.migrationreview.config.Risk;
import dev.migrationreview.config.ReviewConfig.DeployStrategy;

/**
 * The risk matrix (docs/risk.md): a lock's impact x how long it is held x the table's size class, and
 * the separate axes of compatibility with the running application and data loss. A finding's risk is the
 * highest of the axes that apply to it.
 */
public final class RiskModel {

    private RiskModel() {}

    public static Risk lockRisk(LockImpact impact, LockHold hold, TableSize size) {
        if (size.isNew() || impact == LockImpact.NOTHING) {
            return Risk.NONE;
        }
        Risk base = switch (impact) {
            case NOTHING -> Risk.NONE;
            case SCHEMA_CHANGES -> hold == LockHold.PROPORTIONAL && size.sizeClass() == SizeClass.LARGE ? Risk.LOW : Risk.INFO;
            case WRITES -> hold == LockHold.BRIEF ? Risk.LOW : switch (size.sizeClass()) {
                case SMALL -> Risk.LOW;
                case UNKNOWN -> Risk.MEDIUM;
                default -> Risk.HIGH;
            };
            case READS_AND_WRITES -> hold == LockHold.BRIEF ? Risk.LOW : switch (size.sizeClass()) {
                case SMALL -> Risk.LOW;
                case UNKNOWN -> Risk.HIGH;
                default -> Risk.CRITICAL;
            };
        };
        return size.hot() ? raise(base) : base;
    }

    /**
     * Like {@link #lockRisk(LockImpact, LockHold, TableSize)} for work proportional to the table, sharpened by
     * the estimated duration when config gives the size: what matters is how long traffic waits.
     */
    public static Risk lockRisk(LockImpact impact, WorkKind work, TableSize size) {
        Risk bySize = lockRisk(impact, LockHold.PROPORTIONAL, size);
        java.util.Optional<Double> seconds = DurationEstimate.seconds(work, size);
        if (size.isNew() || seconds.isEmpty() || impact.compareTo(LockImpact.WRITES) < 0) {
            return bySize;
        }
        double s = seconds.get();
        Risk byTime = impact == LockImpact.READS_AND_WRITES
                ? (s < 1 ? Risk.LOW : s < 10 ? Risk.MEDIUM : s < 60 ? Risk.HIGH : Risk.CRITICAL)
                : (s < 10 ? Risk.LOW : s < 60 ? Risk.MEDIUM : s < 600 ? Risk.HIGH : Risk.CRITICAL);
        return size.hot() ? raise(byTime) : byTime;
    }

    /**
     * For slow work whose safe alternative costs the author almost nothing ({@code CONCURRENTLY}, {@code NOT VALID},
     * {@code USING INDEX}): a table of unknown size rates as large, since the cheap form is right either way. Up to
     * high, so that critical still means a known long lock (or a failing migration); one step more on a hot table.
     */
    public static Risk lockRiskWithCheapAlternative(LockImpact impact, WorkKind work, TableSize size) {
        if (size.sizeClass() != SizeClass.UNKNOWN) {
            return lockRisk(impact, work, size);
        }
        TableSize asLarge = new TableSize(size.table(), SizeClass.LARGE, null, null, false);
        Risk risk = lockRisk(impact, LockHold.PROPORTIONAL, asLarge);
        risk = risk.atLeast(Risk.HIGH) ? Risk.HIGH : risk;
        return size.hot() ? raise(risk) : risk;
    }

    /** Breaking the running application: depends on whether old and new code meet the new schema. */
    public static Risk compatibilityRisk(DeployStrategy deploy, TableSize size) {
        if (size.isNew()) {
            return Risk.NONE;
        }
        return switch (deploy) {
            case ROLLING -> Risk.HIGH;
            case BLUE_GREEN -> Risk.MEDIUM;
            case DOWNTIME_OK -> Risk.INFO;
        };
    }

    /** Destroying data that exists: irreversible without a restore, whatever the deploy strategy. */
    public static Risk dataLossRisk(TableSize size) {
        return switch (size.sizeClass()) {
            case NEW -> Risk.NONE;
            case SMALL, UNKNOWN -> Risk.MEDIUM;
            case LARGE -> Risk.HIGH;
        };
    }

    public static Risk raise(Risk risk) {
        return risk == Risk.NONE || risk == Risk.CRITICAL ? risk : Risk.values()[risk.ordinal() + 1];
    }

    public static Risk lower(Risk risk) {
        return risk.ordinal() <= Risk.INFO.ordinal() ? risk : Risk.values()[risk.ordinal() - 1];
    }

    /** What the deploy strategy means for old code meeting the new schema, in one clause. */
    public static String deployClause(DeployStrategy deploy) {
        return switch (deploy) {
            case ROLLING -> "During a rolling deploy the running application (old code) keeps using the table after the migration";
            case BLUE_GREEN -> "With a blue-green deploy the old environment still serves traffic against the new schema until the switch";
            case DOWNTIME_OK -> "With `deploy: downtime-ok` the application is stopped while this runs, but code not yet updated will fail once it starts";
        };
    }
}
