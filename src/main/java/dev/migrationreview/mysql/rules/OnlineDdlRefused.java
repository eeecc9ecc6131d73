package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The server refuses the statement on this version, so the migration fails: an ALGORITHM= or LOCK= it cannot honour for
 * this operation, or syntax the release does not have yet (RENAME COLUMN before MySQL 8.0.3).
 */
@Singleton
public final class OnlineDdlRefused extends MysqlRule {

    public OnlineDdlRefused() {
        super("online-ddl-refused", Risk.CRITICAL,
                "The server refuses the statement on this version (an ALGORITHM=/LOCK= it cannot honour, or syntax it lacks): the migration fails");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        Optional<OnlineDdl> ddl = ddl(context);
        if (ddl.isEmpty() || !ddl.get().refused()) {
            return List.of();
        }
        String version = serverName(context) + " " + context.config().version();
        if (!ddl.get().requested()) {
            return missingSyntax(context, ddl.get(), version);
        }
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

    /**
     * The statement asks for nothing, yet the server refuses it: this version lacks the syntax (RENAME COLUMN before
     * MySQL 8.0.3 or MariaDB 10.5.2), so the fix is the older spelling every version reads.
     */
    private List<Finding> missingSyntax(StatementContext context, OnlineDdl ddl, String version) {
        String message = ddl.refusal() + " The migration stops at this statement before it changes anything. DDL commits"
                + " implicitly, so the statements of this file that ran before it stay applied.";
        StringBuilder fix = new StringBuilder("Instead: use the spelling " + version + " reads:");
        if (context.statement().statement() instanceof Statement.AlterTable alter) {
            for (AlterTableAction action : alter.actions()) {
                if (action instanceof AlterTableAction.RenameColumn r) {
                    fix.append(sqlBlock("ALTER TABLE " + ident(alter.table()) + " CHANGE COLUMN " + ident(r.from()) + " " + ident(r.to())
                            + " " + definition(context, alter.table(), r.from()) + ";"));
                    fix.append("\nCHANGE replaces the column's whole definition: repeat every attribute `SHOW CREATE TABLE` lists for"
                            + " it (DEFAULT, CHARACTER SET, COMMENT ...), or the rename changes them too.");
                } else if (action instanceof AlterTableAction.RenameIndex r) {
                    fix.append(sqlBlock("ALTER TABLE " + ident(alter.table()) + " DROP INDEX " + ident(r.from()) + ", ADD INDEX "
                            + ident(r.to()) + " (<its columns>);"));
                    fix.append("\nThis builds the index again (in place; reads and writes go on): give it the columns and options"
                            + " `SHOW CREATE TABLE` lists for the old one.");
                }
            }
        }
        fix.append("\nIf production runs a newer version than ").append(version)
                .append(", set `database-version` in .github/migration-review.yml.");
        return report(context, Risk.CRITICAL, version + " cannot parse this statement: the migration fails", message, fix.toString(), null);
    }

    /** The column's definition as the history left it (type, nullability, default), or a placeholder when the history does not know it. */
    private static String definition(StatementContext context, QualifiedName table, String column) {
        return context.schemaBefore().table(table).flatMap(t -> t.column(column))
                .filter(c -> c.generatedExpression() == null)
                .map(c -> c.type().raw() + (c.notNull() ? " NOT NULL" : " NULL")
                        + (c.defaultExpression() == null ? "" : " DEFAULT " + c.defaultExpression())
                        + ("AUTO_INCREMENT".equals(c.identity()) ? " AUTO_INCREMENT" : ""))
                .orElse("<its full definition>");
    }

    /** The statement's own ALGORITHM= and LOCK= clauses as written. */
    private static String requested(StatementContext context, OnlineDdl ddl) {
        List<String> clauses = alterActions(context).stream().filter(a -> a instanceof AlterTableAction.OnlineDdlClause)
                .map(a -> (AlterTableAction.OnlineDdlClause) a).map(c -> c.option() + "=" + c.value()).toList();
        return clauses.isEmpty() ? "ALGORITHM=" + ddl.algorithm() + ", LOCK=" + ddl.lock() : String.join(", ", clauses);
    }
}
