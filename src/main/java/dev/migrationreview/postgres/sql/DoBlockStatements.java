package dev.migrationreview.postgres.sql;

import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.StatementSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL statements written out in a {@code DO $$ ... $$} body, each at its own lines of the file, so that they
 * are reviewed and replayed like any other statement. PL/pgSQL's control flow (blocks, IF / ELSIF / ELSE, CASE,
 * loops, EXCEPTION handlers) is read past: a statement under a condition may run, so it is reviewed. A dynamic
 * {@code EXECUTE} is returned as it is written, for the parser to report as not understood; assignments,
 * PERFORM, RAISE, RETURN and declarations are not SQL the server runs on tables, and are dropped.
 */
final class DoBlockStatements {
    /** Statements a body runs as written (static SQL), by their first word. */
    private static final Set<String> STATIC_SQL = Set.of("ALTER", "CREATE", "DROP", "INSERT", "UPDATE", "DELETE", "TRUNCATE",
            "COMMENT", "GRANT", "REVOKE", "LOCK", "REFRESH", "ANALYZE", "REINDEX", "CLUSTER", "SET", "RESET", "WITH", "EXECUTE");
    /** Words after which a PL/pgSQL control header ends and a statement may start. */
    private static final Set<String> HEADER_ENDS = Set.of("THEN", "LOOP");

    private DoBlockStatements() {}

    /** The body's statements, or an empty list when {@code raw} is not a DO block with a dollar-quoted or quoted body. */
    static List<RawStatement> of(RawStatement raw, StatementSplitter splitter) {
        List<SqlToken> tokens = SqlToken.tokenize(raw.sql());
        if (tokens.isEmpty() || !tokens.get(0).isWord("DO")) {
            return List.of();
        }
        SqlToken bodyToken = null;
        for (int i = 1; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isWord("LANGUAGE") && i + 1 < tokens.size() && !tokens.get(i + 1).text().equalsIgnoreCase("plpgsql")) {
                return List.of();
            }
            if (t.type() == SqlToken.Type.DOLLAR_STRING) {
                bodyToken = t;
            }
        }
        if (bodyToken == null) {
            return List.of();
        }
        String tag = bodyToken.text().substring(0, bodyToken.text().indexOf('$', 1) + 1);
        int bodyStart = bodyToken.start() + tag.length();
        String body = raw.sql().substring(bodyStart, bodyToken.end() - tag.length());
        String before = raw.sql().substring(0, bodyStart);
        int firstLine = raw.span().startLine() + newlines(before, before.length());
        int firstColumn = before.contains("\n") ? before.length() - before.lastIndexOf('\n') : raw.span().startColumn() + before.length();

        List<RawStatement> out = new ArrayList<>();
        for (RawStatement chunk : splitter.split(body)) {
            String sql = chunk.sql();
            int at = statementStart(sql);
            if (at < 0) {
                continue;
            }
            String statement = sql.substring(at).strip();
            int startLine = chunk.span().startLine() + newlines(sql, at);
            int fileStart = firstLine + startLine - 1;
            int fileEnd = Math.max(fileStart, firstLine + chunk.span().endLine() - 1);
            int column = startLine == 1 ? firstColumn + at : 1;
            out.add(new RawStatement(raw.index(), statement, new SourceSpan(fileStart, column, fileEnd, chunk.span().endColumn()),
                    raw.leadingComments(), false));
        }
        return out;
    }

    /**
     * Where the SQL statement in one {@code ;}-separated piece of a body starts, past the control-flow words
     * before it, or -1 when the piece holds no statement to review.
     */
    private static int statementStart(String piece) {
        List<SqlToken> tokens = SqlToken.tokenize(piece);
        int i = 0;
        while (i < tokens.size()) {
            SqlToken t = tokens.get(i);
            String w = t.type() == SqlToken.Type.WORD ? t.text().toUpperCase(Locale.ROOT) : "";
            if (t.text().equals("<<")) {
                // <<label>>
                while (i < tokens.size() && !tokens.get(i).text().equals(">>")) {
                    i++;
                }
                i++;
            } else if (w.equals("DECLARE")) {
                // declarations run to BEGIN; only the part after it can hold a statement
                int begin = indexOfWord(tokens, i + 1, "BEGIN");
                if (begin < 0) {
                    return -1;
                }
                i = begin + 1;
            } else if (w.equals("BEGIN") || w.equals("ELSE") || w.equals("LOOP")) {
                i++;
            } else if (w.equals("IF") || w.equals("ELSIF") || w.equals("WHEN") || w.equals("FOR") || w.equals("WHILE")
                    || w.equals("FOREACH") || w.equals("EXCEPTION") || w.equals("CASE")) {
                if (w.equals("EXCEPTION") && i + 1 < tokens.size() && !tokens.get(i + 1).isWord("WHEN")) {
                    i++;
                    continue;
                }
                if (w.equals("CASE") && i + 1 < tokens.size() && !tokens.get(i + 1).isWord("WHEN")) {
                    i += 2; // CASE expr: the WHEN that follows opens the branch
                    continue;
                }
                int end = headerEnd(tokens, i + 1);
                if (end < 0) {
                    return -1;
                }
                i = end + 1;
            } else if (w.equals("END")) {
                return -1; // END [IF | LOOP | CASE | label]: nothing follows before the ;
            } else {
                break;
            }
        }
        if (i >= tokens.size()) {
            return -1;
        }
        SqlToken first = tokens.get(i);
        if (first.type() != SqlToken.Type.WORD || !STATIC_SQL.contains(first.text().toUpperCase(Locale.ROOT))) {
            return -1;
        }
        // "x := ..." or "SET" as a PL/pgSQL variable are not SQL; a word followed by := never is
        if (i + 1 < tokens.size() && tokens.get(i + 1).text().startsWith(":=")) {
            return -1;
        }
        return first.start();
    }

    /** The THEN or LOOP that ends a control header, outside parentheses. */
    private static int headerEnd(List<SqlToken> tokens, int from) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.text().equals("(")) {
                depth++;
            } else if (t.text().equals(")")) {
                depth--;
            } else if (depth == 0 && t.type() == SqlToken.Type.WORD && HEADER_ENDS.contains(t.text().toUpperCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfWord(List<SqlToken> tokens, int from, String word) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    private static int newlines(String s, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
