package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.statement.Statement;
import java.util.List;

/**
 * Where a statement stands in its file and its transaction. File-level rules judge once, at the file's
 * last statement, when everything the file does is known.
 */
final class FileScope {

    private FileScope() {}

    /** True for the file's last statement (for a file read into operations, the last one its last operation translates to). */
    static boolean isLastStatement(StatementContext context) {
        return context.lastInFile();
    }

    /** The statements before this one that run in the same transaction (empty when not in one). */
    static List<JudgedStatement> sameTransaction(StatementContext context) {
        return context.earlierInTransaction();
    }

    static boolean opensTransaction(Statement statement) {
        return statement instanceof Statement.TransactionControl t && isOpen(t.command());
    }

    static boolean closesTransaction(Statement statement) {
        return statement instanceof Statement.TransactionControl t && isClose(t.command());
    }

    private static boolean isOpen(String command) {
        String c = AsciiCase.upper(command).trim();
        return c.startsWith("BEGIN") || c.startsWith("START");
    }

    private static boolean isClose(String command) {
        String c = AsciiCase.upper(command).trim();
        return c.startsWith("COMMIT") || c.startsWith("END") || c.equals("ROLLBACK") || c.startsWith("ROLLBACK ") && !c.contains(" TO ")
                || c.startsWith("ABORT");
    }

    /** {@code line 12} for a statement, for findings that name several. */
    static String where(JudgedStatement statement) {
        return "line " + statement.statement().span().startLine();
    }
}
