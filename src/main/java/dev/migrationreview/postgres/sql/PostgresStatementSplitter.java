package dev.migrationreview.postgres.sql;

import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.StatementSplitter;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cuts PostgreSQL migration text into statements the way psql does: semicolons end statements
 * unless they sit inside a string, quoted identifier, dollar-quoted body or comment. A single pass
 * over the characters keeps line and column of every statement's first and last token.
 *
 * <p>Dialects with client-side delimiters (MySQL's {@code DELIMITER}, {@code BEGIN ... END}) get their
 * own splitter built the same way: the statement-end decision ({@code ;} outside quotes, comments and
 * {@code BEGIN ... END} bodies, or a client delimiter line) is the part that differs per dialect.
 */
@Singleton
public final class PostgresStatementSplitter implements StatementSplitter {

    /**
     * A one-shot client delimiter as DolphinScheduler's script runner writes it in PostgreSQL files:
     * {@code delimiter d//} on its own line, then one statement that ends at a line starting with {@code d//}.
     * MySQL's persistent {@code DELIMITER} is the MySQL splitter's business.
     */
    private static final Pattern ONE_SHOT_DELIMITER = Pattern.compile("(?i)delimiter[ \\t]+(\\S+)[ \\t]*");

    private static final Pattern COPY_FROM_STDIN =
            Pattern.compile("(?is)^COPY\\b.*\\bFROM\\s+STDIN\\b.*");

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public List<RawStatement> split(String text) {
        return new Scan(text).run();
    }

    /** One pass over one file; holds the cursor, so it is created per call. */
    private static final class Scan {
        private final String s;
        private final int n;
        private int pos;
        private int line = 1;
        private int lineStart;

        private final List<RawStatement> out = new ArrayList<>();
        private final List<String> pendingComments = new ArrayList<>();
        /** Line on which the last comment or statement ended; a gap of a blank line detaches comments. */
        private int lastContentLine;
        private int lastStatementEndLine;

        // the statement being collected
        private int stmtStart = -1;
        private int stmtStartLine;
        private int stmtStartCol;
        private int lastTokenEnd = -1; // exclusive offset
        private int lastTokenEndLine;
        private int lastTokenEndCol;
        private String oneShotDelimiter;
        /** The first words of the statement being collected, upper case, to recognise CREATE FUNCTION/PROCEDURE. */
        private final List<String> leadingWords = new ArrayList<>(4);
        /**
         * Nesting of {@code BEGIN ATOMIC ... END} bodies of SQL-standard functions (PostgreSQL 14+), in which
         * semicolons do not end the statement; counted the way psql counts them (BEGIN and, inside, CASE open; END closes).
         */
        private int beginDepth;

        Scan(String text) {
            // A byte-order mark is not part of the first statement.
            this.s = text;
            this.n = text.length();
            this.pos = (n > 0 && text.charAt(0) == '\uFEFF') ? 1 : 0;
            this.lineStart = pos;
        }

        List<RawStatement> run() {
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    newline();
                    pos++;
                    if (oneShotDelimiter != null && s.startsWith(oneShotDelimiter, pos)) {
                        endOneShotBlock();
                    }
                    continue;
                }
                if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || (c > 127 && Character.isSpaceChar(c))) {
                    pos++;
                    continue;
                }
                if (c == '-' && peek(1) == '-') {
                    lineComment();
                    continue;
                }
                if (c == '/' && peek(1) == '*') {
                    blockComment();
                    continue;
                }
                if (c == '\\' && (stmtStart < 0 || firstOnLine())) {
                    // psql sends what it has collected when a meta-command line (\gexec, \g) follows
                    if (stmtStart >= 0) {
                        finishStatement(lastTokenEnd, lastTokenEndLine, lastTokenEndCol);
                    }
                    metaCommand();
                    continue;
                }
                if (stmtStart < 0 && (c == 'd' || c == 'D') && oneShotDelimiterLine()) {
                    continue;
                }
                if (c == ';' && oneShotDelimiter == null && beginDepth == 0) {
                    if (stmtStart >= 0) {
                        finishStatement(pos, line, col(pos));
                    }
                    // a lone ';' is an empty statement: nothing to keep
                    pos++;
                    continue;
                }
                beginTokenIfNeeded();
                token(c);
            }
            if (stmtStart >= 0) {
                finishStatement(lastTokenEnd, lastTokenEndLine, lastTokenEndCol);
            }
            return out;
        }

        private char peek(int ahead) {
            int i = pos + ahead;
            return i < n ? s.charAt(i) : '\0';
        }

        private int col(int offset) {
            return offset - lineStart + 1;
        }

        private void newline() {
            line++;
            lineStart = pos + 1;
        }

        private boolean firstOnLine() {
            for (int i = lineStart; i < pos; i++) {
                if (!isSpace(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private void beginTokenIfNeeded() {
            if (stmtStart >= 0) {
                return;
            }
            stmtStart = pos;
            stmtStartLine = line;
            stmtStartCol = col(pos);
            if (!pendingComments.isEmpty() && lastContentLine < line - 1) {
                pendingComments.clear();
            }
        }

        /** Consumes one token starting at {@code c}, recording where it ended. */
        private void token(char c) {
            if (c == '\'') {
                boolean escapes = pos > 0 && isEscapePrefix(pos - 1);
                quoted('\'', escapes);
            } else if (c == '"') {
                quoted('"', false);
            } else if (c == '$' && dollarQuote()) {
                // consumed by dollarQuote
            } else if (isIdentChar(c)) {
                int start = pos;
                while (pos < n && (isIdentChar(s.charAt(pos)) || s.charAt(pos) == '$')) {
                    pos++;
                }
                word(start, pos);
            } else {
                pos++;
            }
            markTokenEnd();
        }

        private void word(int start, int end) {
            if (leadingWords.size() < 4) {
                leadingWords.add(upper(s.substring(start, end)));
                return;
            }
            if (!isRoutineDefinition()) {
                return;
            }
            int len = end - start;
            if (len == 5 && s.regionMatches(true, start, "BEGIN", 0, 5)) {
                beginDepth++;
            } else if (len == 4 && beginDepth > 0 && s.regionMatches(true, start, "CASE", 0, 4)) {
                beginDepth++;
            } else if (len == 3 && beginDepth > 0 && s.regionMatches(true, start, "END", 0, 3)) {
                beginDepth--;
            }
        }

        private boolean isRoutineDefinition() {
            if (leadingWords.isEmpty() || !leadingWords.get(0).equals("CREATE")) {
                return false;
            }
            int i = 1;
            if (leadingWords.size() > 2 && leadingWords.get(1).equals("OR") && leadingWords.get(2).equals("REPLACE")) {
                i = 3;
            }
            return i < leadingWords.size() && (leadingWords.get(i).equals("FUNCTION") || leadingWords.get(i).equals("PROCEDURE"));
        }

        private void markTokenEnd() {
            lastTokenEnd = pos;
            int last = pos - 1;
            // the token may span lines (strings, dollar bodies): line/lineStart are already advanced
            lastTokenEndLine = line;
            lastTokenEndCol = last - lineStart + 1;
            if (lastTokenEndCol < 1) {
                // token ended right on a newline character (cannot happen for tokens, but stay safe)
                lastTokenEndCol = 1;
            }
        }

        /** {@code E'...'} (any case) starts a string with backslash escapes when E is a word of its own. */
        private boolean isEscapePrefix(int i) {
            char p = s.charAt(i);
            if (p != 'E' && p != 'e') {
                return false;
            }
            return i == 0 || !isIdentChar(s.charAt(i - 1));
        }

        private void quoted(char quote, boolean backslashEscapes) {
            pos++; // opening quote
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    newline();
                    pos++;
                } else if (backslashEscapes && c == '\\') {
                    if (peek(1) == '\n') {
                        pos++;
                        newline();
                    }
                    pos += 2;
                } else if (c == quote) {
                    if (peek(1) == quote) {
                        pos += 2;
                    } else {
                        pos++;
                        return;
                    }
                } else {
                    pos++;
                }
            }
            pos = Math.min(pos, n);
        }

        /** Consumes {@code $tag$ ... $tag$} when one starts here; false for {@code $1} or a bare {@code $}. */
        private boolean dollarQuote() {
            if (pos > 0 && isIdentChar(s.charAt(pos - 1))) {
                return false;
            }
            int i = pos + 1;
            if (i < n && Character.isDigit(s.charAt(i))) {
                return false;
            }
            while (i < n && isIdentChar(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '$') {
                return false;
            }
            String tag = s.substring(pos, i + 1);
            int close = s.indexOf(tag, i + 1);
            int end = close < 0 ? n : close + tag.length();
            for (int k = pos; k < end; k++) {
                if (s.charAt(k) == '\n') {
                    line++;
                    lineStart = k + 1;
                }
            }
            pos = end;
            return true;
        }

        private void lineComment() {
            int start = pos;
            int eol = s.indexOf('\n', pos);
            int end = eol < 0 ? n : eol;
            if (stmtStart < 0) {
                addComment(line, s.substring(start + 2, end).trim());
            }
            pos = end;
        }

        private void blockComment() {
            int startLine = line;
            int start = pos;
            int depth = 0;
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '/' && peek(1) == '*') {
                    depth++;
                    pos += 2;
                } else if (c == '*' && peek(1) == '/') {
                    depth--;
                    pos += 2;
                    if (depth == 0) {
                        break;
                    }
                } else {
                    if (c == '\n') {
                        newline();
                    }
                    pos++;
                }
            }
            if (stmtStart < 0) {
                String body = s.substring(start + 2, Math.max(start + 2, pos - 2));
                boolean first = true;
                for (String l : body.split("\n", -1)) {
                    String t = l.trim();
                    if (t.startsWith("*")) {
                        t = t.substring(1).trim();
                    }
                    if (!t.isEmpty()) {
                        addComment(first ? startLine : line, t);
                    }
                    first = false;
                }
                lastContentLine = line;
            }
        }

        private void addComment(int commentLine, String text) {
            if (commentLine == lastStatementEndLine && !out.isEmpty() && lastContentLine == commentLine) {
                // a trailing comment on the line where the previous statement ended belongs to that one
                return;
            }
            if (!pendingComments.isEmpty() && lastContentLine < commentLine - 1) {
                pendingComments.clear();
            }
            pendingComments.add(text);
            lastContentLine = line;
        }

        private void metaCommand() {
            int eol = s.indexOf('\n', pos);
            int end = eol < 0 ? n : eol;
            int contentEnd = end;
            while (contentEnd > pos && Character.isWhitespace(s.charAt(contentEnd - 1))) {
                contentEnd--;
            }
            String cmd = s.substring(pos, contentEnd);
            List<String> comments = attachedComments(line);
            out.add(new RawStatement(out.size(), cmd,
                    new SourceSpan(line, col(pos), line, Math.max(col(pos), col(contentEnd - 1))), comments, true));
            lastStatementEndLine = line;
            lastContentLine = line;
            pos = end;
        }

        /** At a statement start: is this line {@code delimiter X}? If so, keep it as a meta-command and switch. */
        private boolean oneShotDelimiterLine() {
            int eol = s.indexOf('\n', pos);
            int end = eol < 0 ? n : eol;
            var m = ONE_SHOT_DELIMITER.matcher(s.substring(pos, end).stripTrailing());
            if (!m.matches()) {
                return false;
            }
            metaCommand();
            oneShotDelimiter = m.group(1);
            return true;
        }

        /** The line starting with the one-shot delimiter ends the statement; the delimiter line is consumed. */
        private void endOneShotBlock() {
            if (stmtStart >= 0) {
                int textEnd = lastTokenEnd;
                if (textEnd > stmtStart && s.charAt(textEnd - 1) == ';') {
                    textEnd--;
                }
                emit(textEnd, lastTokenEndLine, lastTokenEndCol);
            }
            oneShotDelimiter = null;
            int eol = s.indexOf('\n', pos);
            pos = eol < 0 ? n : eol;
        }

        private List<String> attachedComments(int startLine) {
            List<String> comments = List.of();
            if (!pendingComments.isEmpty() && lastContentLine >= startLine - 1) {
                comments = List.copyOf(pendingComments);
            }
            pendingComments.clear();
            return comments;
        }

        private void finishStatement(int endExclusive, int endLine, int endCol) {
            boolean semicolon = endExclusive < n && s.charAt(endExclusive) == ';' && endExclusive >= lastTokenEnd;
            String sql = semicolon ? emit(endExclusive, endLine, endCol) : emit(endExclusive, lastTokenEndLine, lastTokenEndCol);
            if (semicolon && COPY_FROM_STDIN.matcher(sql).matches()) {
                pos = endExclusive + 1;
                skipCopyData();
                pos--; // the caller steps over the ';' position
            }
        }

        private String emit(int textEndExclusive, int spanEndLine, int spanEndCol) {
            int textEnd = textEndExclusive;
            while (textEnd > stmtStart && isSpace(s.charAt(textEnd - 1))) {
                textEnd--;
            }
            String sql = s.substring(stmtStart, textEnd);
            List<String> comments = attachedComments(stmtStartLine);
            out.add(new RawStatement(out.size(), sql,
                    new SourceSpan(stmtStartLine, stmtStartCol, spanEndLine, spanEndCol), comments, false));
            lastStatementEndLine = spanEndLine;
            lastContentLine = spanEndLine;
            stmtStart = -1;
            leadingWords.clear();
            beginDepth = 0;
            return sql;
        }

        /** pg_dump's {@code COPY ... FROM stdin;} is followed by rows up to a line holding only {@code \.}. */
        private void skipCopyData() {
            int eol = s.indexOf('\n', pos);
            if (eol < 0) {
                pos = n;
                return;
            }
            pos = eol;
            newline();
            pos = eol + 1;
            while (pos < n) {
                int next = s.indexOf('\n', pos);
                int end = next < 0 ? n : next;
                String row = s.substring(pos, end);
                boolean terminator = row.strip().equals("\\.");
                if (next < 0) {
                    pos = n;
                    return;
                }
                pos = next;
                newline();
                pos = next + 1;
                if (terminator) {
                    return;
                }
            }
        }
    }

    static boolean isIdentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || (c > 127 && !Character.isSpaceChar(c));
    }

    /** Whitespace, including the no-break spaces editors leave behind, which PostgreSQL would reject anyway. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
