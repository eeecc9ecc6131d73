package dev.migrationreview.migrations;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the top-level statements of a script are, as far as a migration tool sees them: how many there
 * are and how each begins. The tools' transaction rules depend on exactly this (PostgreSQL runs a
 * multi-statement batch as one implicit transaction; Flyway runs a script containing
 * {@code CREATE INDEX CONCURRENTLY} outside a transaction). This is a lexer over quotes and comments, not a
 * parser: the {@code sql} package does the real splitting and parsing later.
 */
final class ScriptStatements {

    /**
     * @param firstLine 1-based line where the statement's first token is
     * @param lastLine  1-based line of its terminating semicolon (or its last token)
     * @param text      the statement's start (up to {@value #HEAD_LENGTH} characters) with comments removed,
     *                  string and quoted-identifier contents replaced, whitespace collapsed and letters
     *                  upper-cased: enough to recognise its kind
     */
    record Statement(int firstLine, int lastLine, String text) {}

    /** How much of each statement is kept: a kind is recognised from its first few keywords. */
    static final int HEAD_LENGTH = 160;

    private ScriptStatements() {}

    static List<Statement> of(String script) {
        List<Statement> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int line = 1;
        int start = -1;
        int last = -1;
        int n = script.length();
        int i = 0;
        boolean lineStart = true;
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\n') {
                line++;
                space(text);
                lineStart = true;
                i++;
                continue;
            }
            if (lineStart && c == '\\') {
                // psql meta-command (\connect, \set): not SQL, runs to the end of the line
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (!Character.isWhitespace(c)) {
                lineStart = false;
            }
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    char d = script.charAt(i);
                    char e = i + 1 < n ? script.charAt(i + 1) : '\0';
                    if (d == '/' && e == '*') {
                        depth++;
                        i += 2;
                    } else if (d == '*' && e == '/') {
                        depth--;
                        i += 2;
                    } else {
                        if (d == '\n') {
                            line++;
                        }
                        i++;
                    }
                }
                space(text);
                continue;
            }
            if (start < 0 && !Character.isWhitespace(c) && c != ';') {
                start = line;
            }
            if (c == '\'') {
                boolean backslashEscapes = isEscapeStringPrefix(script, i);
                i++;
                while (i < n) {
                    char d = script.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (backslashEscapes && d == '\\') {
                        i += 2;
                        continue;
                    }
                    if (d == '\'') {
                        if (i + 1 < n && script.charAt(i + 1) == '\'') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                append(text, "''");
                last = line;
                continue;
            }
            if (c == '"') {
                i++;
                while (i < n) {
                    char d = script.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (d == '"') {
                        if (i + 1 < n && script.charAt(i + 1) == '"') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                append(text, "\"\"");
                last = line;
                continue;
            }
            if (c == '$') {
                String tag = dollarTag(script, i);
                if (tag != null) {
                    int close = script.indexOf(tag, i + tag.length());
                    int end = close < 0 ? n : close + tag.length();
                    for (int k = i; k < end; k++) {
                        if (script.charAt(k) == '\n') {
                            line++;
                        }
                    }
                    i = end;
                    append(text, "$$");
                    last = line;
                    continue;
                }
            }
            if (c == ';') {
                if (start >= 0) {
                    out.add(new Statement(start, line, normalize(text)));
                }
                text.setLength(0);
                start = -1;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                space(text);
            } else {
                if (text.length() < HEAD_LENGTH) {
                    text.append(Character.toUpperCase(c));
                }
                last = line;
            }
            i++;
        }
        if (start >= 0) {
            String rest = normalize(text);
            if (!rest.isEmpty()) {
                out.add(new Statement(start, last, rest));
            }
        }
        return out;
    }

    private static void append(StringBuilder text, String token) {
        if (text.length() < HEAD_LENGTH) {
            text.append(token);
        }
    }

    private static void space(StringBuilder text) {
        if (text.length() > 0 && text.length() < HEAD_LENGTH && text.charAt(text.length() - 1) != ' ') {
            text.append(' ');
        }
    }

    private static String normalize(StringBuilder text) {
        return text.toString().trim();
    }

    /** {@code E'...'} strings take backslash escapes; a plain {@code '...'} does not (standard_conforming_strings). */
    private static boolean isEscapeStringPrefix(String s, int quote) {
        if (quote == 0) {
            return false;
        }
        char p = s.charAt(quote - 1);
        if (p != 'E' && p != 'e') {
            return false;
        }
        return quote < 2 || !isIdentifierChar(s.charAt(quote - 2));
    }

    /** The {@code $tag$} opening a dollar-quoted string at {@code i}, or null ({@code $1} is a parameter). */
    private static String dollarTag(String s, int i) {
        if (i > 0 && isIdentifierChar(s.charAt(i - 1))) {
            return null;
        }
        int j = i + 1;
        if (j < s.length() && Character.isDigit(s.charAt(j))) {
            return null;
        }
        while (j < s.length() && isIdentifierChar(s.charAt(j))) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$') {
            return s.substring(i, j + 1);
        }
        return null;
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
