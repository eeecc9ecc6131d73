package dev.migrationreview.format;

import dev.migrationreview.sql.SourceSpan;
import java.util.List;

/**
 * One thing the author wrote in a format that is not SQL (a Liquibase {@code <createIndex>}, a Rails
 * {@code add_index}), and the SQL it sends to the database.
 *
 * @param span          the operation's place in the file: review comments land here, for each of its statements
 * @param written       the operation as written, trimmed to one line (the report's {@code operation})
 * @param sql           the statements it translates to for the configured dialect, in order, each without its
 *                      terminating semicolon; empty when the format cannot translate it (then it is reported as
 *                      not understood at its span)
 * @param transactional whether the tool runs it inside a transaction
 * @param untranslated  when {@code sql} is empty: why, in words (it runs Java code, it depends on the live database);
 *                      null when the format has nothing more to say
 * @param acknowledged  the author's own acknowledgement in the format's language that this operation is safe
 *                      (strong_migrations' {@code safety_assured { … }}), as written; null when there is none. Its
 *                      findings are not reported; the review's notes list what it acknowledged instead.
 */
public record Operation(SourceSpan span, String written, List<String> sql, boolean transactional, String untranslated,
        String acknowledged) {
    public Operation {
        sql = List.copyOf(sql);
    }

    public Operation(SourceSpan span, String written, List<String> sql, boolean transactional, String untranslated) {
        this(span, written, sql, transactional, untranslated, null);
    }

    public Operation(SourceSpan span, String written, List<String> sql, boolean transactional) {
        this(span, written, sql, transactional, null, null);
    }
}
