package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Metadata-lock queueing: every DDL statement needs an exclusive metadata lock, waits for open transactions on the
 * table to get it, and every new query queues behind it; lock_wait_timeout (default a year) bounds that wait. One
 * finding per file, judged at its last statement and anchored to the first statement that needs the setting.
 */
@Singleton
public final class LockWaitTimeoutMissing extends MysqlRule {

    /** MariaDB 10.3+: ALTER TABLE t WAIT n / NOWAIT bounds the wait for this statement. */
    private static final Pattern WAIT_CLAUSE = Pattern.compile("(?is)^\\s*(?:ALTER\\s+(?:ONLINE\\s+)?(?:IGNORE\\s+)?TABLE|RENAME\\s+TABLE|DROP\\s+TABLE|"
            + "TRUNCATE\\s+TABLE|OPTIMIZE\\s+TABLE|CREATE\\s+(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX|DROP\\s+INDEX)\\b.*?\\b(?:WAIT\\s+\\d+|NOWAIT)\\b.*");

    public LockWaitTimeoutMissing() {
        super("lock-timeout-missing", Risk.MEDIUM,
                "DDL on an existing table without SET lock_wait_timeout first: while it waits for its metadata lock, every query on the table queues behind it");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!context.lastInFile()) {
            return List.of();
        }
        List<JudgedStatement> all = new ArrayList<>(context.earlier());
        all.add(new JudgedStatement(context.statement(), context.effects(), context.inTransaction(), context.session()));
        List<String> lines = new ArrayList<>();
        SourceSpan first = null;
        Risk risk = Risk.NONE;
        for (JudgedStatement j : all) {
            Statement s = j.statement().statement();
            if (!isDdl(s) || s instanceof Statement.CreateTable || j.session().lockTimeout() != null
                    || WAIT_CLAUSE.matcher(j.statement().raw().sql()).matches()) {
                continue;
            }
            List<QualifiedName> existing = ddlTables(s).stream().filter(t -> !context.isNew(t)).toList();
            if (existing.isEmpty()) {
                continue;
            }
            TableSize size = TableSize.of(context, existing.get(0));
            risk = Risk.max(risk, size.hot() ? RiskModel.raise(Risk.MEDIUM) : Risk.MEDIUM);
            if (first == null) {
                first = j.statement().span();
            }
            lines.add("\n- line " + j.statement().span().startLine() + ": `" + j.statement().kind() + "` on `" + existing.get(0).name() + "`");
        }
        if (first == null) {
            return List.of();
        }
        boolean mariadb = context.config().dialect() == Dialect.MARIADB;
        String message = "No `lock_wait_timeout` is set before " + (lines.size() == 1 ? "this statement" : "these " + lines.size() + " statements")
                + (lines.size() == 1 ? ", which needs" : ", which need") + " an EXCLUSIVE metadata lock on an existing table:" + String.join("", lines)
                + "\nEvery DDL statement, even an INSTANT one, needs that lock at its start and end, and waits for every open transaction"
                + " that touched the table to finish. While it waits, every new query on the table (SHARED_READ, SHARED_WRITE) queues behind"
                + " it. `lock_wait_timeout` bounds the wait and defaults to " + (mariadb ? "86400 seconds (a day)" : "31536000 seconds (a year)")
                + ": an idle transaction left open by a connection pool turns a millisecond change into an outage.";
        String fix = "Instead: set a short wait at the top of the migration, and retry the migration when it times out:"
                + sqlBlock("SET SESSION lock_wait_timeout = 5;")
                + (mariadb ? "\nOn MariaDB one statement can also say it: `ALTER TABLE orders WAIT 5 ...` (or `NOWAIT`)." : "")
                + "\nRetrying is safe when each statement is re-runnable: MySQL commits every DDL statement on its own.";
        SourceSpan anchor = first;
        String suggestion = ownLines(context, anchor).map(text -> "SET SESSION lock_wait_timeout = 5;\n" + text).orElse(null);
        return List.of(findingAt(anchor, risk, "No lock_wait_timeout before DDL on existing tables", message, fix, suggestion));
    }
}
