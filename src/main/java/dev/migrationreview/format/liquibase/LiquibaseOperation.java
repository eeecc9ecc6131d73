package dev.migrationreview.format.liquibase;

import java.util.List;

/**
 * One change of a changeSet (a {@code <createIndex>}, a YAML {@code - sql:} item) and the SQL Liquibase
 * would send for it.
 *
 * @param change      the change type as written ({@code createIndex}, {@code sql}, {@code customChange})
 * @param path        the file its span is in: the changelog, or for {@code sqlFile} the SQL file
 * @param startLine   first line of its element (1-based)
 * @param endLine     last line of its element
 * @param operation   the change as written, on one line
 * @param statements  the SQL it translates to; for {@code sql}/{@code sqlFile} the text as written, to be split
 * @param notAnalysed why it has no SQL (runs code, depends on the live database, Liquibase cannot render it), or null
 * @param context     the changeSet's context and label filter in words, or empty when it runs everywhere
 */
public record LiquibaseOperation(String change, String path, int startLine, int endLine, String operation,
        List<TranslatedSql> statements, String notAnalysed, String context) {
    public LiquibaseOperation {
        statements = List.copyOf(statements);
    }

    public boolean analysed() {
        return notAnalysed == null;
    }

    /**
     * One piece of SQL.
     *
     * @param sql       the SQL text
     * @param startLine the line it starts on in {@link #path()}
     * @param asWritten the author's own SQL ({@code sql}, {@code sqlFile}, formatted SQL) at its own lines, which may hold
     *                  several statements; otherwise one statement Liquibase generated
     */
    public record TranslatedSql(String sql, int startLine, boolean asWritten) {}
}
