package dev.migrationreview.postgres.sql;

import dev.migrationreview.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/** A cursor over a range of a statement's tokens, with the reads PostgreSQL's grammar needs. */
final class TokenCursor {
    final String sql;
    final List<SqlToken> tokens;
    private final int end;
    int pos;

    TokenCursor(String sql, List<SqlToken> tokens) {
        this(sql, tokens, 0, tokens.size());
    }

    TokenCursor(String sql, List<SqlToken> tokens, int from, int to) {
        this.sql = sql;
        this.tokens = tokens;
        this.pos = from;
        this.end = to;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int end() {
        return end;
    }

    SqlToken peek() {
        return pos < end ? tokens.get(pos) : null;
    }

    SqlToken peek(int ahead) {
        int i = pos + ahead;
        return i < end ? tokens.get(i) : null;
    }

    /** True when the token at absolute index {@code i} is this keyword. */
    boolean peekAt(int i, String word) {
        return i < end && (tokens.get(i).isWord(word) || tokens.get(i).isPunct(word));
    }

    SqlToken next() {
        if (pos >= end) {
            throw new NotUnderstood("statement ends early");
        }
        return tokens.get(pos++);
    }

    /** True when the next tokens are these keywords, in order. */
    boolean at(String... words) {
        for (int k = 0; k < words.length; k++) {
            SqlToken t = peek(k);
            if (t == null || !(t.isWord(words[k]) || t.isPunct(words[k]))) {
                return false;
            }
        }
        return true;
    }

    boolean accept(String... words) {
        if (at(words)) {
            pos += words.length;
            return true;
        }
        return false;
    }

    void expect(String... words) {
        if (!accept(words)) {
            SqlToken t = peek();
            throw new NotUnderstood("expected " + String.join(" ", words) + " but found " + (t == null ? "the end" : t.text()));
        }
    }

    boolean atIdentifier() {
        SqlToken t = peek();
        return t != null && t.isIdentifier();
    }

    /** One identifier, folded as PostgreSQL folds it. */
    String identifier() {
        SqlToken t = next();
        if (!t.isIdentifier()) {
            if (t.type() == SqlToken.Type.STRING) {
                return t.stringValue();
            }
            throw new NotUnderstood("expected a name but found " + t.text());
        }
        return QualifiedName.fold(t.text());
    }

    /** {@code [db.]schema.name} or {@code name}. */
    QualifiedName qualifiedName() {
        List<String> parts = new ArrayList<>();
        parts.add(identifier());
        while (at(".") && peek(1) != null && peek(1).isIdentifier()) {
            pos++;
            parts.add(identifier());
        }
        if (parts.size() == 1) {
            return new QualifiedName(null, parts.get(0));
        }
        return new QualifiedName(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
    }

    /** Text from the current token through token {@code toExclusive - 1}, exactly as written. */
    String text(int fromToken, int toExclusive) {
        if (fromToken >= toExclusive) {
            return "";
        }
        return sql.substring(tokens.get(fromToken).start(), tokens.get(toExclusive - 1).end());
    }

    String rest() {
        int from = pos;
        pos = end;
        return text(from, end);
    }

    /** Index after the parenthesised group opening at {@code pos}. */
    int matchingClose(int open) {
        int depth = 0;
        for (int i = open; i < end; i++) {
            SqlToken t = tokens.get(i);
            if (t.isPunct("(") || t.isPunct("[")) {
                depth++;
            } else if (t.isPunct(")") || t.isPunct("]")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return end;
    }

    /** Consumes {@code ( ... )} and returns the inner text. */
    String parenthesised() {
        if (!at("(")) {
            throw new NotUnderstood("expected ( but found " + (peek() == null ? "the end" : peek().text()));
        }
        int open = pos;
        int close = matchingClose(open);
        pos = Math.min(close + 1, end);
        return text(open + 1, close);
    }

    /** Consumes {@code ( ... )} and returns a cursor per top-level comma-separated element. */
    List<TokenCursor> parenthesisedList() {
        if (!at("(")) {
            throw new NotUnderstood("expected ( but found " + (peek() == null ? "the end" : peek().text()));
        }
        int open = pos;
        int close = matchingClose(open);
        pos = Math.min(close + 1, end);
        return splitCommas(open + 1, close);
    }

    /** Cursors for the comma-separated parts of the remaining tokens. */
    List<TokenCursor> restSplitByCommas() {
        List<TokenCursor> parts = splitCommas(pos, end);
        pos = end;
        return parts;
    }

    private List<TokenCursor> splitCommas(int from, int to) {
        List<TokenCursor> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            SqlToken t = tokens.get(i);
            if (t.isPunct("(") || t.isPunct("[")) {
                depth++;
            } else if (t.isPunct(")") || t.isPunct("]")) {
                depth--;
            } else if (depth == 0 && t.isPunct(",")) {
                if (i > start) {
                    parts.add(new TokenCursor(sql, tokens, start, i));
                }
                start = i + 1;
            }
        }
        if (to > start) {
            parts.add(new TokenCursor(sql, tokens, start, to));
        }
        return parts;
    }

    /** Advances over one token or a whole parenthesised group. */
    void skipOne() {
        if (at("(") || at("[")) {
            pos = Math.min(matchingClose(pos) + 1, end);
        } else {
            pos++;
        }
    }

    /** Index of the first top-level token from {@code pos} that is one of these keywords, or {@code end()}. */
    int findTopLevel(java.util.Set<String> upperWords) {
        int depth = 0;
        for (int i = pos; i < end; i++) {
            SqlToken t = tokens.get(i);
            if (t.isPunct("(") || t.isPunct("[")) {
                depth++;
            } else if (t.isPunct(")") || t.isPunct("]")) {
                depth--;
            } else if (depth == 0 && t.type() == SqlToken.Type.WORD && upperWords.contains(t.upper())) {
                return i;
            }
        }
        return end;
    }

    /** Thrown when the tokens do not follow the grammar the classifier knows; the statement then stays unrecognised. */
    static final class NotUnderstood extends RuntimeException {
        NotUnderstood(String message) {
            super(message, null, false, false);
        }
    }
}
