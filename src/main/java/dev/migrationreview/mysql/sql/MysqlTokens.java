package dev.migrationreview.mysql.sql;

import dev.migrationreview.sql.AsciiCase;
import java.util.ArrayList;
import java.util.List;

/**
 * One MySQL statement as tokens, with a cursor. Comments are dropped; a versioned comment's markers
 * ({@code /*!40101}, {@code /*M!100100}, its closing {@code *}{@code /}) are dropped and its text kept, because every
 * version the model covers (5.7 and later, MariaDB 10.3 and later) runs the versioned comments real files carry.
 */
final class MysqlTokens {

    enum Kind {
        WORD,
        /** A backquoted identifier: {@code text} is the name without quotes. */
        QUOTED,
        /** A string literal: {@code text} as written, quotes included. */
        STRING,
        NUMBER,
        /** {@code @name} or {@code @@scope.name}. */
        VARIABLE,
        SYMBOL
    }

    /** @param start offset in the statement text where the token starts; {@code end} exclusive */
    record Token(Kind kind, String text, int start, int end) {
        String upper() {
            return AsciiCase.upper(text);
        }

        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED || (kind == Kind.STRING && text.startsWith("\""));
        }
    }

    final String sql;
    final List<Token> tokens;
    int pos;

    MysqlTokens(String sql) {
        this.sql = sql;
        this.tokens = tokenize(sql);
    }

    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        int versionedDepth = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                i++;
            } else if (c == '#' || (c == '-' && i + 1 < n && s.charAt(i + 1) == '-' && (i + 2 >= n || s.charAt(i + 2) <= ' '))) {
                int eol = s.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                boolean versioned = i + 2 < n && (s.charAt(i + 2) == '!' || (s.charAt(i + 2) == 'M' && i + 3 < n && s.charAt(i + 3) == '!'));
                if (versioned) {
                    i += s.charAt(i + 2) == 'M' ? 4 : 3;
                    while (i < n && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                    versionedDepth++;
                } else {
                    int close = s.indexOf("*/", i + 2);
                    i = close < 0 ? n : close + 2;
                }
            } else if (c == '*' && i + 1 < n && s.charAt(i + 1) == '/' && versionedDepth > 0) {
                versionedDepth--;
                i += 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = closing(s, i, c);
                if (c == '`') {
                    out.add(new Token(Kind.QUOTED, s.substring(i + 1, Math.max(i + 1, end - 1)).replace("``", "`"), i, end));
                } else {
                    out.add(new Token(Kind.STRING, s.substring(i, end), i, end));
                }
                i = end;
            } else if (c == '@') {
                int j = i + 1;
                while (j < n && (MysqlStatementSplitter.isIdentChar(s.charAt(j)) || s.charAt(j) == '@' || s.charAt(j) == '.')) {
                    j++;
                }
                if (j < n && (s.charAt(j) == '\'' || s.charAt(j) == '"' || s.charAt(j) == '`') && j == i + 1) {
                    j = closing(s, j, s.charAt(j));
                }
                out.add(new Token(Kind.VARIABLE, s.substring(i, j), i, j));
                i = j;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)) && !previousIsName(out))) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == '_')) {
                    j++;
                }
                String text = s.substring(i, j);
                // 1abc is an identifier in MySQL; a number has no letters beyond an exponent or hex prefix
                Kind kind = text.chars().anyMatch(Character::isLetter) && !text.matches("(?i)(0x[0-9a-f]+|0b[01]+|[0-9.]+e[+-]?[0-9]*)")
                        ? Kind.WORD : Kind.NUMBER;
                out.add(new Token(kind, text, i, j));
                i = j;
            } else if (MysqlStatementSplitter.isIdentChar(c)) {
                int j = i;
                while (j < n && MysqlStatementSplitter.isIdentChar(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, s.substring(i, j), i, j));
                i = j;
            } else {
                int len = 1;
                if (i + 1 < n) {
                    String two = s.substring(i, i + 2);
                    if (two.equals(":=") || two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=")
                            || two.equals("||") || two.equals("&&") || two.equals("->")) {
                        len = 2;
                    }
                }
                out.add(new Token(Kind.SYMBOL, s.substring(i, i + len), i, i + len));
                i += len;
            }
        }
        return out;
    }

    private static boolean previousIsName(List<Token> out) {
        return !out.isEmpty() && (out.get(out.size() - 1).kind() == Kind.WORD || out.get(out.size() - 1).kind() == Kind.QUOTED);
    }

    /** The offset after the quote that closes the one at {@code open} (or the end of the text). */
    private static int closing(String s, int open, char quote) {
        int n = s.length();
        int i = open + 1;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    // ---- cursor ----

    boolean atEnd() {
        return pos >= tokens.size();
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        int i = pos + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    Token next() {
        return atEnd() ? null : tokens.get(pos++);
    }

    boolean peekIs(String keyword) {
        Token t = peek();
        return t != null && t.is(keyword);
    }

    boolean peekIs(int ahead, String keyword) {
        Token t = peek(ahead);
        return t != null && t.is(keyword);
    }

    boolean peekSymbol(String symbol) {
        Token t = peek();
        return t != null && t.isSymbol(symbol);
    }

    /** Consumes the keywords if they come next, in order; else consumes nothing. */
    boolean accept(String... keywords) {
        for (int k = 0; k < keywords.length; k++) {
            if (!peekIs(k, keywords[k])) {
                return false;
            }
        }
        pos += keywords.length;
        return true;
    }

    boolean acceptSymbol(String symbol) {
        if (peekSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    /** An identifier (unquoted, backquoted, or double-quoted under ANSI_QUOTES), or null. */
    String name() {
        Token t = peek();
        if (t == null || !t.isName()) {
            return null;
        }
        pos++;
        return identifier(t);
    }

    static String identifier(Token t) {
        if (t.kind() == Kind.STRING) {
            return t.text().substring(1, Math.max(1, t.text().length() - 1));
        }
        return t.text();
    }

    /** {@code name} or {@code db.name}, as {@code [db, name]} (db null when not written). */
    String[] qualifiedName() {
        String first = name();
        if (first == null) {
            return null;
        }
        if (peekSymbol(".") && peek(1) != null && peek(1).isName()) {
            pos++;
            return new String[] {first, name()};
        }
        return new String[] {null, first};
    }

    /**
     * The text of a balanced parenthesised group starting at the cursor (which must be on {@code (}), without the outer
     * parentheses; the cursor moves past it. Null when the cursor is not on {@code (}.
     */
    String parenthesised() {
        if (!peekSymbol("(")) {
            return null;
        }
        int open = pos;
        int depth = 0;
        while (!atEnd()) {
            Token t = next();
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return sql.substring(tokens.get(open).end(), t.start()).trim();
                }
            }
        }
        return sql.substring(tokens.get(open).end()).trim();
    }

    /** Splits the tokens of a parenthesised group's text at top-level commas. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        List<Token> ts = tokenize(text);
        int depth = 0;
        int start = 0;
        for (Token t : ts) {
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (t.isSymbol(",") && depth == 0) {
                parts.add(text.substring(start, t.start()).trim());
                start = t.end();
            }
        }
        String last = text.substring(Math.min(start, text.length())).trim();
        if (!last.isEmpty() || !parts.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }

    /** The statement text from the current token to the next top-level comma (or the end); the cursor moves there. */
    String untilTopLevelComma() {
        if (atEnd()) {
            return "";
        }
        int from = peek().start();
        int depth = 0;
        int to = sql.length();
        while (!atEnd()) {
            Token t = peek();
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (t.isSymbol(",") && depth == 0) {
                to = t.start();
                break;
            }
            pos++;
        }
        return sql.substring(from, Math.min(to, atEnd() ? lastEnd() : to)).trim();
    }

    private int lastEnd() {
        return tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end();
    }

    /** The rest of the statement's text from the cursor. */
    String rest() {
        return atEnd() ? "" : sql.substring(peek().start(), lastEnd()).trim();
    }
}
