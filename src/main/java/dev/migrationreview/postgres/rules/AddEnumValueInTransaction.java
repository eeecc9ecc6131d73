package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class AddEnumValueInTransaction extends PostgresRule {

    public AddEnumValueInTransaction() {
        super("add-enum-value-in-transaction", Risk.CRITICAL,
                "ALTER TYPE ... ADD VALUE inside a transaction fails before PostgreSQL 12 (and the new value is unusable until COMMIT on 12+)");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterEnumAddValue add) || !context.inTransaction()
                || context.isNew(add.type())) {
            return List.of();
        }
        if (context.databaseVersion() < 12) {
            return report(context, Risk.CRITICAL, "ADD VALUE fails inside a transaction on PostgreSQL " + context.databaseVersion(),
                    "Adding '" + add.value() + "' to enum `" + add.type() + "` inside a transaction block fails on PostgreSQL "
                            + context.databaseVersion() + " (\"ALTER TYPE ... ADD cannot run inside a transaction block\"); 12 lifted this.",
                    "Instead: run it on its own outside a transaction. " + TransactionOptOut.forTool(context.script().tool()),
                    null);
        }
        // 12+ allows it; the value is only unusable until COMMIT, which a later statement in the same file would show.
        return List.of();
    }
}
