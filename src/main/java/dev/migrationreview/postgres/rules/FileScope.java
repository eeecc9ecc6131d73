package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.statement.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Where a statement stands in its file and its transaction. File-level rules judge once, at the file's
 * last statement, when everything the file does is known.
 */
final class FileScope {

    private FileScope() {}

    /** True when nothing but whitespace, semicolons and comments follows this statement in the applied text. */
    static boolean isLastStatement(StatementContext context) {
        String text = context.script().appliedText();
        SourceSpan span = context.statement().span();
        String[] lines = text.split("\n", -1);
        if (span.endLine() > lines.length) {
            return true;
        }
        StringBuilder rest = new StringBuilder();
        String endLine = lines[span.endLine() - 1];
        rest.append(endLine.substring(Math.min(endLine.length(), Math.max(0, span.endColumn())))).append('\n');
        for (int i = span.endLine(); i < lines.length; i++) {
            rest.append(lines[i]).append('\n');
        }
        return stripComments(rest.toString()).replace(";", "").isBlank();
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }

    /** The statements before this one that run in the same transaction (empty when not in one). */
    static List<JudgedStatement> sameTransaction(StatementContext context) {
        if (!context.inTransaction()) {
            return List.of();
        }
        List<JudgedStatement> out = new ArrayList<>();
        List<JudgedStatement> earlier = context.earlier();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            JudgedStatement j = earlier.get(i);
            if (!j.inTransaction() || j.statement().statement() instanceof Statement.TransactionControl) {
                break;
            }
            out.add(j);
        }
        Collections.reverse(out);
        return out;
    }

    static boolean opensTransaction(Statement statement) {
        return statement instanceof Statement.TransactionControl t && isOpen(t.command());
    }

    static boolean closesTransaction(Statement statement) {
        return statement instanceof Statement.TransactionControl t && isClose(t.command());
    }

    private static boolean isOpen(String command) {
        String c = command.toUpperCase(Locale.ROOT).trim();
        return c.startsWith("BEGIN") || c.startsWith("START");
    }

    private static boolean isClose(String command) {
        String c = command.toUpperCase(Locale.ROOT).trim();
        return c.startsWith("COMMIT") || c.startsWith("END") || c.equals("ROLLBACK") || c.startsWith("ROLLBACK ") && !c.contains(" TO ")
                || c.startsWith("ABORT");
    }

    /** {@code line 12} for a statement, for findings that name several. */
    static String where(JudgedStatement statement) {
        return "line " + statement.statement().span().startLine();
    }
}
