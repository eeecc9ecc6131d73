package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB commit before and after every DDL statement, whatever the tool's transaction says: a migration of
 * several DDL statements that fails halfway stays half-applied. One finding per file, at the second statement (the
 * first whose failure leaves the file half-applied).
 */
@Singleton
public final class SeveralDdlStatements extends MysqlRule {

    /** A statement that can run again after a partial failure without failing. */
    private static final Pattern RERUNNABLE = Pattern.compile("(?is).*\\bIF\\s+(?:NOT\\s+)?EXISTS\\b.*");

    public SeveralDdlStatements() {
        super("several-ddl-statements", Risk.MEDIUM,
                "Several DDL statements in one migration: each commits on its own, so a failure halfway leaves the database half-migrated");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!context.lastInFile()) {
            return List.of();
        }
        List<JudgedStatement> all = new ArrayList<>(context.earlier());
        all.add(new JudgedStatement(context.statement(), context.effects(), context.inTransaction(), context.session()));
        List<JudgedStatement> ddl = new ArrayList<>();
        int onExisting = 0;
        for (JudgedStatement j : all) {
            Statement s = j.statement().statement();
            if (!isDdl(s) || RERUNNABLE.matcher(j.statement().raw().sql()).matches()) {
                continue;
            }
            ddl.add(j);
            List<QualifiedName> tables = ddlTables(s);
            if (!tables.isEmpty() && tables.stream().anyMatch(t -> !context.isNew(t))) {
                onExisting++;
            }
        }
        if (ddl.size() < 2 || onExisting == 0) {
            return List.of();
        }
        Risk risk = onExisting >= 2 ? Risk.MEDIUM : Risk.LOW;
        JudgedStatement second = ddl.get(1);
        StringBuilder list = new StringBuilder();
        for (JudgedStatement j : ddl) {
            list.append("\n- line ").append(j.statement().span().startLine()).append(": `").append(j.statement().kind()).append('`');
        }
        String message = "This migration runs " + ddl.size() + " DDL statements that cannot run twice:" + list
                + "\nMySQL and MariaDB commit before and after each DDL statement, whatever the migration tool's transaction setting says"
                + " (a BEGIN around them does not help). If a later one fails — a lock-wait timeout, a refused ALGORITHM=, a duplicate key,"
                + " a deploy killed halfway — the earlier ones stay applied, the tool records the migration as failed or not at all, and"
                + " running it again fails on the first statement. Someone then repairs the database by hand, in production.";
        String fix = "Instead: one DDL statement per migration file, or make every statement safe to run again (MariaDB: `ADD COLUMN IF NOT"
                + " EXISTS`, `DROP COLUMN IF EXISTS`, `CREATE INDEX IF NOT EXISTS`; `CREATE TABLE IF NOT EXISTS`, `DROP TABLE IF EXISTS` on both)."
                + " Several changes to one table fit in one `ALTER TABLE`, which is atomic.";
        return List.of(findingAt(second.statement().span(), risk, "Several DDL statements: a failure halfway leaves the migration half-applied",
                message, fix, null));
    }
}
