package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.schema.Column;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

@Singleton
public final class DropColumnDefault extends PostgresRule {

    public DropColumnDefault() {
        super("drop-column-default", Risk.HIGH,
                "Dropping the default of a NOT NULL column breaks INSERTs of the running application that rely on it");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        for (AlterTableAction action : alter.actions()) {
            if (action instanceof AlterTableAction.DropDefault drop) {
                Optional<Column> column = context.schemaBefore().table(alter.table()).flatMap(t -> t.column(drop.column()));
                if (column.isEmpty() || column.get().defaultExpression() == null
                        // Prisma's enum swap drops the default while the type changes and sets it again before COMMIT:
                        // nothing ever sees the column without it
                        || (context.inTransaction() && setAgainBeforeCommit(context, alter.table().name(), drop.column()))) {
                    continue;
                }
                Optional<Finding> f = finding(context, alter, drop.column(), column.get().notNull(), column.get().defaultExpression(),
                        subcommandSpan(context, drop));
                if (f.isPresent()) {
                    return List.of(f.get());
                }
            }
        }
        return List.of();
    }

    /** Whether a later statement of the file, before the transaction commits, sets the column's default again. */
    private static boolean setAgainBeforeCommit(StatementContext context, String table, String column) {
        String[] lines = context.script().appliedText().split("\n", -1);
        StringBuilder rest = new StringBuilder();
        for (int i = context.statement().span().endLine(); i < lines.length; i++) {
            rest.append(lines[i]).append('\n');
        }
        String after = COMMIT.split(rest, 2)[0];
        Pattern setDefault = Pattern.compile("ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(?:\"?\\w+\"?\\.)?\"?"
                + Pattern.quote(table) + "\"?\\s[^;]*?ALTER\\s+(?:COLUMN\\s+)?\"?" + Pattern.quote(column) + "\"?\\s+SET\\s+DEFAULT\\b",
                Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        return setDefault.matcher(after).find();
    }

    private static final Pattern COMMIT = Pattern.compile("(?im)^\\s*(?:COMMIT|END)(?:\\s+(?:WORK|TRANSACTION))?\\s*;");

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
