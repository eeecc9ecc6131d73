package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.schema.Column;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Singleton
public final class DropColumnDefault extends PostgresRule {

    public DropColumnDefault() {
        super("drop-column-default", Risk.HIGH,
                "Dropping the default of a NOT NULL column breaks INSERTs of the running application that rely on it");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        List<Finding> out = new ArrayList<>();
        boolean transactionEnds = context.inTransaction()
                && (FileScope.closesTransaction(context.statement().statement()) || FileScope.isLastStatement(context));
        if (context.statement().statement() instanceof Statement.AlterTable alter && (!context.inTransaction() || transactionEnds)) {
            // outside a transaction the drop is visible at once; at the transaction's end nothing can restore it any more
            for (AlterTableAction action : alter.actions()) {
                if (action instanceof AlterTableAction.DropDefault drop && !restoredLater(alter, drop, List.of(), context)) {
                    Optional<Column> column = context.schemaBefore().table(alter.table()).flatMap(t -> t.column(drop.column()));
                    if (column.isPresent() && column.get().defaultExpression() != null) {
                        finding(context, alter, drop.column(), column.get().notNull(), column.get().defaultExpression(),
                                subcommandSpan(context, drop)).ifPresent(out::add);
                    }
                }
            }
        }
        if (transactionEnds) {
            // a default dropped earlier in the transaction and not set again before it commits (Prisma's enum swap sets it again)
            List<JudgedStatement> tx = FileScope.sameTransaction(context);
            for (int i = 0; i < tx.size(); i++) {
                if (!(tx.get(i).statement().statement() instanceof Statement.AlterTable alter)) {
                    continue;
                }
                for (AlterTableAction action : alter.actions()) {
                    if (action instanceof AlterTableAction.DropDefault drop
                            && !restoredLater(alter, drop, tx.subList(i + 1, tx.size()), context)) {
                        Optional<Column> column = context.schemaBefore().table(alter.table()).flatMap(t -> t.column(drop.column()));
                        if (column.isPresent() && column.get().defaultExpression() == null
                                && !(context.schemaBefore().table(alter.table()).isPresent() && TableSize.of(context, alter.table()).isNew())) {
                            finding(context, alter, drop.column(), column.get().notNull(), null, tx.get(i).statement().span())
                                    .ifPresent(out::add);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Whether a statement after the drop, up to and including the current one, sets the column's default again. */
    private static boolean restoredLater(Statement.AlterTable dropped, AlterTableAction.DropDefault drop, List<JudgedStatement> after,
            StatementContext context) {
        List<Statement> later = new ArrayList<>(after.stream().map(j -> j.statement().statement()).toList());
        if (!after.isEmpty() || context.statement().statement() != dropped) {
            later.add(context.statement().statement());
        }
        for (Statement s : later) {
            if (s instanceof Statement.AlterTable a && a.table().qualified().equals(dropped.table().qualified())) {
                for (AlterTableAction action : a.actions()) {
                    if (action instanceof AlterTableAction.SetDefault set && set.column().equals(drop.column())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private Optional<Finding> finding(StatementContext context, Statement.AlterTable alter, String columnName, boolean notNull,
            String defaultExpression, SourceSpan span) {
        TableSize size = TableSize.of(context, alter.table());
        if (size.isNew()) {
            return Optional.empty();
        }
        Risk risk = notNull ? RiskModel.compatibilityRisk(context.config().deploy(), size)
                : RiskModel.lower(RiskModel.lower(RiskModel.compatibilityRisk(context.config().deploy(), size)));
        if (risk == Risk.NONE) {
            return Optional.empty();
        }
        String message = "Dropping the default" + (defaultExpression == null ? "" : " (" + defaultExpression + ")") + " of `"
                + alter.table() + "." + columnName + "`: " + RiskModel.deployClause(context.config().deploy()).toLowerCase()
                + ", and its INSERTs that leave the column out "
                + (notNull ? "now fail with a NOT NULL violation." : "now store NULL instead of the default.");
        String fix = "Instead: first deploy code that always sets `" + columnName + "` explicitly on INSERT, then drop the"
                + " default in a later migration. (A default dropped and set again before the transaction commits is fine.)";
        return Optional.of(findingAt(span, risk, "Inserts relying on the default of `" + columnName + "` break", message, fix, null));
    }
}
