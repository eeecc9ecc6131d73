package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.SourceSpan;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

@Singleton
public final class UncommittedTransaction extends PostgresRule {

    public UncommittedTransaction() {
        super("uncommitted-transaction", Risk.MEDIUM, "A BEGIN with no COMMIT or ROLLBACK before the end of the file");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!FileScope.isLastStatement(context)) {
            return List.of();
        }
        List<ParsedStatement> all = new ArrayList<>(context.earlier().stream().map(JudgedStatement::statement).toList());
        all.add(context.statement());
        ParsedStatement open = null;
        for (ParsedStatement p : all) {
            if (FileScope.opensTransaction(p.statement())) {
                open = p;
            } else if (FileScope.closesTransaction(p.statement())) {
                open = null;
            }
        }
        if (open == null) {
            return List.of();
        }
        SourceSpan span = open.span();
        String message = "The transaction opened on line " + span.startLine() + " is never committed. Depending on the tool, the"
                + " migration's changes are rolled back when the session ends, or the session stays idle in a transaction holding every"
                + " lock it took.";
        return List.of(new Finding(id(), Risk.MEDIUM, span.startLine(), span.endLine(), "Transaction never committed", message,
                "Add `COMMIT;` at the end of the file, or remove the BEGIN and let the tool manage the transaction.", null));
    }
}
