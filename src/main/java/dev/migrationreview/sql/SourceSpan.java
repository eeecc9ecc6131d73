package dev.migrationreview.sql;

/**
 * Where a statement stands in its file: 1-based lines and columns of its first token and of its
 * last token (or terminating semicolon), as committed. Review comments are anchored to these lines.
 */
public record SourceSpan(int startLine, int startColumn, int endLine, int endColumn) implements java.io.Serializable {
    public SourceSpan {
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("bad span " + startLine + ".." + endLine);
        }
    }
}
