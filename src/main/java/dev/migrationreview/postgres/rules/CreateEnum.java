package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class CreateEnum extends PostgresRule {

    public CreateEnum() {
        super("create-enum", Risk.INFO, "Enum types cannot drop or reorder values without rewriting every column that uses them");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.CreateEnumType create)) {
            return List.of();
        }
        return report(context, Risk.INFO, "Enum `" + create.type().name() + "` is hard to change later",
                "Values can be added to `" + create.type() + "` (ALTER TYPE ... ADD VALUE), but never removed or renamed away without"
                        + " creating a new type and changing every column that uses it, which rewrites those tables under an ACCESS"
                        + " EXCLUSIVE lock.",
                "If the set of values may shrink, use `text` with a CHECK constraint (changeable with NOT VALID + VALIDATE) or a lookup"
                        + " table with a foreign key.", null);
    }
}
