package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.LockImpact;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

/** Each ALTER TABLE queues for its own ACCESS EXCLUSIVE lock (and may scan or rewrite on its own). */
@Singleton
public final class AlterTableSplit extends PostgresRule {

    public AlterTableSplit() {
        super("alter-table-split", Risk.INFO,
                "Several ALTER TABLE statements on the same existing table where one statement with several subcommands would do");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter) || context.isNew(alter.table())
                || lockOn(context, alter.table()).map(l -> l.mode().impact() != LockImpact.READS_AND_WRITES).orElse(true)) {
            return List.of();
        }
        List<JudgedStatement> same = context.earlier().stream()
                .filter(j -> j.statement().statement() instanceof Statement.AlterTable a && a.table().qualified().equals(alter.table().qualified()))
                .toList();
        // one finding, on the second ALTER TABLE of the table
        if (same.size() != 1) {
            return List.of();
        }
        return report(context, Risk.INFO, "Combine the ALTER TABLE statements on `" + alter.table().name() + "`",
                "`" + alter.table() + "` is altered again here after " + FileScope.where(same.get(0)) + ". Each ALTER TABLE waits in the"
                        + " lock queue for its own ACCESS EXCLUSIVE lock, and each scan or rewrite runs separately; one statement with"
                        + " several subcommands queues once and does the work in one pass.",
                "Write them as one statement: `ALTER TABLE " + ident(alter.table()) + " <first change>, <second change>;`.", null);
    }
}
