package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The non-blocking way to make a change the server would copy or rebuild: the same change run by gh-ost or
 * pt-online-schema-change (which build a shadow table online and throttle on replica lag), or by Vitess/PlanetScale's
 * online DDL. The commands name this table and this change, so the author can paste them.
 */
final class OnlineCopyRoute {

    private static final Pattern ALTER_HEAD = Pattern.compile(
            "(?is)^\\s*ALTER\\s+(?:ONLINE\\s+)?(?:IGNORE\\s+)?TABLE\\s+(?:IF\\s+EXISTS\\s+)?"
                    + "((?:`[^`]*+(?:``[^`]*+)*+`|[\\w$]++)(?:\\s*\\.\\s*(?:`[^`]*+(?:``[^`]*+)*+`|[\\w$]++))?)\\s+(?:(?:WAIT\\s+\\d+|NOWAIT)\\s+)?(.*)$");
    /** ALGORITHM= and LOCK= clauses: the tools choose their own way, and reject these. */
    private static final Pattern ONLINE_CLAUSE = Pattern.compile("(?i)\\s*,?\\s*\\b(?:ALGORITHM|LOCK)\\s*=?\\s*\\w+\\s*(?=,|$)");

    private OnlineCopyRoute() {}

    /** The change as the tools take it: the ALTER's subcommands without the table name and ALGORITHM=/LOCK=. */
    static Optional<String> alterClause(StatementContext context) {
        Statement s = context.statement().statement();
        String text = context.statement().raw().sql().strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        if (s instanceof Statement.AlterTable) {
            Matcher m = ALTER_HEAD.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
            String clause = ONLINE_CLAUSE.matcher(m.group(2)).replaceAll("").strip();
            clause = clause.startsWith(",") ? clause.substring(1).strip() : clause;
            return clause.isEmpty() ? Optional.empty() : Optional.of(oneLine(clause));
        }
        if (s instanceof Statement.CreateIndex c && c.name() != null) {
            String kind = c.method() != null && (c.method().equalsIgnoreCase("fulltext") || c.method().equalsIgnoreCase("spatial"))
                    ? c.method().toUpperCase(Locale.ROOT) + " " : c.unique() ? "UNIQUE " : "";
            return Optional.of("ADD " + kind + "INDEX " + MysqlRule.ident(c.name().name()) + " (" + String.join(", ", c.elements()) + ")");
        }
        return Optional.empty();
    }

    /**
     * The fix paragraph: gh-ost and pt-online-schema-change commands for this table and change, and the Vitess
     * strategy. {@code foreignKeys} is whether the table has or gets foreign keys (gh-ost refuses those tables).
     */
    static String commands(StatementContext context, QualifiedName table, boolean foreignKeys) {
        String change = alterClause(context).orElse("<the change>");
        // single quotes: inside double quotes a shell would run the identifiers' backticks as commands
        String quoted = "'" + change.replace("'", "'\\''") + "'";
        String database = table.schema() != null ? table.schema() : "<database>";
        String name = table.name();
        StringBuilder s = new StringBuilder();
        if (!foreignKeys) {
            s.append("\n- gh-ost (reads the binary log, no triggers; needs `binlog_format=ROW`):\n  ")
                    .append(codeSpan("gh-ost --host=<replica> --database=" + database + " --table=" + name + " --alter=" + quoted
                            + " --chunk-size=1000 --max-lag-millis=1500 --execute"));
        }
        s.append("\n- pt-online-schema-change (copies through triggers").append(foreignKeys ? ", and handles the foreign keys" : "")
                .append("):\n  ").append(codeSpan("pt-online-schema-change --alter " + quoted + " D=" + database + ",t=" + name
                        + (foreignKeys ? " --alter-foreign-keys-method=auto" : "") + " --chunk-size=1000 --max-lag=1 --execute"));
        s.append("\n- PlanetScale / Vitess: run it as an online migration with `SET @@ddl_strategy='vitess';` before the `ALTER TABLE`"
                + " (or through a deploy request with safe migrations on).");
        if (foreignKeys) {
            s.append("\ngh-ost is not an option here: it does not support tables with foreign keys.");
        }
        return s.toString();
    }

    /** A Markdown code span that may hold backticks (quoted identifiers): delimited by two backticks then. */
    private static String codeSpan(String text) {
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\n\\s*", " ").replaceAll("\\s{2,}", " ");
    }
}
