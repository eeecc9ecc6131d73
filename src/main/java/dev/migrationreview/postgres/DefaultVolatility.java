package dev.migrationreview.postgres;

import dev.migrationreview.schema.Schema;
import dev.migrationreview.sql.AsciiCase;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a DEFAULT expression is volatile, which decides whether PostgreSQL 11+ can add the column
 * as catalog-only ("fast default", evaluated once) or must rewrite the table to evaluate it per row.
 * Built-in functions count as PostgreSQL defines them (random(), clock_timestamp() ... are volatile;
 * now(), lower() ... are not); a function the history created counts with the volatility it was given
 * (VOLATILE unless it said STABLE or IMMUTABLE); a function neither knows counts as volatile.
 */
public final class DefaultVolatility {
    private static final Set<String> VOLATILE_FUNCTIONS = Set.of(
            "random", "clock_timestamp", "timeofday", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
            "uuid_generate_v4", "uuidv4", "uuidv7", "nextval", "setval", "txid_current", "pg_current_xact_id", "random_normal",
            "gen_random_bytes");
    /** Built-in functions, and keywords and type names followed by a parenthesis, that are not volatile. */
    private static final Set<String> NOT_VOLATILE = Set.of(
            "now", "statement_timestamp", "transaction_timestamp", "current_setting", "current_date", "current_time",
            "current_timestamp", "localtime", "localtimestamp", "current_user", "current_schema", "session_user", "user",
            "lower", "upper", "length", "char_length", "octet_length", "concat", "concat_ws", "format", "replace", "substring",
            "substr", "trim", "btrim", "ltrim", "rtrim", "left", "right", "lpad", "rpad", "md5", "sha256", "encode", "decode",
            "coalesce", "nullif", "greatest", "least", "abs", "round", "trunc", "floor", "ceil", "ceiling", "power", "sqrt",
            "mod", "to_char", "to_date", "to_timestamp", "to_number", "date_trunc", "date_part", "extract", "timezone",
            "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval", "age", "array_fill",
            "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array", "to_json", "to_jsonb",
            "array_to_json", "row_to_json", "jsonb_object", "json_object", "array_agg", "cast", "row", "array",
            "in", "and", "or", "not", "is", "then", "else", "when", "case", "as", "any", "all", "exists", "between", "like",
            "ilike", "similar", "values", "interval", "varchar", "character", "char", "numeric", "decimal", "timestamp",
            "timestamptz", "time", "timetz", "bit", "varbit", "float", "double", "precision", "int", "integer", "bigint",
            "smallint", "text", "uuid", "jsonb", "json", "boolean", "bool", "date", "inet", "regclass");
    private static final Pattern CALL = Pattern.compile("([a-z_][a-z0-9_$]*)\\s*\\(");

    private DefaultVolatility() {}

    /**
     * The expression with every string literal emptied ({@code 'now()'} is text, not a call). A scan, not a regular
     * expression: Java's regex engine recurses once per character of an alternation inside a loop, so a long
     * literal overflowed the stack.
     */
    private static String withoutStringContents(String expression) {
        StringBuilder out = new StringBuilder(expression.length());
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (c != '\'') {
                out.append(c);
                i++;
                continue;
            }
            int close = i + 1;
            while (close < n && (expression.charAt(close) != '\'' || (close + 1 < n && expression.charAt(close + 1) == '\''))) {
                close += expression.charAt(close) == '\'' ? 2 : 1;
            }
            out.append("''");
            i = close + 1;
        }
        return out.toString();
    }

    /** As {@link #isVolatile(String, Schema)} with no functions from the history. */
    public static boolean isVolatile(String expression) {
        return isVolatile(expression, Schema.EMPTY);
    }

    public static boolean isVolatile(String expression, Schema schema) {
        if (expression == null) {
            return false;
        }
        Matcher m = CALL.matcher(withoutStringContents(AsciiCase.lower(expression)));
        while (m.find()) {
            String function = m.group(1);
            if (VOLATILE_FUNCTIONS.contains(function)) {
                return true;
            }
            Optional<String> fromHistory = schema == null ? Optional.empty() : schema.functionVolatility(function);
            if (fromHistory.isPresent()) {
                if (fromHistory.get().equals("VOLATILE")) {
                    return true;
                }
            } else if (!NOT_VOLATILE.contains(function)) {
                return true;
            }
        }
        return false;
    }
}
