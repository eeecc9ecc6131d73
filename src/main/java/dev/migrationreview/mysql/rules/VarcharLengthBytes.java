package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** A VARCHAR widened across 255 bytes, or narrowed: the length prefix or the data changes, so the table is copied. */
@Singleton
public final class VarcharLengthBytes extends MysqlRule {

    public VarcharLengthBytes() {
        super("varchar-length-bytes", Risk.HIGH,
                "A VARCHAR widened across 255 bytes (or narrowed): every row's length prefix changes, so the table is copied");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        List<ChangeCauses.VarcharChange> changes = ChangeCauses.varcharChanges(context);
        Optional<OnlineDdl> ddl = ddl(context);
        if (changes.isEmpty() || TableSize.of(context, alter.table()).isNew()
                || ddl.map(d -> !d.rebuildsTable() && d.algorithm() != OnlineDdl.Algorithm.COPY).orElse(false)) {
            return List.of();
        }
        ChangeCauses.VarcharChange v = changes.get(0);
        String column = v.change().action().column().name();
        OnlineDdl run = ddl.orElse(new OnlineDdl(OnlineDdl.Algorithm.COPY, OnlineDdl.LockLevel.SHARED, true));
        CopyJudgement j = CopyJudgement.of(context, run, alter.table(), WorkKind.REWRITE, false);
        String why = v.narrows()
                ? "Narrowing `" + column + "` from varchar(" + v.fromChars() + ") to varchar(" + v.toChars() + ") must check and rewrite every row."
                : "Widening `" + column + "` from varchar(" + v.fromChars() + ") to varchar(" + v.toChars() + ") in " + v.charset() + " (" + v.bytesPerChar()
                        + " byte" + (v.bytesPerChar() > 1 ? "s" : "") + " a character) takes it from " + v.fromBytes() + " to " + v.toBytes()
                        + " bytes: past 255 bytes InnoDB stores each value's length in 2 bytes instead of 1, so every row changes format.";
        int inPlaceLimit = 255 / v.bytesPerChar();
        String fix = "Instead: " + (v.narrows() ? "keep the width and validate lengths in the application."
                : "widen within the same length-prefix size when that is enough (up to varchar(" + inPlaceLimit + ") in " + v.charset()
                        + " is in place, no copy), and ask for `ALGORITHM=INPLACE, LOCK=NONE` so the server refuses rather than copies.")
                + " When the new width is needed on a large table, " + "run it online:" + j.online();
        return report(context, j.risk(), "Changing `" + column + "` to varchar(" + v.toChars() + ") copies `" + alter.table().name() + "`",
                why + " " + j.message(), fix, null);
    }
}
