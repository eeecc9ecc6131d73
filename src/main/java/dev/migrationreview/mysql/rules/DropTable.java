package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

/** DROP TABLE of a table the history created: data gone, running code fails (the PostgreSQL rule's id). */
@Singleton
public final class DropTable extends MysqlRule {

    public DropTable() {
        super("drop-table", Risk.HIGH, "Dropping a table destroys its data and breaks the running application if it still uses it");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.DropTable drop)) {
            return List.of();
        }
        List<QualifiedName> existing = drop.tables().stream()
                .filter(t -> !context.isNew(t) && context.schemaBefore().table(t).isPresent()).toList();
        if (existing.isEmpty()) {
            return List.of();
        }
        QualifiedName table = existing.get(0);
        TableSize size = TableSize.of(context, table);
        Risk risk = Risk.max(RiskModel.compatibilityRisk(context.config().deploy(), size), RiskModel.dataLossRisk(size));
        String message = "Dropping `" + table.name() + "` deletes its data for good (only a restore brings it back). "
                + RiskModel.deployClause(context.config().deploy()) + ": any code still using it fails. The statement needs an exclusive"
                + " metadata lock, so it first waits behind every open transaction on the table." + size.unknownSizeNote();
        String fix = "Instead: stop using the table in one deploy; then rename it aside for a release, so a mistake is one rename from repaired:"
                + sqlBlock("RENAME TABLE " + ident(table) + " TO " + ident(table.name() + "_unused") + ";")
                + "\nand drop it in a later migration.";
        return report(context, risk, "Dropping `" + table.name() + "` loses its data", message, fix, null);
    }
}
