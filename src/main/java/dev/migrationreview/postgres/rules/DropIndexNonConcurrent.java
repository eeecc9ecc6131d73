package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.LockHold;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.schema.Index;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public final class DropIndexNonConcurrent extends PostgresRule {

    public DropIndexNonConcurrent() {
        super("drop-index-non-concurrent", Risk.MEDIUM,
                "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.DropIndex drop) || drop.concurrently()) {
            return List.of();
        }
        for (QualifiedName name : drop.indexes()) {
            Optional<Index> index = context.schemaBefore().index(name);
            QualifiedName table = index.map(Index::table).orElse(null);
            if (table == null || context.isNew(table) || context.isNew(name)) {
                continue;
            }
            Optional<RelationLock> lock = lockOn(context, table);
            if (lock.isEmpty()) {
                continue;
            }
            TableSize size = TableSize.of(context, table);
            Risk risk = RiskModel.lockRisk(lock.get().mode().impact(), LockHold.BRIEF, size);
            boolean mechanical = drop.indexes().size() == 1 && !drop.cascade() && !context.inTransaction();
            String fix = "Instead: drop it with CONCURRENTLY, which waits for running queries instead of blocking new ones:"
                    + sqlBlock("DROP INDEX CONCURRENTLY " + (drop.ifExists() ? "IF EXISTS " : "") + ident(name) + ";")
                    + "\nDROP INDEX CONCURRENTLY takes one index at a time, no CASCADE, and cannot run inside a transaction block."
                    + (context.inTransaction() ? " " + TransactionOptOut.forTool(context.script().tool()) : "");
            String suggestion = mechanical ? suggest(context, s -> s.replaceFirst("(?i)\\b(DROP\\s+INDEX)\\b", "$1 CONCURRENTLY")) : null;
            return report(context, risk, "Dropping index `" + name.name() + "` locks `" + table.name() + "`",
                    "Dropping `" + name + "`. " + lockConsequence(context, lock.get(), size, null), fix, suggestion);
        }
        return List.of();
    }
}
