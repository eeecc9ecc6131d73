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
    static final String UTC_NOTE = "a change between timestamp and timestamptz skips the rewrite only when the session TimeZone "
            + "is UTC (PostgreSQL 12+); under any other TimeZone the table is rewritten";

    private static final TypeChange REWRITE = new TypeChange(true, false, null);
    private static final TypeChange CATALOG_ONLY = new TypeChange(false, false, null);

    /**
     * @param from the column's type before, or null when the schema does not know it
     * @param usingExpression the USING clause, or null
     */
    static TypeChange of(TypeName from, TypeName to, String usingExpression, int version) {
        return of(null, from, to, usingExpression, version);
    }

    /**
     * @param column the column's name, so that a USING that only restates the column ({@code USING col},
     *               {@code USING col::newtype}, {@code USING CAST(col AS newtype)}) counts as no USING: PostgreSQL
     *               then sees the same binary-coercible conversion (measured on 9.6-18)
     */
    static TypeChange of(String column, TypeName from, TypeName to, String usingExpression, int version) {
        if (from == null) {
            return new TypeChange(true, false, "the column's current type is unknown, so a rewrite is assumed");
        }
        if (usingExpression != null && !usingExpression.isBlank() && !restatesColumn(column, to, usingExpression)) {
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
        boolean timeZoneOnly = (f.equals("timestamp without time zone") && t.equals("timestamp with time zone"))
                || (f.equals("timestamp with time zone") && t.equals("timestamp without time zone"));
        if (timeZoneOnly && (tm.isEmpty() || (!fm.isEmpty() && tm.get(0) >= fm.get(0)))) {
            // Binary-coercible since 12 when the session TimeZone is UTC; the btree operator class differs,
            // so indexes on the column are rebuilt all the same.
            return version >= 12 ? new TypeChange(false, true, UTC_NOTE) : REWRITE;
        }
        return REWRITE;
    }

    private static final java.util.regex.Pattern CAST_CALL = java.util.regex.Pattern.compile(
            "(?is)CAST\\s*\\(\\s*(.+?)\\s+AS\\s+(.+)\\)");

    /** Whether {@code using} is the column itself, bare or cast to the new type. */
    private static boolean restatesColumn(String column, TypeName to, String using) {
        if (column == null) {
            return false;
        }
        String e = unparenthesise(using.strip());
        String castTo = null;
        java.util.regex.Matcher cast = CAST_CALL.matcher(e);
        if (cast.matches()) {
            castTo = cast.group(2).strip();
            e = unparenthesise(cast.group(1).strip());
        } else {
            int colons = e.indexOf("::");
            if (colons > 0) {
                castTo = e.substring(colons + 2).strip();
                e = unparenthesise(e.substring(0, colons).strip());
            }
        }
        boolean isColumn = e.equals(column) || e.equals("\"" + column + "\"") || (e.equalsIgnoreCase(column) && column.equals(column.toLowerCase()));
        if (!isColumn) {
            return false;
        }
        if (castTo == null) {
            return true;
        }
        TypeName target = dev.migrationreview.postgres.sql.PostgresTypeNames.normalise(castTo);
        return target.name().equals(to.name()) && target.modifiers().equals(to.modifiers()) && target.arrayDimensions() == to.arrayDimensions();
    }

    private static String unparenthesise(String s) {
        String e = s;
        while (e.startsWith("(") && e.endsWith(")") && balanced(e.substring(1, e.length() - 1))) {
            e = e.substring(1, e.length() - 1).strip();
        }
        return e;
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** numeric(p,s) -> numeric(p2,s) with p2 >= p keeps every value; a scale change does not. */
    private static boolean widensNumeric(List<Integer> from, List<Integer> to) {
        int fromScale = from.size() > 1 ? from.get(1) : 0;
        int toScale = to.size() > 1 ? to.get(1) : 0;
        return fromScale == toScale && to.get(0) >= from.get(0);
    }
}
