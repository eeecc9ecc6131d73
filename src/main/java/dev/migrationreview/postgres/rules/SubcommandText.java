package dev.migrationreview.postgres.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each subcommand of an ALTER TABLE lies in its text: the statement cut at its top-level commas (outside
 * parentheses, quotes, dollar quotes and comments), so a finding on one subcommand can point at its lines.
 */
final class SubcommandText {

    private SubcommandText() {}

    /** Start (first non-blank character) and end offsets of each comma-separated piece of {@code sql}. */
    static List<int[]> pieces(String sql) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int pieceStart = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int close = sql.indexOf(c, i + 1);
                while (close > 0 && close + 1 < n && sql.charAt(close + 1) == c) {
                    close = sql.indexOf(c, close + 2);
                }
                i = close < 0 ? n : close + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '$') {
                int tagEnd = sql.indexOf('$', i + 1);
                String tag = tagEnd < 0 ? null : sql.substring(i, tagEnd + 1);
                if (tag != null && tag.matches("\\$[A-Za-z_0-9]*\\$")) {
                    int close = sql.indexOf(tag, tagEnd + 1);
                    i = close < 0 ? n : close + tag.length();
                } else {
                    i++;
                }
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                } else if (c == ',' && depth == 0) {
                    out.add(new int[] {firstNonBlank(sql, pieceStart, i), i});
                    pieceStart = i + 1;
                }
                i++;
            }
        }
        out.add(new int[] {firstNonBlank(sql, pieceStart, n), lastNonBlank(sql, pieceStart, n)});
        return out;
    }

    /** The first character of the piece that is neither blank nor a comment. */
    private static int firstNonBlank(String s, int from, int to) {
        int i = from;
        while (i < to) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
            } else if (s.startsWith("--", i)) {
                int eol = s.indexOf('\n', i);
                i = eol < 0 || eol > to ? to : eol;
            } else if (s.startsWith("/*", i)) {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 || close + 2 > to ? to : close + 2;
            } else {
                break;
            }
        }
        return Math.min(i, to);
    }

    private static int lastNonBlank(String s, int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
