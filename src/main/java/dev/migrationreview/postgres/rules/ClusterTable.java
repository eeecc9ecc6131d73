package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public final class ClusterTable extends PostgresRule {

    public ClusterTable() {
        super("cluster-table", Risk.HIGH, "CLUSTER rewrites the table in index order under an ACCESS EXCLUSIVE lock");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.Cluster cluster)) {
            return List.of();
        }
        return MaintenanceRewrite.judge(this, context, cluster.table(), WorkKind.REWRITE,
                "CLUSTER rewrites `" + cluster.table() + "` sorted by " + (cluster.index() == null ? "its clustering index" : "`" + cluster.index() + "`") + ".",
                "CLUSTER locks `" + (cluster.table() == null ? "" : cluster.table().name()) + "` for a rewrite",
                "Instead: use pg_repack with `--order-by` to reorder the table online, or accept the lock in a maintenance window;"
                        + " keep it out of schema migrations.");
    }
}
