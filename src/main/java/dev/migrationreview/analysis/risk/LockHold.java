package dev.migrationreview.analysis.risk;

/** How long a statement holds its lock. */
public enum LockHold {
    /** A catalog change: milliseconds once granted (waiting for it is another matter, see lock queueing). */
    BRIEF,
    /** Held while the statement reads, rewrites or indexes the whole table. */
    PROPORTIONAL
}
