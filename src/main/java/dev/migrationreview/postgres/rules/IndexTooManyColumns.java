package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class IndexTooManyColumns extends PostgresRule {

    public IndexTooManyColumns() {
        super("index-too-many-columns", Risk.INFO, "A non-unique index on more than three columns is rarely used beyond its first columns");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.CreateIndex index) || index.unique() || index.elements().size() <= 3
                || !"btree".equalsIgnoreCase(index.method() == null ? "btree" : index.method())) {
            return List.of();
        }
        return report(context, Risk.INFO, "Index on " + index.elements().size() + " columns",
                "This index on `" + index.table() + "` has " + index.elements().size() + " key columns. A B-tree is used efficiently only"
                        + " for a leading prefix of its columns, so the later ones mostly add size, write cost and build time.",
                "Keep the columns the queries filter on with equality first and stop at three; move columns only needed for index-only"
                        + " scans to INCLUDE (...).", null);
    }
}
