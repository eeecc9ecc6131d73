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

/** FULLTEXT and SPATIAL indexes are built with writes blocked; the first FULLTEXT index also rebuilds the table. */
@Singleton
public final class FulltextIndexRebuild extends MysqlRule {

    public FulltextIndexRebuild() {
        super("fulltext-index-rebuild", Risk.HIGH,
                "A FULLTEXT or SPATIAL index is built with writes blocked (LOCK=SHARED); the first FULLTEXT index also rebuilds the table");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        Optional<String> kind = ChangeCauses.fulltextKind(context);
        Optional<QualifiedName> table = changedTable(context);
        if (kind.isEmpty() || table.isEmpty() || TableSize.of(context, table.get()).isNew()) {
            return List.of();
        }
        OnlineDdl ddl = ddl(context).orElse(new OnlineDdl(OnlineDdl.Algorithm.INPLACE, OnlineDdl.LockLevel.SHARED, false));
        if (ddl.refused()) {
            return List.of();
        }
        boolean rebuilds = ddl.rebuildsTable();
        WorkKind work = rebuilds ? WorkKind.REWRITE : WorkKind.INDEX_BUILD;
        CopyJudgement j = CopyJudgement.of(context, ddl, table.get(), work, false, true);
        String message = "A " + kind.get() + " index cannot be built while writes go on. "
                + (rebuilds ? "this is the first FULLTEXT index of `" + table.get().name() + "`, so the server also rebuilds the table to add its"
                        + " hidden FTS_DOC_ID column. " : "")
                + j.message();
        String fix = "Instead: for a large table, build the index on a shadow copy of the table, online:" + j.online()
                + (kind.get().equals("FULLTEXT") ? "\nOr keep full-text search out of this table (a search engine, or a side table filled"
                        + " asynchronously)." : "");
        return report(context, j.risk(), "Building a " + kind.get() + " index blocks writes to `" + table.get().name() + "`", message, fix, null);
    }
}
