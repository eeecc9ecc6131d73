package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public final class CreateIndexNonConcurrent extends PostgresRule {

    public CreateIndexNonConcurrent() {
        super("create-index-non-concurrent", Risk.HIGH,
                "CREATE INDEX without CONCURRENTLY blocks writes to an existing table for the whole index build");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.CreateIndex index) || index.concurrently()) {
            return List.of();
        }
        TableSize size = TableSize.of(context, index.table());
        Optional<RelationLock> lock = lockOn(context, index.table());
        if (size.isNew() || lock.isEmpty()) {
            return List.of();
        }
        Risk risk = RiskModel.lockRiskWithCheapAlternative(lock.get().mode().impact(), WorkKind.INDEX_BUILD, size);
        String what = (index.unique() ? "Building the unique index" : "Building the index")
                + (index.name() != null ? " `" + index.name() + "`" : "") + " on `" + index.table() + "`. ";
        String fix = "Instead: build it with CONCURRENTLY, which takes a SHARE UPDATE EXCLUSIVE lock that lets reads and writes"
                + " continue (it scans the table twice, so it takes longer):"
                + sqlBlock(sql(context).replaceFirst("(?i)\\b(CREATE\\s+(?:UNIQUE\\s+)?INDEX)\\b", "$1 CONCURRENTLY") + ";")
                + "\nCONCURRENTLY cannot run inside a transaction block. "
                + (context.inTransaction() ? TransactionOptOut.forTool(context.script().tool()) + " " : "")
                + "If the build fails it leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY and retry.";
        String suggestion = context.inTransaction() ? null
                : suggest(context, s -> s.replaceFirst("(?i)\\b(CREATE\\s+(?:UNIQUE\\s+)?INDEX)\\b", "$1 CONCURRENTLY"));
        return report(context, risk, "Index build blocks writes to `" + index.table().name() + "`",
                what + lockConsequence(context, lock.get(), size, WorkKind.INDEX_BUILD), fix, suggestion);
    }
}
