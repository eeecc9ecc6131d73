package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** ADD/DROP PRIMARY KEY on an existing table: InnoDB stores rows in primary-key order, so everything is rebuilt. */
@Singleton
public final class PrimaryKeyChange extends MysqlRule {
    /** An ALGORITHM= or LOCK= clause of the statement, with the comma before it. */
    private static final Pattern ONLINE_DDL_CLAUSE = Pattern.compile("\\s*,\\s*(?:ALGORITHM|LOCK)\\s*=?\\s*\\w+", Pattern.CASE_INSENSITIVE);

    public PrimaryKeyChange() {
        super("primary-key-change", Risk.HIGH,
                "Changing a table's primary key rebuilds the table and every index on it; DROP PRIMARY KEY alone copies it");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter) || !ChangeCauses.primaryKeyChange(context)
                || TableSize.of(context, alter.table()).isNew()) {
            return List.of();
        }
        Optional<OnlineDdl> ddl = ddl(context);
        if (ddl.map(d -> !d.rebuildsTable() && d.algorithm() != OnlineDdl.Algorithm.COPY).orElse(false)) {
            return List.of();
        }
        OnlineDdl run = ddl.orElse(new OnlineDdl(OnlineDdl.Algorithm.INPLACE, OnlineDdl.LockLevel.NONE, true));
        CopyJudgement j = CopyJudgement.of(context, run, alter.table(), WorkKind.REWRITE, false, true);
        String message = "InnoDB stores `" + alter.table().name() + "` in primary-key order, and every secondary index points to rows by their"
                + " primary-key value: changing the key rewrites the table and all its indexes. " + j.message();
        String fix = "Instead: drop and add the key in one statement, in place, so reads and writes go on:"
                + sqlBlock(inPlace(context, alter))
                + "\nOnline copy tools need a unique key shared by the old and new definitions. " + j.onlineParagraph();
        return report(context, j.risk(), "Changing the primary key of `" + alter.table().name() + "` rebuilds it", message, fix, null);
    }

    /**
     * The change as one in-place statement. When the statement already drops and adds the key, it is kept as written (its
     * other subcommands too: an AUTO_INCREMENT column moved out of the key's first place needs a key of its own there, or
     * the server refuses the statement with error 1075) with ALGORITHM=INPLACE, LOCK=NONE in place of any it names.
     */
    private static String inPlace(StatementContext context, Statement.AlterTable alter) {
        boolean drops = alter.actions().stream().anyMatch(a -> a instanceof AlterTableAction.DropConstraint d && "PRIMARY".equalsIgnoreCase(d.name()));
        boolean adds = alter.actions().stream()
                .anyMatch(a -> a instanceof AlterTableAction.AddConstraint c && c.constraint().type() == ConstraintType.PRIMARY_KEY);
        if (drops && adds) {
            String written = ONLINE_DDL_CLAUSE.matcher(sql(context).strip().replaceFirst(";\\s*$", "")).replaceAll("");
            return written + ", ALGORITHM=INPLACE, LOCK=NONE;";
        }
        return "ALTER TABLE " + ident(alter.table()) + " DROP PRIMARY KEY, ADD PRIMARY KEY (" + newKey(alter) + "), ALGORITHM=INPLACE, LOCK=NONE;";
    }


    /** The new key's columns as written, or a placeholder when the statement only drops the key. */
    private static String newKey(Statement.AlterTable alter) {
        return alter.actions().stream()
                .filter(a -> a instanceof AlterTableAction.AddConstraint c && c.constraint().type() == ConstraintType.PRIMARY_KEY)
                .map(a -> String.join(", ", ((AlterTableAction.AddConstraint) a).constraint().columns().stream().map(MysqlRule::ident).toList()))
                .findFirst().orElse("<the new key's columns>");
    }
}
