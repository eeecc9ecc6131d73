package dev.migrationreview.format.liquibase;

import java.util.List;

/**
 * One changeSet as Liquibase reads it, with where it stands in its file.
 *
 * @param path             the repository path of the changelog file that holds it
 * @param logicalPath      the path Liquibase records for it (relative to its search path, or {@code logicalFilePath})
 * @param id               its {@code id}
 * @param author           its {@code author}
 * @param startLine        first line of the changeSet element (1-based), or 0 when it could not be located
 * @param endLine          its last line
 * @param runInTransaction Liquibase wraps its changes in one transaction
 * @param forDialect       its {@code dbms} admits the configured database (a changeSet for another database never runs)
 * @param contexts         its context filter as written, or empty
 * @param labels           its labels as written, or empty
 * @param preconditions    the names of its preconditions ({@code tableExists}, {@code sqlCheck}), in order
 * @param runOnChange      Liquibase runs it again when it changes ({@code runOnChange} or {@code runAlways})
 * @param anyCheckSum      a {@code validCheckSum ANY} accepts any edit
 * @param checkSum         Liquibase's checksum of its content, to tell an edit from a move
 * @param operations       its forward changes in order ({@code rollback} is not forward), empty when not for the dialect
 * @param otherDatabase    how many of its changes name other databases in their own {@code dbms} (Liquibase skips them)
 */
public record LiquibaseChangeSet(String path, String logicalPath, String id, String author, int startLine, int endLine, boolean runInTransaction,
        boolean forDialect, String contexts, String labels, List<String> preconditions, boolean runOnChange, boolean anyCheckSum,
        String checkSum, List<LiquibaseOperation> operations, int otherDatabase) {
    public LiquibaseChangeSet {
        preconditions = List.copyOf(preconditions);
        operations = List.copyOf(operations);
    }

    /** The identity Liquibase records in DATABASECHANGELOG (with the file). */
    public String identity() {
        return logicalPath + "::" + id + "::" + author;
    }

    /** How the report names it: {@code id} by {@code author}. */
    public String describe() {
        return "changeSet " + id + " (author " + author + ")";
    }
}
