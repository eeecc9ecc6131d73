package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.TransactionUse;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Catches every statement the model says cannot run in a transaction block, including a file with one
 * statement: the tool wraps it in a transaction all the same.
 */
@Singleton
public final class ConcurrentlyInTransaction extends PostgresRule {

    public ConcurrentlyInTransaction() {
        super("concurrently-in-transaction", Risk.CRITICAL,
                "CONCURRENTLY (or VACUUM) inside a transaction block fails: the migration cannot run");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!context.inTransaction() || context.effects().transactionUse() != TransactionUse.NOT_IN_TRANSACTION
                || context.statement().statement() instanceof Statement.AlterEnumAddValue) {
            return List.of();
        }
        String kind = context.statement().kind();
        String wrapper = context.session().explicitTransaction()
                ? "the file's own BEGIN ... COMMIT"
                : "the transaction " + context.script().tool().configName() + " wraps this migration in (even a file with a single statement is wrapped)";
        String message = "`" + kind + "` cannot run inside a transaction block, and this one runs inside " + wrapper
                + ". PostgreSQL rejects it (\"cannot run inside a transaction block\"), so the migration fails and nothing after it is applied.";
        String fix = "Instead: run it outside any transaction. " + TransactionOptOut.forTool(context.script().tool())
                + " Keep it alone in its migration: if it fails halfway there is no rollback, and a migration with only this"
                + " statement can simply be re-run (use IF NOT EXISTS / IF EXISTS so a re-run is harmless).";
        return report(context, Risk.CRITICAL, "`" + kind + "` fails inside a transaction", message, fix, null);
    }
}
