package dev.migrationreview.sql;

import java.util.List;

/**
 * One statement as the splitter cut it out of a file.
 *
 * @param index           0-based position among the file's statements
 * @param sql             the statement text without its terminating semicolon, exactly as in the file
 * @param span            its place in the file
 * @param leadingComments the comment lines directly above it (ignore directives live there), text without
 *                        the comment markers, in file order
 * @param metaCommand     true for a psql meta-command line ({@code \connect}, {@code \set}), kept so nothing is lost
 */
public record RawStatement(int index, String sql, SourceSpan span, List<String> leadingComments, boolean metaCommand)
        implements java.io.Serializable {
    public RawStatement {
        leadingComments = List.copyOf(leadingComments);
    }
}
