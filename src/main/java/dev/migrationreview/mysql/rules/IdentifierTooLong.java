package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.config.Risk;
import dev.migrationreview.mysql.MysqlNames;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * A name longer than 64 characters: MySQL and MariaDB refuse it (error 1059, ER_TOO_LONG_IDENT) where PostgreSQL would
 * cut it, so a migration written against PostgreSQL habits, or with a generated name, fails.
 */
@Singleton
public final class IdentifierTooLong extends MysqlRule {

    public IdentifierTooLong() {
        super("identifier-too-long", Risk.CRITICAL,
                "A table, column, index or constraint name longer than 64 characters: the server refuses the statement");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        List<String> tooLong = new ArrayList<>();
        for (String name : namesGiven(context.statement().statement())) {
            if (name != null && name.codePointCount(0, name.length()) > MysqlNames.MAX_IDENTIFIER && !tooLong.contains(name)) {
                tooLong.add(name);
            }
        }
        if (tooLong.isEmpty()) {
            return List.of();
        }
        String first = tooLong.get(0);
        int length = first.codePointCount(0, first.length());
        String message = "`" + first + "` is " + length + " characters long" + (tooLong.size() > 1 ? " (and " + (tooLong.size() - 1)
                + " more name" + (tooLong.size() > 2 ? "s" : "") + " here)" : "") + "; " + serverName(context) + " allows "
                + MysqlNames.MAX_IDENTIFIER + " and refuses the statement with error 1059 (identifier name is too long) instead of"
                + " shortening it as PostgreSQL does. The migration stops here; DDL commits implicitly, so the statements of this"
                + " file that ran before it stay applied.";
        String fix = "Instead: give " + (tooLong.size() == 1 ? "it a name" : "each a name") + " of at most " + MysqlNames.MAX_IDENTIFIER
                + " characters, e.g. `" + shortened(first) + "`. Later migrations that drop or rename it must use the new name, and"
                + " a table or column name must also match what the application queries.";
        return report(context, Risk.CRITICAL, "`" + abbreviated(first) + "` is longer than " + MysqlNames.MAX_IDENTIFIER
                + " characters: the statement fails", message, fix, null);
    }

    /** Every name the statement gives something new: tables, columns, indexes, constraints, views, renames. */
    static List<String> namesGiven(Statement statement) {
        List<String> names = new ArrayList<>();
        if (statement instanceof Statement.CreateTable ct) {
            names.add(ct.table().name());
            ct.columns().forEach(c -> names.add(c.name()));
            ct.constraints().forEach(k -> names.add(k.name()));
            ct.indexes().forEach(i -> names.add(i.name()));
        } else if (statement instanceof Statement.AlterTable alter) {
            for (AlterTableAction a : alter.actions()) {
                if (a instanceof AlterTableAction.AddColumn add) {
                    names.add(add.column().name());
                } else if (a instanceof AlterTableAction.ChangeColumn change && change.column() != null) {
                    names.add(change.column().name());
                } else if (a instanceof AlterTableAction.AddConstraint add) {
                    names.add(add.constraint().name());
                } else if (a instanceof AlterTableAction.AddIndex add) {
                    names.add(add.name());
                } else if (a instanceof AlterTableAction.RenameColumn r) {
                    names.add(r.to());
                } else if (a instanceof AlterTableAction.RenameIndex r) {
                    names.add(r.to());
                } else if (a instanceof AlterTableAction.RenameConstraint r) {
                    names.add(r.to());
                } else if (a instanceof AlterTableAction.RenameTable r) {
                    names.add(QualifiedName.parse(r.to()).name());
                }
            }
        } else if (statement instanceof Statement.CreateIndex ci && ci.name() != null) {
            names.add(ci.name().name());
        } else if (statement instanceof Statement.RenameTable r) {
            names.add(r.to().name());
        } else if (statement instanceof Statement.CreateView v) {
            names.add(v.view().name());
        }
        return names;
    }

    /** A 64-character name that keeps the start and says where it was cut. */
    private static String shortened(String name) {
        int keep = MysqlNames.MAX_IDENTIFIER - 9;
        int end = name.offsetByCodePoints(0, keep);
        return name.substring(0, end) + "_" + Integer.toHexString(name.hashCode() & 0xfffffff | 0x10000000);
    }

    private static String abbreviated(String name) {
        return name.codePointCount(0, name.length()) <= 40 ? name : name.substring(0, name.offsetByCodePoints(0, 30)) + "…";
    }
}
