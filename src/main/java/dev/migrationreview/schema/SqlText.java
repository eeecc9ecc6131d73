package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Identifier-level reading of expression texts (index elements, CHECK and WHERE predicates), so that
 * dropping or renaming a column finds the objects that mention it without a full expression parser.
 * String literals are skipped; quoted identifiers keep their case, unquoted ones are folded.
 */
public final class SqlText {
    private SqlText() {}

    /** The identifiers the text names, folded, in order of first appearance. */
    static Set<String> identifiers(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        scan(text, (start, end, folded) -> out.add(folded));
        return out;
    }

    static boolean mentions(String text, String identifier) {
        return identifiers(text).contains(identifier);
    }

    /** The text with every occurrence of identifier {@code from} replaced by {@code to} (quoted when needed). */
    static String renameIdentifier(String text, String from, String to) {
        if (text == null || !mentions(text, from)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        int[] last = {0};
        scan(text, (start, end, folded) -> {
            if (folded.equals(from)) {
                out.append(text, last[0], start).append(quoteIfNeeded(to));
                last[0] = end;
            }
        });
        out.append(text, last[0], text.length());
        return out.toString();
    }

    static String quoteIfNeeded(String identifier) {
        boolean plain = !identifier.isEmpty() && (Character.isLowerCase(identifier.charAt(0)) || identifier.charAt(0) == '_');
        for (int i = 0; plain && i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            plain = Character.isLowerCase(c) || Character.isDigit(c) || c == '_' || c == '$';
        }
        return plain ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * A lone column reference (possibly quoted, possibly followed by ordering or an operator class:
     * {@code email DESC}, {@code name text_pattern_ops}) as its folded name, else null for an expression.
     */
    public static String columnOf(String element) {
        String e = element.trim();
        if (e.isEmpty() || e.startsWith("(")) {
            return null;
        }
        List<String> words = new ArrayList<>();
        boolean[] other = {false};
        scanTokens(e, words, other);
        if (other[0] || words.isEmpty()) {
            return null;
        }
        String first = words.get(0);
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i).toLowerCase(Locale.ROOT);
            // what may follow a plain column in an index element; anything else makes it an expression
            if (!(w.equals("asc") || w.equals("desc") || w.equals("nulls") || w.equals("first") || w.equals("last")
                    || w.equals("collate") || i == 1 || words.get(i - 1).equalsIgnoreCase("collate"))) {
                return null;
            }
        }
        return QualifiedName.fold(first);
    }

    /** The function name of an element like {@code lower(email)}, else null. */
    public static String functionOf(String element) {
        String e = element.trim();
        while (e.startsWith("(") && e.endsWith(")")) {
            e = e.substring(1, e.length() - 1).trim();
        }
        int paren = e.indexOf('(');
        if (paren <= 0) {
            return null;
        }
        String head = e.substring(0, paren).trim();
        if (!head.matches("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?")) {
            return null;
        }
        int dot = head.lastIndexOf('.');
        return head.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void scanTokens(String text, List<String> words, boolean[] other) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int j = closing(text, i, '"');
                words.add(text.substring(i, j));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_' || text.charAt(j) == '$')) {
                    j++;
                }
                words.add(text.substring(i, j));
                i = j;
            } else {
                other[0] = true;
                return;
            }
        }
    }

    private interface IdentifierSink {
        void accept(int start, int end, String folded);
    }

    private static void scan(String text, IdentifierSink sink) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = closing(text, i, '\'');
            } else if (c == '"') {
                int j = closing(text, i, '"');
                sink.accept(i, j, QualifiedName.fold(text.substring(i, j)));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_' || text.charAt(j) == '$')) {
                    j++;
                }
                // a type cast target (::text) is not a column reference
                boolean cast = i >= 2 && text.charAt(i - 1) == ':' && text.charAt(i - 2) == ':';
                if (!cast) {
                    sink.accept(i, j, text.substring(i, j).toLowerCase(Locale.ROOT));
                }
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '.')) {
                    j++;
                }
                i = j;
            } else {
                i++;
            }
        }
    }

    /** Index just past the closing quote (a doubled quote is an escaped one). */
    private static int closing(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }
}
