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

/**
 * MySQL 8.0.29+ keeps at most 64 row versions per table: the 65th INSTANT ADD/DROP COLUMN since the last rebuild is
 * refused, or rebuilds the table when the statement left ALGORITHM to the server.
 */
@Singleton
public final class InstantLimit extends MysqlRule {

    /** INFORMATION_SCHEMA.INNODB_TABLES.TOTAL_ROW_VERSIONS may not exceed this (MySQL 8.0.29+). */
    static final int ROW_VERSIONS = 64;
    /** The change that uses the last row version is where the reviewer warns that the next one will rebuild. */
    private static final int WARN_FROM = ROW_VERSIONS;

    public InstantLimit() {
        super("instant-row-version-limit", Risk.HIGH,
                "The table has used MySQL's 64 INSTANT row versions: this ADD/DROP COLUMN rebuilds the table (or fails with ALGORITHM=INSTANT)");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        Optional<OnlineDdl> ddl = ddl(context);
        Optional<QualifiedName> table = changedTable(context);
        if (ddl.isEmpty() || table.isEmpty() || ddl.get().instantChanges() < WARN_FROM) {
            return List.of();
        }
        TableSize size = TableSize.of(context, table.get());
        if (size.isNew()) {
            return List.of();
        }
        int n = ddl.get().instantChanges();
        String name = table.get().name();
        String reset = "Instead: rebuild `" + name + "` deliberately, online and at a quiet time, which resets the count, then make the change:"
                + sqlBlock("ALTER TABLE " + ident(table.get()) + " ENGINE=InnoDB, ALGORITHM=INPLACE, LOCK=NONE;")
                + "\nCheck production's real count first (a rebuild outside the migrations resets it):"
                + sqlBlock("SELECT TOTAL_ROW_VERSIONS FROM INFORMATION_SCHEMA.INNODB_TABLES WHERE NAME LIKE '%/" + name + "';");
        if (n <= ROW_VERSIONS) {
            String message = "By the migration history this INSTANT change uses the last of the " + ROW_VERSIONS + " row versions MySQL allows `"
                    + name + "` since it was last rebuilt. From now on every further INSTANT ADD or DROP COLUMN rebuilds the whole"
                    + " table (or fails, when it asks for `ALGORITHM=INSTANT`)." + size.unknownSizeNote();
            return report(context, Risk.LOW, "`" + name + "` uses the last of MySQL's 64 INSTANT row versions", message, reset, null);
        }
        CopyJudgement j = CopyJudgement.of(context, ddl.get(), table.get(), WorkKind.REWRITE, false);
        String message = "By the migration history `" + name + "` has had " + (n - 1) + " INSTANT column changes since it was last rebuilt,"
                + " and MySQL allows " + ROW_VERSIONS + " row versions (8.0.29 and later). This change cannot be INSTANT: "
                + (ddl.get().refused() ? "it asks for `ALGORITHM=INSTANT`, so it fails. " : "the server falls back to rebuilding the table. ")
                + (ddl.get().refused() ? size.unknownSizeNote().strip() : j.message());
        Risk risk = ddl.get().refused() ? Risk.CRITICAL : Risk.max(Risk.MEDIUM, j.risk());
        return report(context, risk, "`" + name + "` has used MySQL's 64 INSTANT row versions: this change "
                + (ddl.get().refused() ? "fails" : "rebuilds the table"), message, reset + "\n" + j.onlineParagraph(), null);
    }
}
