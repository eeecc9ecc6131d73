package dev.migrationreview.postgres.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lexical token of one PostgreSQL statement, with its offsets in the statement text so that
 * expressions can be handed on exactly as written.
 */
record SqlToken(Type type, String text, int start, int end) {

    enum Type {
        WORD,
        QUOTED_IDENT,
        STRING,
        DOLLAR_STRING,
        NUMBER,
        PUNCT
    }

    boolean isWord(String upperKeyword) {
        return type == Type.WORD && text.equalsIgnoreCase(upperKeyword);
    }

    boolean isPunct(String p) {
        return type == Type.PUNCT && text.equals(p);
    }

    boolean isIdentifier() {
        return type == Type.WORD || type == Type.QUOTED_IDENT;
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /** The string's content without quotes (for {@code 'a''b'} that is {@code a'b}). */
    String stringValue() {
        if (type == Type.STRING) {
            int q = text.indexOf('\'');
            String body = text.substring(q + 1, text.length() - (text.endsWith("'") ? 1 : 0));
            return body.replace("''", "'");
        }
        if (type == Type.DOLLAR_STRING) {
            int open = text.indexOf('$', 1) + 1;
            int close = text.lastIndexOf('$', text.length() - 2);
            return close >= open ? text.substring(open, close) : text.substring(open);
        }
        return text;
    }

    /** Splits a statement into tokens, skipping whitespace and comments. */
    static List<SqlToken> tokenize(String s) {
        List<SqlToken> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (PostgresStatementSplitter.isSpace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                int eol = s.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int depth = 0;
                while (i < n) {
                    if (s.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (s.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        i++;
                    }
                }
            } else if (c == '\'' || ((c == 'E' || c == 'e' || c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n')
                    && i + 1 < n && s.charAt(i + 1) == '\'')) {
                int start = i;
                boolean escapes = c == 'E' || c == 'e';
                i = c == '\'' ? i + 1 : i + 2;
                while (i < n) {
                    char d = s.charAt(i);
                    if (escapes && d == '\\') {
                        i += 2;
                    } else if (d == '\'') {
                        if (i + 1 < n && s.charAt(i + 1) == '\'') {
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        i++;
                    }
                }
                i = Math.min(i, n);
                out.add(new SqlToken(Type.STRING, s.substring(start, i), start, i));
            } else if (c == '"') {
                int start = i++;
                while (i < n) {
                    if (s.charAt(i) == '"') {
                        if (i + 1 < n && s.charAt(i + 1) == '"') {
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        i++;
                    }
                }
                i = Math.min(i, n);
                out.add(new SqlToken(Type.QUOTED_IDENT, s.substring(start, i), start, i));
            } else if (c == '$' && dollarTagEnd(s, i) > 0) {
                int tagEnd = dollarTagEnd(s, i);
                String tag = s.substring(i, tagEnd);
                int close = s.indexOf(tag, tagEnd);
                int end = close < 0 ? n : close + tag.length();
                out.add(new SqlToken(Type.DOLLAR_STRING, s.substring(i, end), i, end));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                    // stop before a '..' or a qualified-name dot followed by a letter
                    if (s.charAt(i) == '.' && i + 1 < n && !Character.isDigit(s.charAt(i + 1))) {
                        break;
                    }
                    i++;
                }
                out.add(new SqlToken(Type.NUMBER, s.substring(start, i), start, i));
            } else if (PostgresStatementSplitter.isIdentChar(c)) {
                int start = i;
                while (i < n && (PostgresStatementSplitter.isIdentChar(s.charAt(i)) || s.charAt(i) == '$')) {
                    i++;
                }
                out.add(new SqlToken(Type.WORD, s.substring(start, i), start, i));
            } else if (c == ':' && i + 1 < n && s.charAt(i + 1) == ':') {
                out.add(new SqlToken(Type.PUNCT, "::", i, i + 2));
                i += 2;
            } else if ("(),;.[]".indexOf(c) >= 0) {
                out.add(new SqlToken(Type.PUNCT, String.valueOf(c), i, i + 1));
                i++;
            } else {
                // operators: a run of operator characters is one token
                int start = i;
                while (i < n && "+-*/<>=~!@#%^&|`?:".indexOf(s.charAt(i)) >= 0
                        && !(s.startsWith("--", i) || s.startsWith("/*", i))) {
                    i++;
                }
                if (i == start) {
                    i++;
                }
                out.add(new SqlToken(Type.PUNCT, s.substring(start, i), start, i));
            }
        }
        return out;
    }

    /** End offset (exclusive) of a {@code $tag$} opening at {@code i}, or -1 when {@code $} starts no dollar quote. */
    static int dollarTagEnd(String s, int i) {
        if (i > 0 && PostgresStatementSplitter.isIdentChar(s.charAt(i - 1))) {
            return -1;
        }
        int j = i + 1;
        if (j < s.length() && Character.isDigit(s.charAt(j))) {
            return -1;
        }
        while (j < s.length() && PostgresStatementSplitter.isIdentChar(s.charAt(j))) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? j + 1 : -1;
    }
}
