package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementRule;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import java.util.List;
import java.util.Optional;

/**
 * What every MySQL and MariaDB rule shares: one class serves both servers (their online DDL differs by version, which
 * the effects model already decided), its page is {@code docs/rules/mysql/<id>.md}.
 */
abstract class MysqlRule extends StatementRule {

    protected MysqlRule(String id, Risk defaultRisk, String summary) {
        super(id, defaultRisk, summary);
    }

    @Override
    public final Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    public final boolean appliesTo(Dialect dialect) {
        return dialect == Dialect.MYSQL || dialect == Dialect.MARIADB;
    }

    /** How the server runs this statement as online DDL, when it is online DDL. */
    protected static Optional<OnlineDdl> ddl(StatementContext context) {
        return context.effects().onlineDdl();
    }

    /** The statement's ALTER TABLE subcommands, or none for any other statement. */
    protected static List<AlterTableAction> alterActions(StatementContext context) {
        return context.statement().statement() instanceof Statement.AlterTable a ? a.actions() : List.of();
    }

    /** The table an online-DDL statement changes: the ALTER's table, the index's table, OPTIMIZE's first table. */
    protected static Optional<QualifiedName> changedTable(StatementContext context) {
        Statement s = context.statement().statement();
        if (s instanceof Statement.AlterTable a) {
            return Optional.of(a.table());
        }
        if (s instanceof Statement.CreateIndex c) {
            return Optional.ofNullable(c.table());
        }
        if (!context.effects().rewrites().isEmpty()) {
            return Optional.of(context.effects().rewrites().get(0));
        }
        return context.effects().locks().stream().map(l -> l.relation()).findFirst();
    }

    /** The statement's text as written (no terminating semicolon). */
    protected static String sql(StatementContext context) {
        return context.statement().raw().sql();
    }

    protected static String statementText(StatementContext context) {
        return sql(context).strip() + ";";
    }

    protected static String sqlBlock(String sql) {
        return "\n```sql\n" + sql.strip() + "\n```";
    }

    /** A name as the user would write it in MySQL: backticks only when it needs them. */
    protected static String ident(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_$]*") ? name : "`" + name.replace("`", "``") + "`";
    }

    protected static String ident(QualifiedName name) {
        return name.schema() == null ? ident(name.name()) : ident(name.schema()) + "." + ident(name.name());
    }

    /**
     * The file's lines of a statement when it has them to itself (so a suggestion can replace them), else empty.
     */
    protected static Optional<String> ownLines(StatementContext context, SourceSpan span) {
        if (context.script() == null) {
            return Optional.empty();
        }
        String[] lines = context.script().content().split("\n", -1);
        if (span.endLine() > lines.length || span.startLine() < 1) {
            return Optional.empty();
        }
        String first = lines[span.startLine() - 1];
        String before = first.substring(0, Math.min(first.length(), Math.max(0, span.startColumn() - 1)));
        String last = lines[span.endLine() - 1];
        String after = last.substring(Math.min(last.length(), Math.max(0, span.endColumn())));
        if (!before.isBlank() || !after.replace(";", "").isBlank()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (int i = span.startLine() - 1; i < span.endLine(); i++) {
            text.append(lines[i]);
            if (i < span.endLine() - 1) {
                text.append('\n');
            }
        }
        return Optional.of(text.toString().replace("\r", ""));
    }

    /** Statements that take an exclusive metadata lock on a table for a moment at least: all DDL. */
    protected static boolean isDdl(Statement s) {
        return s instanceof Statement.AlterTable || s instanceof Statement.CreateIndex || s instanceof Statement.DropIndex
                || s instanceof Statement.RenameTable || s instanceof Statement.DropTable || s instanceof Statement.TruncateTable
                || s instanceof Statement.CreateTable || s instanceof Statement.CreateView || s instanceof Statement.DropView
                || s instanceof Statement.CreateTrigger || s instanceof Statement.DropTrigger;
    }

    /** The tables a DDL statement changes (for a file-level judgement of which existed before the change). */
    protected static List<QualifiedName> ddlTables(Statement s) {
        if (s instanceof Statement.AlterTable a) {
            return List.of(a.table());
        }
        if (s instanceof Statement.CreateIndex c && c.table() != null) {
            return List.of(c.table());
        }
        if (s instanceof Statement.RenameTable r) {
            return List.of(r.from());
        }
        if (s instanceof Statement.DropTable d) {
            return d.tables();
        }
        if (s instanceof Statement.TruncateTable t) {
            return t.tables();
        }
        if (s instanceof Statement.CreateTrigger t && t.table() != null) {
            return List.of(t.table());
        }
        return List.of();
    }

    /** The server as its users name it: MySQL or MariaDB. */
    protected static String serverName(StatementContext context) {
        return context.config().dialect() == Dialect.MARIADB ? "MariaDB" : "MySQL";
    }
}
