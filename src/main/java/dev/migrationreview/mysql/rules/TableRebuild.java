package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.mysql.DdlChange;
import dev.migrationreview.mysql.MysqlServerFacts;
import dev.migrationreview.mysql.ServerFacts;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Optional;

/** An in-place rebuild: online on the primary, but a full rewrite of the table's storage and replica lag after it. */
@Singleton
public final class TableRebuild extends MysqlRule {

    private static final ServerFacts FACTS = new MysqlServerFacts();
    private static final Pattern POSITION = Pattern.compile("(?i)\\s+(?:FIRST|AFTER\\s+(?:`(?:[^`]|``)+`|[\\w$]+))(?=\\s*(?:,|;|$))");
    private static final Pattern ONLINE_CLAUSE = Pattern.compile("(?i)\\s*,\\s*(?:ALGORITHM|LOCK)\\s*=?\\s*\\w+");

    public TableRebuild() {
        super("table-rebuild", Risk.MEDIUM,
                "The server rebuilds the whole table in place: online, but I/O-heavy, and every replica lags by its duration");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        Optional<OnlineDdl> ddl = ddl(context);
        Optional<QualifiedName> table = changedTable(context);
        if (ddl.isEmpty() || table.isEmpty() || !ddl.get().rebuildsTable() || ddl.get().algorithm() == OnlineDdl.Algorithm.COPY
                || ddl.get().refused() || TableSize.of(context, table.get()).isNew() || ChangeCauses.explainedElsewhere(context)) {
            return List.of();
        }
        CopyJudgement j = CopyJudgement.of(context, ddl.get(), table.get(), WorkKind.REWRITE, false);
        boolean blocksWrites = ddl.get().lock() != OnlineDdl.LockLevel.NONE;
        String fix = atTheEnd(context).orElse("Instead: ask for `ALGORITHM=INSTANT` if this version can make the change without a rebuild"
                + " (the server then refuses rather than rebuilds), and group every rebuilding change of `" + table.get().name()
                + "` into one `ALTER TABLE`. ") + j.onlineParagraph();
        String title = "`" + table.get().name() + "` is rebuilt" + (blocksWrites ? ": writes wait for the whole rebuild" : " in place: I/O and replica lag");
        return report(context, j.risk(), title, j.message(), fix, null);
    }

    /**
     * A column added with FIRST/AFTER on a MySQL version that adds columns instantly only at the end (8.0.12 to 8.0.28):
     * the same column at the end is INSTANT. Column order is cosmetic; a rebuild is not.
     */
    private static Optional<String> atTheEnd(StatementContext context) {
        if (context.config().dialect() != Dialect.MYSQL || !(context.statement().statement() instanceof Statement.AlterTable alter)
                || alter.actions().stream().anyMatch(a -> !(a instanceof AlterTableAction.AddColumn))
                || alter.actions().stream().noneMatch(a -> ((AlterTableAction.AddColumn) a).position() != null)) {
            return Optional.empty();
        }
        DatabaseVersion version = context.config().version();
        if (FACTS.fact(DdlChange.ADD_COLUMN_LAST, version).algorithm() != OnlineDdl.Algorithm.INSTANT) {
            return Optional.empty();
        }
        String text = POSITION.matcher(statementText(context)).replaceAll("");
        text = text.substring(0, text.length() - 1).stripTrailing();
        text = ONLINE_CLAUSE.matcher(text).replaceAll("") + ", ALGORITHM=INSTANT;";
        return Optional.of("Instead: add the column at the end of the table; on MySQL " + version + " that is INSTANT, a metadata change"
                + " without a rebuild (column order only matters to `SELECT *`):" + sqlBlock(text) + "\n");
    }
}
