package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

/** Outside a transaction a failed migration stays half-applied; re-running it must not fail on what did apply. */
@Singleton
public final class NonIdempotentOutsideTransaction extends PostgresRule {

    public NonIdempotentOutsideTransaction() {
        super("non-idempotent-outside-transaction", Risk.INFO,
                "Outside a transaction, CREATE/DROP/ADD COLUMN without IF [NOT] EXISTS make a half-applied migration fail when re-run");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (context.inTransaction()) {
            return List.of();
        }
        Statement s = context.statement().statement();
        String fix = null;
        if (s instanceof Statement.CreateIndex i && !i.ifNotExists() && i.name() != null) {
            fix = "CREATE INDEX " + (i.concurrently() ? "CONCURRENTLY " : "") + "IF NOT EXISTS " + ident(i.name().name()) + " ...";
            if (i.concurrently()) {
                fix += " (after a failed CONCURRENTLY build, drop the INVALID index first: IF NOT EXISTS would keep it)";
            }
        } else if (s instanceof Statement.DropIndex d && !d.ifExists()) {
            fix = "DROP INDEX " + (d.concurrently() ? "CONCURRENTLY " : "") + "IF EXISTS ...";
        } else if (s instanceof Statement.CreateTable t && !t.ifNotExists() && !t.temporary()) {
            fix = "CREATE TABLE IF NOT EXISTS " + ident(t.table()) + " ...";
        } else if (s instanceof Statement.DropTable d && !d.ifExists()) {
            fix = "DROP TABLE IF EXISTS ...";
        } else if (s instanceof Statement.AlterTable a && a.actions().stream()
                .anyMatch(x -> x instanceof AlterTableAction.AddColumn c && !c.ifNotExists())) {
            fix = "ALTER TABLE " + ident(a.table()) + " ADD COLUMN IF NOT EXISTS ...";
        }
        if (fix == null) {
            return List.of();
        }
        return report(context, Risk.INFO, "Not re-runnable outside a transaction",
                "This migration runs outside a transaction, so if a later statement fails, this one stays applied, and re-running the"
                        + " migration fails here (\"already exists\" / \"does not exist\").",
                "Make it re-runnable: `" + fix + "`.", null);
    }
}
