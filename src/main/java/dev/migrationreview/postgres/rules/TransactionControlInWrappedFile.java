package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class TransactionControlInWrappedFile extends PostgresRule {

    public TransactionControlInWrappedFile() {
        super("transaction-control-in-wrapped-file", Risk.MEDIUM,
                "BEGIN/COMMIT inside a migration the tool already runs in a transaction ends the tool's transaction early");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.TransactionControl control)
                // a tool that sends the file as one query string opens no transaction: BEGIN/COMMIT there nest nothing
                || !context.script().toolTransactionAt(context.statement().span().startLine())
                || context.earlier().stream().anyMatch(j -> j.statement().statement() instanceof Statement.TransactionControl)) {
            return List.of();
        }
        String tool = context.script().tool().configName();
        String message = tool + " already runs this migration inside a transaction, so this `" + control.command() + "` "
                + (FileScope.opensTransaction(control)
                        ? "only draws a warning (\"there is already a transaction in progress\"), and the matching COMMIT then commits the"
                                + " tool's transaction early: the statements after it run outside any transaction, and a failure there leaves"
                                + " the migration half-applied while the tool believes it can roll it back."
                        : "commits the tool's transaction early: the statements after it run outside any transaction, and a failure there"
                                + " leaves the migration half-applied.");
        String fix = "Instead: remove the BEGIN/COMMIT and let " + tool + " manage the transaction. If a statement must run outside a"
                + " transaction, move it to a migration of its own. " + TransactionOptOut.forTool(context.script().tool());
        return report(context, Risk.MEDIUM, "`" + control.command() + "` inside the tool's transaction", message, fix, null);
    }
}
