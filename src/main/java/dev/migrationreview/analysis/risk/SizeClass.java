package dev.migrationreview.analysis.risk;

/** How big a table is in production, as far as the change and the config tell. */
public enum SizeClass {
    /** Created earlier in this change: empty, nobody uses it yet. */
    NEW,
    /** Config gives its size and it is at or below {@code large-table-rows}. */
    SMALL,
    /** Config gives its size and it is above {@code large-table-rows}. */
    LARGE,
    /** Config's {@code tables:} does not mention it. */
    UNKNOWN
}
