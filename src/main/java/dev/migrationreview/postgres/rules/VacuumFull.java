package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

@Singleton
public final class VacuumFull extends PostgresRule {

    public VacuumFull() {
        super("vacuum-full", Risk.HIGH, "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.Vacuum vacuum) || !vacuum.full()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (QualifiedName table : vacuum.tables()) {
            out.addAll(MaintenanceRewrite.judge(this, context, table, WorkKind.REWRITE,
                    "VACUUM FULL copies `" + table + "` into new storage and rebuilds its indexes.",
                    "VACUUM FULL locks `" + table.name() + "` for a rewrite",
                    "Instead: to give space back without the lock, use pg_repack or pg_squeeze (they copy the table online and swap it in"
                            + " with a brief lock); plain VACUUM reclaims space for reuse without blocking. Keep maintenance out of schema"
                            + " migrations."));
        }
        return out;
    }
}
