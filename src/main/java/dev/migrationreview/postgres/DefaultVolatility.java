package dev.migrationreview.postgres;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a DEFAULT expression is volatile, which decides whether PostgreSQL 11+ can add the column
 * as catalog-only ("fast default", evaluated once) or must rewrite the table to evaluate it per row.
 * Only functions known to be volatile count; anything else (constants, now(), current_timestamp,
 * casts, immutable functions) is evaluated once.
 */
public final class DefaultVolatility {
    private static final Set<String> VOLATILE_FUNCTIONS = Set.of(
            "random", "clock_timestamp", "timeofday", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
            "uuid_generate_v4", "uuidv4", "uuidv7", "nextval", "setval", "txid_current", "pg_current_xact_id", "random_normal",
            "gen_random_bytes");
    private static final Pattern CALL = Pattern.compile("([a-z_][a-z0-9_]*)\\s*\\(");

    private DefaultVolatility() {}

    public static boolean isVolatile(String expression) {
        if (expression == null) {
            return false;
        }
        Matcher m = CALL.matcher(expression.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (VOLATILE_FUNCTIONS.contains(m.group(1))) {
                return true;
            }
        }
        return false;
    }
}
