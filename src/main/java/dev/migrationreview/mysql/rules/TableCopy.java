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

/** A statement the server runs by copying the table, for a cause no more specific rule explains. */
@Singleton
public final class TableCopy extends MysqlRule {

    public TableCopy() {
        super("table-copy", Risk.HIGH,
                "The server copies the whole table (ALGORITHM=COPY): writes wait for the whole copy, then replicas lag as long");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        Optional<OnlineDdl> ddl = ddl(context);
        Optional<QualifiedName> table = changedTable(context);
        if (ddl.isEmpty() || table.isEmpty() || ddl.get().algorithm() != OnlineDdl.Algorithm.COPY || ddl.get().refused()
                || TableSize.of(context, table.get()).isNew() || ChangeCauses.explainedElsewhere(context)) {
            return List.of();
        }
        CopyJudgement j = CopyJudgement.of(context, ddl.get(), table.get(), WorkKind.REWRITE, false);
        String fix = "Instead: if the change can run in place on this version, split it out and ask for that, so the server refuses rather"
                + " than copies (`ALGORITHM=INPLACE, LOCK=NONE`, or `ALGORITHM=INSTANT`). " + j.onlineParagraph();
        return report(context, j.risk(), "`" + table.get().name() + "` is copied: writes wait for the whole copy", j.message(), fix, null);
    }
}
