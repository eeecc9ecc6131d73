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
 * @param unterminated    a quote, quoted identifier, dollar-quoted body or block comment opened in this statement
 *                        and never closed, else null. The database would read the rest of the file into it; the
 *                        splitter ends the statement at the end of the line where it opened, so that the
 *                        statements after are still seen.
 */
public record RawStatement(int index, String sql, SourceSpan span, List<String> leadingComments, boolean metaCommand,
        Unterminated unterminated) implements java.io.Serializable {
    public RawStatement {
        leadingComments = List.copyOf(leadingComments);
    }

    public RawStatement(int index, String sql, SourceSpan span, List<String> leadingComments, boolean metaCommand) {
        this(index, sql, span, leadingComments, metaCommand, null);
    }

    /**
     * Text opened and never closed.
     *
     * @param construct what was opened, in words: {@code string literal}, {@code quoted identifier},
     *                  {@code dollar-quoted body $tag$}, {@code block comment}
     * @param opening   the characters that opened it ({@code '}, {@code "}, {@code $tag$}, {@code /*})
     * @param restSplit whether the lines after it were still cut into statements (false once a file has so many
     *                  unclosed quotes that looking for their ends would cost more than a few reads of the file)
     */
    public record Unterminated(String construct, String opening, int line, int column, boolean restSplit)
            implements java.io.Serializable {}
}
