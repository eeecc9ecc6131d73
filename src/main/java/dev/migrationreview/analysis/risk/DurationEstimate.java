package dev.migrationreview.analysis.risk;

import java.util.Optional;

/** Order-of-magnitude durations for work that grows with a table, from the sizes config gives. */
public final class DurationEstimate {

    private DurationEstimate() {}

    /** Seconds the work would take, from bytes when known (more telling than rows), else rows. */
    public static Optional<Double> seconds(WorkKind work, TableSize size) {
        if (size.bytes() != null && size.bytes() > 0) {
            return Optional.of(size.bytes() / (double) work.bytesPerSecond());
        }
        if (size.rows() != null && size.rows() > 0) {
            return Optional.of(size.rows() / (double) work.rowsPerSecond());
        }
        return Optional.empty();
    }

    /**
     * {@code " For about 5,000,000 rows, a rewrite of the table and its indexes takes minutes (an estimate
     * at 100,000 rows/s)."}, or an empty string when the size is not known.
     */
    public static String sentence(WorkKind work, TableSize size) {
        Optional<Double> s = seconds(work, size);
        if (s.isEmpty() || size.isNew()) {
            return "";
        }
        String basis = size.bytes() != null && size.bytes() > 0
                ? "about " + TableSize.humanBytes(size.bytes()) + ", at " + TableSize.humanBytes(work.bytesPerSecond()) + "/s"
                : "about " + GroupedDigits.of(size.rows()) + " rows, at "
                        + GroupedDigits.of(work.rowsPerSecond()) + " rows/s";
        return " Estimated time for " + work.description() + " of `" + size.table().name() + "`: " + magnitude(s.get())
                + " (" + basis + "; an order of magnitude, not a measurement).";
    }

    /** The order of magnitude in words. */
    public static String magnitude(double seconds) {
        if (seconds < 1) {
            return "under a second";
        }
        if (seconds < 10) {
            return "a few seconds";
        }
        if (seconds < 60) {
            return "tens of seconds";
        }
        if (seconds < 600) {
            return "minutes";
        }
        if (seconds < 3600) {
            return "tens of minutes";
        }
        if (seconds < 36_000) {
            return "hours";
        }
        return "more than ten hours";
    }
}
