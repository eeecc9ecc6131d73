package dev.migrationreview.postgres;

import dev.migrationreview.sql.statement.TypeName;
import java.util.List;
import java.util.Set;

/**
 * What {@code ALTER COLUMN ... TYPE} costs for one old/new type pair: PostgreSQL skips the table
 * rewrite when the old type is binary-coercible to the new one and no length or precision check is
 * needed (tablecmds.c, ATColumnChangeRequiresRewrite). Indexes on the column are rebuilt when their
 * operator class changes even if the table is not rewritten.
 *
 * @param rewritesTable   the table (and every index on it) gets new storage
 * @param rebuildsIndexes indexes on the column are rebuilt although the table is not
 * @param note            an assumption the answer rests on, or null
 */
record TypeChange(boolean rewritesTable, boolean rebuildsIndexes, String note) {

    private static final String VARCHAR = "character varying";
    private static final Set<String> TEXT_LIKE = Set.of("text", VARCHAR);
    static final String UTC_NOTE = "timestamp -> timestamptz skips the rewrite only when the session TimeZone is UTC "
            + "(PostgreSQL 12+); under any other TimeZone the table is rewritten";

    private static final TypeChange REWRITE = new TypeChange(true, false, null);
    private static final TypeChange CATALOG_ONLY = new TypeChange(false, false, null);

    /**
     * @param from the column's type before, or null when the schema does not know it
     * @param usingExpression the USING clause, or null
     */
    static TypeChange of(TypeName from, TypeName to, String usingExpression, int version) {
        if (from == null) {
            return new TypeChange(true, false, "the column's current type is unknown, so a rewrite is assumed");
        }
        if (usingExpression != null && !usingExpression.isBlank()) {
            return REWRITE;
        }
        if (from.arrayDimensions() != to.arrayDimensions()) {
            return REWRITE;
        }
        String f = from.name();
        String t = to.name();
        List<Integer> fm = from.modifiers();
        List<Integer> tm = to.modifiers();
        if (f.equals(t)) {
            if (tm.equals(fm) || tm.isEmpty()) {
                return CATALOG_ONLY;
            }
            if (fm.isEmpty()) {
                return REWRITE;
            }
            return switch (f) {
                case VARCHAR, "character", "bit varying" -> tm.get(0) >= fm.get(0) && !f.equals("character") ? CATALOG_ONLY : REWRITE;
                case "numeric" -> widensNumeric(fm, tm) ? CATALOG_ONLY : REWRITE;
                case "timestamp without time zone", "timestamp with time zone", "time without time zone", "interval" ->
                        tm.get(0) >= fm.get(0) ? CATALOG_ONLY : REWRITE;
                default -> REWRITE;
            };
        }
        if (TEXT_LIKE.contains(f) && t.equals("text")) {
            return CATALOG_ONLY;
        }
        if (f.equals("text") && t.equals(VARCHAR) && tm.isEmpty()) {
            return CATALOG_ONLY;
        }
        if (f.equals("cidr") && t.equals("inet")) {
            return CATALOG_ONLY;
        }
        if (f.equals("timestamp without time zone") && t.equals("timestamp with time zone")
                && (tm.isEmpty() || (!fm.isEmpty() && tm.get(0) >= fm.get(0)))) {
            // Binary-coercible since 12 when the session TimeZone is UTC; the btree operator class differs,
            // so indexes on the column are rebuilt all the same.
            return version >= 12 ? new TypeChange(false, true, UTC_NOTE) : REWRITE;
        }
        return REWRITE;
    }

    /** numeric(p,s) -> numeric(p2,s) with p2 >= p keeps every value; a scale change does not. */
    private static boolean widensNumeric(List<Integer> from, List<Integer> to) {
        int fromScale = from.size() > 1 ? from.get(1) : 0;
        int toScale = to.size() > 1 ? to.get(1) : 0;
        return fromScale == toScale && to.get(0) >= from.get(0);
    }
}
