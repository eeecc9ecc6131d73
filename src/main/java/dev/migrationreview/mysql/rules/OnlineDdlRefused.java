package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** An ALGORITHM= or LOCK= request the server refuses for this operation on this version: the migration fails. */
@Singleton
public final class OnlineDdlRefused extends MysqlRule {

    public OnlineDdlRefused() {
        super("online-ddl-refused", Risk.CRITICAL,
                "The statement asks for an ALGORITHM= or LOCK= the server refuses for this change on this version: the migration fails");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        Optional<OnlineDdl> ddl = ddl(context);
        if (ddl.isEmpty() || !ddl.get().refused()) {
            return List.of();
        }
        String version = serverName(context) + " " + context.config().version();
        String table = changedTable(context).map(QualifiedName::name).orElse("the table");
        String message = "This statement asks for `" + requested(context, ddl.get()) + "`, and " + version
                + " refuses it: " + ddl.get().refusal() + " The statement fails with error 1846 (ER_ALTER_OPERATION_NOT_SUPPORTED_REASON) before"
                + " it changes anything, and the migration stops there. DDL commits implicitly, so the statements of this file that ran"
                + " before it stay applied.";
        String fix = "Instead: ask only for what the server supports for this change, or split the statement so the part that can run"
                + " INSTANT or INPLACE is its own `ALTER TABLE`. If the change can only be made by a copy and `" + table + "` is large, run it"
                + " online:" + OnlineCopyRoute.commands(context, changedTable(context).orElse(QualifiedName.of(table)), false)
                + "\nIf production runs another version than " + version + ", set `database-version` in .github/migration-review.yml.";
        return report(context, Risk.CRITICAL, "The server refuses this ALGORITHM=/LOCK=: the migration fails", message, fix, null);
    }

    /** The statement's own ALGORITHM= and LOCK= clauses as written. */
    private static String requested(StatementContext context, OnlineDdl ddl) {
        List<String> clauses = alterActions(context).stream().filter(a -> a instanceof AlterTableAction.OnlineDdlClause)
                .map(a -> (AlterTableAction.OnlineDdlClause) a).map(c -> c.option() + "=" + c.value()).toList();
        return clauses.isEmpty() ? "ALGORITHM=" + ddl.algorithm() + ", LOCK=" + ddl.lock() : String.join(", ", clauses);
    }
}
