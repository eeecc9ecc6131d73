package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

@Singleton
public final class DropDatabase extends PostgresRule {

    public DropDatabase() {
        super("drop-database", Risk.CRITICAL, "DROP DATABASE in a migration deletes a whole database");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        String kind = context.statement().kind().toUpperCase(Locale.ROOT);
        if (!kind.startsWith("DROP DATABASE") && !sql(context).strip().toUpperCase(Locale.ROOT).startsWith("DROP DATABASE")) {
            return List.of();
        }
        return report(context, Risk.CRITICAL, "DROP DATABASE deletes a whole database",
                "This statement deletes a database with every table and row in it, for good. It cannot run inside a transaction block"
                        + " either, so in most migration tools it also fails.",
                "Instead: do not drop databases from application migrations; retire a database as an operations task with a backup.", null);
    }
}
