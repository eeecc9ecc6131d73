package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementRule;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.DurationEstimate;
import dev.migrationreview.analysis.risk.LockDescription;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.SourceSpan;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** What every PostgreSQL rule shares: its identity and how a finding is anchored to the statement. */
abstract class PostgresRule extends StatementRule {

    protected PostgresRule(String id, Risk defaultRisk, String summary) {
        super(id, defaultRisk, summary);
    }

    @Override
    public final Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    /**
     * A finding on one subcommand of an ALTER TABLE: at the subcommand's own lines when the statement's text tells
     * its subcommands apart, else on the whole statement.
     */
    List<Finding> report(StatementContext context, AlterTableAction action, Risk risk, String title, String message, String fix,
            String suggestion) {
        if (risk == Risk.NONE) {
            return List.of();
        }
        return List.of(findingAt(subcommandSpan(context, action), risk, title, message, fix, suggestion));
    }

    /** The lines of one subcommand of the statement's ALTER TABLE; the statement's span when they cannot be told. */
    protected static SourceSpan subcommandSpan(StatementContext context, AlterTableAction action) {
        SourceSpan whole = context.statement().span();
        if (!(context.statement().statement() instanceof Statement.AlterTable alter) || alter.actions().size() < 2) {
            return whole;
        }
        int index = -1;
        for (int i = 0; i < alter.actions().size(); i++) {
            if (alter.actions().get(i) == action) {
                index = i;
            }
        }
        String sql = context.statement().raw().sql();
        List<int[]> pieces = SubcommandText.pieces(sql);
        if (index < 0 || pieces.size() != alter.actions().size()) {
            return whole;
        }
        int start = whole.startLine() + newlines(sql, pieces.get(index)[0]);
        int end = whole.startLine() + newlines(sql, pieces.get(index)[1]);
        if (index == 0) {
            start = whole.startLine();
        }
        return end > whole.endLine() || start > end ? whole : new SourceSpan(start, 1, end, 1);
    }

    private static int newlines(String s, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }


    /** The statement's text as written (no terminating semicolon). */
    protected static String sql(StatementContext context) {
        return context.statement().raw().sql();
    }

    /** The lock the model says this statement holds on {@code relation}. */
    static Optional<RelationLock> lockOn(StatementContext context, QualifiedName relation) {
        QualifiedName q = relation.qualified();
        return context.effects().locks().stream().filter(l -> l.relation().qualified().equals(q)).findFirst();
    }

    protected static boolean rewrites(StatementContext context, QualifiedName table) {
        QualifiedName q = table.qualified();
        return context.effects().rewrites().stream().anyMatch(r -> r.qualified().equals(q));
    }

    protected static boolean scans(StatementContext context, QualifiedName table) {
        QualifiedName q = table.qualified();
        return context.effects().scans().stream().anyMatch(r -> r.qualified().equals(q));
    }

    /** Quotes an identifier the way the user would need it in SQL (only when it needs quoting). */
    protected static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    protected static String ident(QualifiedName name) {
        return name.schema() == null ? ident(name.name()) : ident(name.schema()) + "." + ident(name.name());
    }

    /** The ALTER TABLE's subcommands, or none for any other statement. */
    protected static List<AlterTableAction> alterActions(StatementContext context) {
        return context.statement().statement() instanceof Statement.AlterTable a ? a.actions() : List.of();
    }

    /**
     * The consequence of holding {@code lock} on a table: which lock, what it blocks, for how long, with an
     * estimate when the size is known and the config key to set when it is not.
     */
    static String lockConsequence(StatementContext context, RelationLock lock, TableSize size, WorkKind work) {
        StringBuilder s = new StringBuilder();
        s.append("It holds ").append(LockDescription.named(lock.mode())).append(" on ").append(size.describe())
                .append(", which blocks ").append(LockDescription.blocks(lock.mode().impact()));
        if (work == null) {
            s.append(". The change itself is a catalog update, but the lock must first wait for every running query on the table,"
                    + " and everything that arrives meanwhile queues behind it.");
        } else {
            s.append(", for the whole of ").append(work.description()).append('.');
            s.append(DurationEstimate.sentence(work, size));
        }
        if (context.inTransaction()) {
            s.append(" Inside the migration's transaction the lock is held until COMMIT.");
        }
        s.append(size.unknownSizeNote());
        return s.toString();
    }

    /**
     * The file's lines line..endLine of this statement when it has them to itself (so a suggestion can replace
     * them), else empty.
     */
    protected static Optional<String> ownLines(StatementContext context) {
        return ownLines(context, context.statement().span());
    }

    /** Like {@link #ownLines(StatementContext)} for another statement of the same file. */
    protected static Optional<String> ownLines(StatementContext context, SourceSpan span) {
        String[] lines = context.script().content().split("\n", -1);
        if (span.endLine() > lines.length) {
            return Optional.empty();
        }
        String before = lines[span.startLine() - 1].substring(0, Math.min(lines[span.startLine() - 1].length(), Math.max(0, span.startColumn() - 1)));
        String lastLine = lines[span.endLine() - 1];
        String after = lastLine.substring(Math.min(lastLine.length(), Math.max(0, span.endColumn())));
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

    /** A suggestion made by transforming this statement's own lines; null when that is not possible. */
    protected static String suggest(StatementContext context, UnaryOperator<String> transform) {
        return ownLines(context).map(transform).orElse(null);
    }

    /** Inserts {@code addition} before the statement's terminating semicolon (or at its end). */
    protected static String beforeSemicolon(String lines, String addition) {
        String trimmed = lines.stripTrailing();
        if (trimmed.endsWith(";")) {
            return trimmed.substring(0, trimmed.length() - 1) + addition + ";";
        }
        return trimmed + addition + ";";
    }

    /** The statement as the user wrote it, ending with a semicolon, for quoting in fix text. */
    protected static String statementText(StatementContext context) {
        return sql(context).strip() + ";";
    }

    protected static String sqlBlock(String sql) {
        return "\n```sql\n" + sql.strip() + "\n```";
    }
}
