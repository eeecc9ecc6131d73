package dev.migrationreview.postgres;

import dev.migrationreview.schema.SqlText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The names PostgreSQL chooses for objects a statement leaves unnamed ({@code orders_pkey},
 * {@code orders_email_key}, {@code orders_customer_id_fkey}, {@code orders_amount_check},
 * {@code orders_email_idx}, {@code orders_id_seq}), following makeObjectName and ChooseRelationName
 * in PostgreSQL's source: parts are shortened to fit 63 bytes, and a clash appends 1, 2, ... to the label.
 */
public final class PostgresNames {
    /** NAMEDATALEN - 1. */
    public static final int MAX_IDENTIFIER = 63;

    private PostgresNames() {}

    /** PostgreSQL silently cuts identifiers to 63 bytes, so a later statement may name the object either way. */
    public static String truncate(String identifier) {
        if (identifier == null || identifier.length() <= MAX_IDENTIFIER / 4) {
            return identifier;
        }
        int bytes = 0;
        for (int i = 0; i < identifier.length(); ) {
            int cp = identifier.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_IDENTIFIER) {
                return identifier.substring(0, i);
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return identifier;
    }

    public static String choose(String name1, String name2, String label, Predicate<String> taken) {
        String candidate = makeObjectName(name1, name2, label);
        int pass = 0;
        while (taken.test(candidate)) {
            candidate = makeObjectName(name1, name2, label + (++pass));
        }
        return candidate;
    }

    public static String makeObjectName(String name1, String name2, String label) {
        int name1chars = name1.length();
        int name2chars = name2 == null ? 0 : name2.length();
        int overhead = (name2 == null ? 0 : 1) + (label == null ? 0 : label.length() + 1);
        int available = MAX_IDENTIFIER - overhead;
        while (name1chars + name2chars > available) {
            if (name1chars > name2chars) {
                name1chars--;
            } else {
                name2chars--;
            }
        }
        StringBuilder out = new StringBuilder(name1.substring(0, name1chars));
        if (name2 != null) {
            out.append('_').append(name2, 0, name2chars);
        }
        if (label != null) {
            out.append('_').append(label);
        }
        return out.toString();
    }

    /** Column names joined with {@code _}, as ChooseIndexNameAddition and the foreign-key addition do. */
    public static String addition(List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String n : names) {
            if (out.length() > 0) {
                out.append('_');
            }
            out.append(n);
            if (out.length() >= MAX_IDENTIFIER) {
                break;
            }
        }
        return out.toString();
    }

    /**
     * The per-column names an index gets (ChooseIndexColumnNames): the column for a plain column, the
     * function for a function call, {@code expr} otherwise; repeats get a number.
     */
    public static List<String> indexColumnNames(List<String> elements) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> used = new HashMap<>();
        for (String element : elements) {
            String base = SqlText.columnOf(element);
            if (base == null) {
                base = SqlText.functionOf(element);
            }
            if (base == null) {
                base = "expr";
            }
            String name = base;
            int n = used.getOrDefault(base, 0);
            while (out.contains(name)) {
                name = base + (++n);
            }
            used.put(base, n);
            out.add(name);
        }
        return out;
    }
}
