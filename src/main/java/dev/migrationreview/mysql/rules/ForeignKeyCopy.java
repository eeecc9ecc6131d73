package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;

/** ADD FOREIGN KEY with foreign_key_checks on: the server checks existing rows by copying the table. */
@Singleton
public final class ForeignKeyCopy extends MysqlRule {

    public ForeignKeyCopy() {
        super("foreign-key-copy", Risk.HIGH,
                "Adding a foreign key while foreign_key_checks=1 copies the table: writes wait for the whole copy");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter) || !ChangeCauses.foreignKeyAdded(context)
                || TableSize.of(context, alter.table()).isNew()) {
            return List.of();
        }
        OnlineDdl ddl = ddl(context).orElseThrow();
        ConstraintDefinition fk = ChangeCauses.foreignKeys(context).get(0).constraint();
        CopyJudgement j = CopyJudgement.of(context, ddl, alter.table(), WorkKind.REWRITE, true);
        String message = "With `foreign_key_checks=1` (the default) MySQL checks the existing rows of `" + alter.table().name()
                + "` against `" + fk.referencedTable().name() + "` by copying the table. " + j.message()
                + " The statement also takes metadata locks on `" + fk.referencedTable().name() + "`, so it waits behind open transactions there too.";
        String name = fk.name() != null ? fk.name() : alter.table().name() + "_" + String.join("_", fk.columns()) + "_fk";
        String add = "ALTER TABLE " + ident(alter.table()) + " ADD CONSTRAINT " + ident(name) + " FOREIGN KEY (" + String.join(", ", fk.columns().stream().map(MysqlRule::ident).toList())
                + ") REFERENCES " + ident(fk.referencedTable()) + " (" + String.join(", ", fk.referencedColumns().stream().map(MysqlRule::ident).toList())
                + "), ALGORITHM=INPLACE, LOCK=NONE;";
        String orphans = "SELECT COUNT(*) FROM " + ident(alter.table()) + " t LEFT JOIN " + ident(fk.referencedTable()) + " r ON "
                + joinCondition(fk) + " WHERE t." + ident(fk.columns().get(0)) + " IS NOT NULL AND r." + ident(fk.referencedColumns().isEmpty()
                        ? "id" : fk.referencedColumns().get(0)) + " IS NULL;";
        String fix = "Instead: check for orphans yourself, then add the key in place without the copy, in the same session:"
                + sqlBlock("SET foreign_key_checks = 0;\n" + add + "\nSET foreign_key_checks = 1;")
                + "\nThe orphan check (it must return 0 first):" + sqlBlock(orphans);
        return report(context, j.risk(), "Adding a foreign key copies `" + alter.table().name() + "`", message, fix, null);
    }

    private static String joinCondition(ConstraintDefinition fk) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < fk.columns().size(); i++) {
            String ref = i < fk.referencedColumns().size() ? fk.referencedColumns().get(i) : "id";
            s.append(i > 0 ? " AND " : "").append("r.").append(ident(ref)).append(" = t.").append(ident(fk.columns().get(i)));
        }
        return s.toString();
    }

}
