package dev.migrationreview.mysql.sql;

import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.StatementSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts MySQL and MariaDB migration text into statements the way the {@code mysql} client and the server read it:
 * a statement ends at the delimiter ({@code ;}, or what a {@code DELIMITER} line set) outside strings ({@code '},
 * {@code "}, with backslash escapes and doubled quotes), backquoted identifiers and comments ({@code #},
 * {@code -- } with the space MySQL requires, {@code /* *}{@code /}). A versioned comment ({@code /*!40101 ... *}{@code /},
 * MariaDB's {@code /*M!100100 ... *}{@code /}) is SQL the server runs, so it is part of a statement. The body of a
 * stored program sent without a {@code DELIMITER} ({@code CREATE TRIGGER ... BEGIN ...; ...; END}) is kept whole, as
 * the server's parser keeps it. {@code DELIMITER} lines are client commands: kept as meta-command statements.
 */
public class MysqlStatementSplitter implements StatementSplitter {

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    public List<RawStatement> split(String text) {
        return new Scan(text).run();
    }

    /** One pass over one file. */
    private static final class Scan {
        private final String s;
        private final int n;
        private int pos;
        private int line = 1;
        private int lineStart;
        private final List<RawStatement> out = new ArrayList<>();
        private final List<String> pendingComments = new ArrayList<>();
        private int lastContentLine;
        private int lastStatementEndLine;
        private String delimiter = ";";

        private int stmtStart = -1;
        private int stmtStartLine;
        private int stmtStartCol;
        private int lastTokenEnd = -1;
        private int lastTokenEndLine;
        private int lastTokenEndCol;
        private final List<String> leadingWords = new ArrayList<>(6);
        /** Open BEGIN/CASE of a stored program's body sent with the ';' delimiter. */
        private int blockDepth;
        private boolean routine;
        private String previousWord = "";
        private RawStatement.Unterminated unterminated;

        Scan(String text) {
            s = text;
            n = text.length();
            pos = n > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
            lineStart = pos;
        }

        List<RawStatement> run() {
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    newline();
                    pos++;
                    continue;
                }
                if (isSpace(c)) {
                    pos++;
                    continue;
                }
                if (c == '#' || (c == '-' && peek(1) == '-' && (pos + 2 >= n || isSpace(s.charAt(pos + 2)) || s.charAt(pos + 2) < ' '))) {
                    lineComment(c == '#' ? 1 : 2);
                    continue;
                }
                if (c == '/' && peek(1) == '*' && !(peek(2) == '!' || (peek(2) == 'M' && peek(3) == '!'))) {
                    blockComment();
                    continue;
                }
                if (stmtStart < 0 && (c == 'd' || c == 'D') && delimiterLine()) {
                    continue;
                }
                if (s.startsWith(delimiter, pos) && (delimiter.equals(";") ? blockDepth == 0 : true)) {
                    if (stmtStart >= 0) {
                        finish(pos, line, col(pos + delimiter.length() - 1));
                    }
                    pos += delimiter.length();
                    continue;
                }
                beginIfNeeded();
                token(c);
            }
            if (stmtStart >= 0) {
                finish(-1, lastTokenEndLine, lastTokenEndCol);
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

        private void lineComment(int markerLength) {
            int eol = s.indexOf('\n', pos);
            int end = eol < 0 ? n : eol;
            if (stmtStart < 0 && line != lastStatementEndLine) {
                // a comment after a statement on its line belongs to that statement, not to the next
                String text = s.substring(pos + markerLength, end).strip();
                if (!pendingComments.isEmpty() && lastContentLine < line - 1) {
                    pendingComments.clear();
                }
                pendingComments.add(text);
                lastContentLine = line;
            }
            pos = end;
        }

        private void blockComment() {
            int open = pos;
            int openLine = line;
            int openLineStart = lineStart;
            int close = s.indexOf("*/", pos + 2);
            if (close < 0) {
                unterminatedAt("block comment", "/*", open, openLine, openLineStart);
                return;
            }
            String body = s.substring(pos + 2, close);
            advanceTo(close + 2);
            if (stmtStart < 0) {
                if (!pendingComments.isEmpty() && lastContentLine < openLine - 1) {
                    pendingComments.clear();
                }
                for (String l : body.split("\n")) {
                    String t = l.strip();
                    if (t.startsWith("*")) {
                        t = t.substring(1).strip();
                    }
                    if (!t.isEmpty()) {
                        pendingComments.add(t);
                    }
                }
                lastContentLine = line;
            }
        }

        /** Moves to {@code target}, counting the line breaks passed. */
        private void advanceTo(int target) {
            while (pos < target) {
                if (s.charAt(pos) == '\n') {
                    newline();
                }
                pos++;
            }
        }

        /** {@code DELIMITER xx} on a line of its own, at a statement boundary: the client's terminator from here on. */
        private boolean delimiterLine() {
            if (!s.regionMatches(true, pos, "DELIMITER", 0, 9) || pos + 9 >= n || !(s.charAt(pos + 9) == ' ' || s.charAt(pos + 9) == '\t')) {
                return false;
            }
            int eol = s.indexOf('\n', pos);
            int end = eol < 0 ? n : eol;
            String rest = s.substring(pos + 9, end).strip();
            if (rest.isEmpty()) {
                return false;
            }
            String newDelimiter = rest.split("\\s+")[0];
            String text = s.substring(pos, end).stripTrailing();
            out.add(new RawStatement(out.size(), text, new SourceSpan(line, col(pos), line, Math.max(col(pos), col(end - 1))),
                    attachedComments(line), true));
            delimiter = newDelimiter;
            lastContentLine = line;
            pos = end;
            return true;
        }

        private void beginIfNeeded() {
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

        private void token(char c) {
            int start = pos;
            if (c == '\'' || c == '"' || c == '`') {
                quoted(c);
                if (unterminated != null) {
                    return;
                }
            } else if (c == '/' && peek(1) == '*') {
                // a versioned comment's opening marker: the text inside is SQL
                pos += peek(2) == 'M' ? 4 : 3;
                while (pos < n && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
            } else if (c == '*' && peek(1) == '/') {
                pos += 2;
            } else if (isIdentChar(c)) {
                // a client delimiter such as $$ ends a word: END$$ is END then the delimiter
                while (pos < n && isIdentChar(s.charAt(pos)) && (pos == start || delimiter.equals(";") || !s.startsWith(delimiter, pos))) {
                    pos++;
                }
                word(AsciiCase.upper(s.substring(start, pos)));
            } else {
                pos++;
            }
            lastTokenEnd = pos;
            lastTokenEndLine = line;
            lastTokenEndCol = col(pos - 1);
        }

        private void word(String w) {
            if (leadingWords.size() < 6) {
                leadingWords.add(w);
                if (!routine && leadingWords.get(0).equals("CREATE")
                        && (w.equals("PROCEDURE") || w.equals("FUNCTION") || w.equals("TRIGGER") || w.equals("EVENT"))) {
                    routine = true;
                }
            }
            if (routine && delimiter.equals(";")) {
                if (w.equals("BEGIN") || (w.equals("CASE") && !previousWord.equals("END"))) {
                    blockDepth++;
                } else if (w.equals("END")) {
                    // END IF / END LOOP / END WHILE / END REPEAT close what was never counted; a bare END, END CASE
                    // or END label closes a BEGIN or a CASE
                    String next = nextWord(pos);
                    if (!(next.equals("IF") || next.equals("LOOP") || next.equals("WHILE") || next.equals("REPEAT"))) {
                        blockDepth = Math.max(0, blockDepth - 1);
                    }
                }
            }
            previousWord = w;
        }

        private String nextWord(int from) {
            int i = from;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && isIdentChar(s.charAt(i))) {
                i++;
            }
            return AsciiCase.upper(s.substring(start, i));
        }

        /** A string or backquoted identifier: backslash escapes (not in identifiers) and doubled quotes. */
        private void quoted(char quote) {
            int open = pos;
            int openLine = line;
            int openLineStart = lineStart;
            pos++;
            while (pos < n) {
                char c = s.charAt(pos);
                if (c == '\\' && quote != '`') {
                    if (pos + 1 < n && s.charAt(pos + 1) == '\n') {
                        pos++;
                        newline();
                    }
                    pos += 2;
                    continue;
                }
                if (c == '\n') {
                    newline();
                } else if (c == quote) {
                    if (pos + 1 < n && s.charAt(pos + 1) == quote) {
                        pos += 2;
                        continue;
                    }
                    pos++;
                    return;
                }
                pos++;
            }
            String construct = quote == '`' ? "quoted identifier" : "string literal";
            unterminatedAt(construct, String.valueOf(quote), open, openLine, openLineStart);
        }

        /**
         * A quote or comment that runs to the end of the file: the server would read every later statement into it.
         * The statement ends at the end of the opening line, marked, and the lines after are still cut.
         */
        private void unterminatedAt(String construct, String opening, int openPos, int openLine, int openLineStart) {
            int eol = s.indexOf('\n', openPos);
            int end = eol < 0 ? n : eol;
            line = openLine;
            lineStart = openLineStart;
            if (stmtStart < 0) {
                stmtStart = openPos;
                stmtStartLine = openLine;
                stmtStartCol = col(openPos);
            }
            unterminated = new RawStatement.Unterminated(construct, opening, openLine, col(openPos), true);
            int textEnd = end;
            while (textEnd > openPos + 1 && isSpace(s.charAt(textEnd - 1))) {
                textEnd--;
            }
            emit(end, openLine, Math.max(1, textEnd - lineStart));
            pos = end;
        }

        /** Ends the statement; {@code delimiterAt} is where its delimiter starts, or -1 at the end of the text. */
        private void finish(int delimiterAt, int endLine, int endCol) {
            emit(delimiterAt < 0 ? lastTokenEnd : delimiterAt, endLine, endCol);
        }

        private void emit(int textEndExclusive, int spanEndLine, int spanEndCol) {
            int textEnd = Math.max(stmtStart, textEndExclusive);
            while (textEnd > stmtStart && isSpace(s.charAt(textEnd - 1))) {
                textEnd--;
            }
            String sql = s.substring(stmtStart, textEnd);
            out.add(new RawStatement(out.size(), sql, new SourceSpan(stmtStartLine, stmtStartCol, Math.max(stmtStartLine, spanEndLine),
                    spanEndCol), attachedComments(stmtStartLine), false, unterminated));
            unterminated = null;
            lastContentLine = spanEndLine;
            lastStatementEndLine = spanEndLine;
            stmtStart = -1;
            leadingWords.clear();
            blockDepth = 0;
            routine = false;
            previousWord = "";
        }

        private List<String> attachedComments(int startLine) {
            List<String> comments = List.of();
            if (!pendingComments.isEmpty() && lastContentLine >= startLine - 1) {
                comments = List.copyOf(pendingComments);
            }
            pendingComments.clear();
            return comments;
        }
    }

    static boolean isIdentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || (c > 127 && !Character.isSpaceChar(c));
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || (c > 127 && Character.isSpaceChar(c));
    }
}
