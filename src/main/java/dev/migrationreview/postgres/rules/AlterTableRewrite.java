package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

/** Rewrites from ALTER TABLE subcommands other than column additions and type changes (which have their own rules). */
@Singleton
public final class AlterTableRewrite extends PostgresRule {

    public AlterTableRewrite() {
        super("alter-table-rewrite", Risk.HIGH,
                "SET TABLESPACE, SET LOGGED/UNLOGGED, SET ACCESS METHOD and similar subcommands copy the whole table under an ACCESS EXCLUSIVE lock");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter) || !rewrites(context, alter.table())) {
            return List.of();
        }
        List<AlterTableAction> causes = alter.actions().stream().filter(a -> a instanceof AlterTableAction.SetTablespace
                || a instanceof AlterTableAction.SetLogged || a instanceof AlterTableAction.SetAccessMethod
                || a instanceof AlterTableAction.AlterIdentity || a instanceof AlterTableAction.Other).toList();
        boolean covered = alter.actions().stream().anyMatch(a -> a instanceof AlterTableAction.AddColumn
                || a instanceof AlterTableAction.AlterColumnType);
        if (causes.isEmpty() || covered) {
            return List.of();
        }
        AlterTableAction cause = causes.get(0);
        String what;
        if (cause instanceof AlterTableAction.SetTablespace t) {
            what = "Moving `" + alter.table() + "` to tablespace " + t.tablespace() + " copies it.";
        } else if (cause instanceof AlterTableAction.SetLogged l) {
            what = "SET " + (l.logged() ? "LOGGED writes the whole table to the WAL" : "UNLOGGED copies the table") + ".";
        } else if (cause instanceof AlterTableAction.SetAccessMethod m) {
            what = "SET ACCESS METHOD " + m.method() + " copies the table into the new format.";
        } else {
            what = "This ALTER TABLE rewrites `" + alter.table() + "`.";
        }
        return MaintenanceRewrite.judge(this, context, alter.table(), WorkKind.REWRITE, what,
                "ALTER TABLE rewrites `" + alter.table().name() + "`",
                "Instead: run it in a maintenance window with `lock_timeout` set, or build a new table online (pg_repack, or a copy"
                        + " filled in batches and swapped in with a rename).");
    }
}
