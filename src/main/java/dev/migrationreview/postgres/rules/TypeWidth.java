package dev.migrationreview.postgres.rules;

import dev.migrationreview.sql.statement.TypeName;
import java.util.List;
import java.util.Map;

/** Whether one column type holds fewer values than another of the same family (a narrowing). */
final class TypeWidth {

    private TypeWidth() {}

    private static final Map<String, Integer> INTEGER_WIDTH = Map.of("smallint", 2, "integer", 4, "bigint", 8);

    private static final List<String> CHARACTER = List.of("character varying", "text", "character", "varchar", "char", "bpchar");

    /** A reason the change from {@code from} to {@code to} can reject or alter existing values, or null. */
    static String narrowing(TypeName from, TypeName to) {
        if (from.arrayDimensions() != to.arrayDimensions()) {
            return null;
        }
        String f = from.name();
        String t = to.name();
        if (INTEGER_WIDTH.containsKey(f) && INTEGER_WIDTH.containsKey(t) && INTEGER_WIDTH.get(t) < INTEGER_WIDTH.get(f)) {
            return t + " holds smaller numbers than " + f;
        }
        if (CHARACTER.contains(f) && CHARACTER.contains(t)) {
            Integer fromLen = from.modifiers().isEmpty() ? null : from.modifiers().get(0);
            Integer toLen = to.modifiers().isEmpty() ? null : to.modifiers().get(0);
            if (toLen != null && (fromLen == null || toLen < fromLen)) {
                return "values longer than " + toLen + " characters no longer fit";
            }
        }
        if (f.equals("numeric") && t.equals("numeric") && !to.modifiers().isEmpty()) {
            int fp = from.modifiers().isEmpty() ? Integer.MAX_VALUE : from.modifiers().get(0);
            int fs = from.modifiers().size() > 1 ? from.modifiers().get(1) : from.modifiers().isEmpty() ? Integer.MAX_VALUE : 0;
            int tp = to.modifiers().get(0);
            int ts = to.modifiers().size() > 1 ? to.modifiers().get(1) : 0;
            if (ts < fs) {
                return "digits after position " + ts + " of the fraction are rounded away";
            }
            if (tp - ts < fp - fs) {
                return "numeric(" + tp + "," + ts + ") holds fewer integer digits";
            }
        }
        if ((f.equals("double precision") && t.equals("real")) || (f.equals("numeric") && (t.equals("real") || t.equals("double precision")))) {
            return t + " keeps fewer significant digits than " + f;
        }
        if (f.equals("timestamp with time zone") && t.equals("timestamp without time zone")) {
            return "the time zone offset is dropped (values are converted to the server's TimeZone)";
        }
        return null;
    }
}
