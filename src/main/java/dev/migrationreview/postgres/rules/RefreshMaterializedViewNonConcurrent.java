package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class RefreshMaterializedViewNonConcurrent extends PostgresRule {

    public RefreshMaterializedViewNonConcurrent() {
        super("refresh-materialized-view-non-concurrent", Risk.MEDIUM,
                "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view while it recomputes");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.RefreshMaterializedView refresh) || refresh.concurrently()
                || !refresh.withData()) {
            return List.of();
        }
        return MaintenanceRewrite.judge(this, context, refresh.view(), WorkKind.REWRITE,
                "REFRESH recomputes `" + refresh.view() + "` into new storage.",
                "REFRESH blocks reads of `" + refresh.view().name() + "`",
                "Instead: `REFRESH MATERIALIZED VIEW CONCURRENTLY " + ident(refresh.view()) + "`, which lets reads continue; it needs a"
                        + " UNIQUE index on the view covering all rows (no WHERE clause) and cannot run in a transaction block.");
    }
}
