package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** CONVERT TO CHARACTER SET, or a column given another character set or collation: every string is re-encoded. */
@Singleton
public final class CharsetConversion extends MysqlRule {

    public CharsetConversion() {
        super("charset-conversion", Risk.HIGH,
                "Converting a table or column to another character set or collation copies the table: writes wait for the whole copy");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter) || !ChangeCauses.charsetConversion(context)
                || TableSize.of(context, alter.table()).isNew()) {
            return List.of();
        }
        Optional<OnlineDdl> ddl = ddl(context);
        if (ddl.map(d -> !d.rebuildsTable() && d.algorithm() != OnlineDdl.Algorithm.COPY).orElse(false)) {
            return List.of();
        }
        Optional<AlterTableAction.ConvertCharset> convert = alter.actions().stream()
                .filter(a -> a instanceof AlterTableAction.ConvertCharset).map(a -> (AlterTableAction.ConvertCharset) a).findFirst();
        String what = convert.map(c -> "Converting `" + alter.table().name() + "` to " + c.charset()
                        + (c.collation() == null ? "" : " (" + c.collation() + ")") + " re-encodes every string value of every text column")
                .orElse("Giving a column another character set or collation re-encodes its values");
        OnlineDdl run = ddl.orElse(new OnlineDdl(OnlineDdl.Algorithm.COPY, OnlineDdl.LockLevel.SHARED, true));
        CopyJudgement j = CopyJudgement.of(context, run, alter.table(), WorkKind.REWRITE, false, true);
        String message = what + " and rebuilds every index on them (their order follows the collation). " + j.message()
                + " Converting to utf8mb4 can also take VARCHAR columns past 255 bytes and index keys past the 3072-byte limit, which fails"
                + " the statement, and a unique index may reject values the new collation treats as equal.";
        String fix = "Instead: convert one large table at a time, online, after checking index key lengths and unique collisions. "
                + j.onlineParagraph();
        return report(context, j.risk(), "Character set conversion copies `" + alter.table().name() + "`", message, fix, null);
    }
}
