package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.QualifiedName;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** An in-place rebuild: online on the primary, but a full rewrite of the table's storage and replica lag after it. */
@Singleton
public final class TableRebuild extends MysqlRule {

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
        String fix = "Instead: ask for `ALGORITHM=INSTANT` if this version can make the change without a rebuild (the server then refuses"
                + " rather than rebuilds), and group every rebuilding change of `" + table.get().name() + "` into one `ALTER TABLE`. "
                + j.onlineParagraph();
        String title = "`" + table.get().name() + "` is rebuilt" + (blocksWrites ? ": writes wait for the whole rebuild" : " in place: I/O and replica lag");
        return report(context, j.risk(), title, j.message(), fix, null);
    }
}
