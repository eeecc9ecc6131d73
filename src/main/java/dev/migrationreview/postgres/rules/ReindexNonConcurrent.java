package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.schema.Index;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

@Singleton
public final class ReindexNonConcurrent extends PostgresRule {

    public ReindexNonConcurrent() {
        super("reindex-non-concurrent", Risk.HIGH, "REINDEX without CONCURRENTLY blocks writes to the table (and reads using the index) while it rebuilds");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.Reindex reindex) || reindex.concurrently() || reindex.name() == null) {
            return List.of();
        }
        String target = reindex.target().toUpperCase(Locale.ROOT);
        QualifiedName table = switch (target) {
            case "INDEX" -> context.schemaBefore().index(reindex.name()).map(Index::table).orElse(null);
            case "TABLE" -> reindex.name();
            default -> null;
        };
        String fix = (context.databaseVersion() >= 12
                ? "Instead: `REINDEX " + target + " CONCURRENTLY " + ident(reindex.name()) + "` (PostgreSQL 12+), outside a transaction"
                        + " block; reads and writes continue while it builds."
                : "PostgreSQL " + context.databaseVersion() + " has no REINDEX CONCURRENTLY. Instead: CREATE INDEX CONCURRENTLY a copy,"
                        + " then DROP INDEX CONCURRENTLY the old one and rename the copy.")
                + (context.inTransaction() ? " " + TransactionOptOut.forTool(context.script().tool()) : "");
        List<Finding> out = MaintenanceRewrite.judge(this, context, table, WorkKind.INDEX_BUILD,
                "REINDEX rebuilds " + (target.equals("INDEX") ? "`" + reindex.name() + "`" : "every index of `" + reindex.name() + "`") + ".",
                "REINDEX blocks writes to `" + (table == null ? "" : table.name()) + "`", fix);
        return out.isEmpty() || context.databaseVersion() < 12 || context.inTransaction() ? out
                : List.of(new Finding(out.get(0).rule(), out.get(0).risk(), out.get(0).line(), out.get(0).endLine(), out.get(0).title(),
                        out.get(0).message(), out.get(0).fix(),
                        suggest(context, s -> s.replaceFirst("(?i)\\b(REINDEX\\s+(?:\\([^)]*\\)\\s*)?(?:INDEX|TABLE))\\b", "$1 CONCURRENTLY"))));
    }
}
