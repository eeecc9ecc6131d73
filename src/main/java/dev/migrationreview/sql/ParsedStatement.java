package dev.migrationreview.sql;

import dev.migrationreview.sql.statement.Statement;

/**
 * A statement cut from a file and understood as far as possible.
 *
 * @param kind       the leading keywords, upper case ({@code CREATE INDEX}, {@code ALTER TABLE}, {@code DO})
 * @param statement  what it does; {@link Statement.Unrecognised} when nothing could tell
 * @param source     which recogniser produced {@code statement}
 * @param parseError JSqlParser's complaint when it failed (kept for the coverage report), else null
 */
public record ParsedStatement(RawStatement raw, String kind, Statement statement, Recogniser source, String parseError)
        implements java.io.Serializable {

    public enum Recogniser {
        PARSER,
        CLASSIFIER,
        NONE
    }

    public boolean understood() {
        return !(statement instanceof Statement.Unrecognised);
    }

    public SourceSpan span() {
        return raw.span();
    }
}
