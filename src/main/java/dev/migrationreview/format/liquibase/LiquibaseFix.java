package dev.migrationreview.format.liquibase;

import dev.migrationreview.format.MigrationFormat.Fix;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules write their fixes in SQL; a Liquibase author gets them as changeSets in the changelog's own syntax
 * (XML, YAML or JSON): a {@code <createIndex>} becomes a {@code <sql>} change with {@code CREATE INDEX
 * CONCURRENTLY} in a changeSet with {@code runInTransaction="false"}; an {@code addForeignKeyConstraint} gets
 * {@code validate="false"} and a later changeSet validates it; {@code SET NOT NULL} goes the check-constraint
 * route; any other SQL the fix proposes is wrapped in a {@code <sql>} change.
 */
final class LiquibaseFix {
    private static final Pattern SQL_BLOCK = Pattern.compile("\n?```sql\n(.*?)\n```", Pattern.DOTALL);
    private static final Pattern CREATE_INDEX = Pattern.compile("(?i)\\b(CREATE\\s+(?:UNIQUE\\s+)?INDEX)\\b(?!\\s+CONCURRENTLY)");
    private static final Pattern ADD_FOREIGN_KEY = Pattern.compile(
            "(?is)ALTER\\s+TABLE\\s+(?:ONLY\\s+)?(\\S+)\\s+ADD\\s+CONSTRAINT\\s+(\\S+)\\s+FOREIGN\\s+KEY.*");
    private static final Pattern SET_NOT_NULL = Pattern.compile(
            "(?is)ALTER\\s+TABLE\\s+(?:ONLY\\s+)?(\\S+)\\s+ALTER\\s+(?:COLUMN\\s+)?(\\S+)\\s+SET\\s+NOT\\s+NULL.*");
    private static final Pattern CHANGESET_ID = Pattern.compile("(?:\\bid\\s*[=:]\\s*|\"id\"\\s*:\\s*)[\"']?([^\"'\\s,}]+)");
    private static final Pattern CHANGESET_AUTHOR = Pattern.compile("(?:\\bauthor\\s*[=:]\\s*|\"author\"\\s*:\\s*)[\"']?([^\"',}\\n]+?)[\"']?\\s*(?:[,}\\n>]|/>|$)");

    private LiquibaseFix() {}

    static Fix of(String rule, String fix, String sql, Operation operation, MigrationScript script) {
        Syntax syntax = Syntax.of(script.path());
        ChangeSetName name = enclosingChangeSet(script.content(), operation.span().startLine());
        String statement = sql == null ? "" : sql.strip();
        switch (rule) {
            case "create-index-non-concurrent" -> {
                if (CREATE_INDEX.matcher(statement).find()) {
                    String concurrently = CREATE_INDEX.matcher(statement).replaceFirst("$1 CONCURRENTLY");
                    return new Fix("Instead: build the index with CONCURRENTLY, which lets reads and writes continue (it scans the"
                            + " table twice, so it takes longer). CONCURRENTLY cannot run in a transaction, so replace the change"
                            + " with a `sql` change in a changeSet of its own that Liquibase runs outside one:"
                            + syntax.block(syntax.changeSet(name.id() + "-concurrently", name.author(), false, List.of(concurrently)))
                            + "\nIf the build fails it leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY and run the"
                            + " changeSet again.", null);
                }
            }
            case "add-foreign-key-validating" -> {
                Matcher fk = ADD_FOREIGN_KEY.matcher(statement);
                if (fk.matches()) {
                    String validate = "ALTER TABLE " + fk.group(1) + " VALIDATE CONSTRAINT " + fk.group(2);
                    return new Fix("Instead: add the constraint without checking existing rows (`validate=\"false\"` on the"
                            + " change: Liquibase writes NOT VALID), which needs only a brief lock, then validate it in a later"
                            + " changeSet, which checks the rows while reads and writes go on:"
                            + syntax.block(syntax.attribute(operation, script, "validate", "false"))
                            + syntax.block(syntax.changeSet(name.id() + "-validate", name.author(), true, List.of(validate))),
                            syntax.suggestAttribute(operation, script, "validate", "false"));
                }
            }
            case "set-not-null-scan" -> {
                Matcher nn = SET_NOT_NULL.matcher(statement);
                if (nn.matches()) {
                    String table = nn.group(1);
                    String column = nn.group(2);
                    String check = unquote(table).replaceAll(".*\\.", "") + "_" + unquote(column) + "_not_null";
                    return new Fix("Instead: prove the column has no NULLs with a check constraint first, without a long lock,"
                            + " then set NOT NULL, which PostgreSQL 12+ accepts without scanning the table when a valid check"
                            + " constraint already proves it:"
                            + syntax.block(syntax.changeSet(name.id() + "-check", name.author(), true, List.of(
                                    "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID")))
                            + syntax.block(syntax.changeSet(name.id() + "-validate", name.author(), true, List.of(
                                    "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check)))
                            + syntax.block(syntax.changeSet(name.id() + "-not-null", name.author(), true, List.of(
                                    statement, "ALTER TABLE " + table + " DROP CONSTRAINT " + check))), null);
                }
            }
            default -> { }
        }
        return new Fix(inLiquibase(fix, syntax, name), null);
    }

    /**
     * The rule's own fix with each SQL block it proposes written as a Liquibase changeSet. A recipe of several
     * steps (separate migrations, a batched backfill) keeps its SQL and its comments, followed by how one step
     * is written in the changelog.
     */
    private static String inLiquibase(String fix, Syntax syntax, ChangeSetName name) {
        if (fix == null) {
            return null;
        }
        Matcher m = SQL_BLOCK.matcher(fix);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String sql = m.group(1).strip();
            List<String> statements = statements(sql);
            boolean concurrently = sql.toUpperCase(Locale.ROOT).contains("CONCURRENTLY");
            String replacement;
            if (statements.size() == 1 && !sql.contains("--")) {
                replacement = syntax.block(syntax.changeSet(name.id() + "-fix", name.author(), !concurrently, statements));
            } else {
                replacement = m.group(0) + "\nIn the changelog, each step is a `sql` change in a changeSet of its own (a step that must run"
                        + " outside a transaction gets `runInTransaction` false), for example:"
                        + syntax.block(syntax.changeSet(name.id() + "-step-1", name.author(), !statements.get(0).toUpperCase(Locale.ROOT)
                                .contains("CONCURRENTLY"), List.of(statements.get(0))));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The statements of a fix's SQL block, comments dropped: statements end with a semicolon at the end of a line. */
    private static List<String> statements(String sql) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String code = line.replaceFirst("\\s*--.*$", "");
            if (code.isBlank()) {
                continue;
            }
            current.append(current.length() == 0 ? "" : "\n").append(code.stripTrailing());
            if (code.stripTrailing().endsWith(";")) {
                out.add(current.toString().replaceAll(";\\s*$", ""));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().replaceAll(";\\s*$", ""));
        }
        return out.isEmpty() ? List.of(sql) : out;
    }

    private static String unquote(String name) {
        return name.replace("\"", "").replace("`", "");
    }

    /** The id and author of the changeSet a line is in, read from the source above it. */
    private static ChangeSetName enclosingChangeSet(String content, int line) {
        String[] lines = content.split("\n", -1);
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            if (lines[i].contains("changeSet")) {
                StringBuilder header = new StringBuilder();
                for (int k = i; k < Math.min(lines.length, i + 8); k++) {
                    header.append(lines[k]).append('\n');
                }
                Matcher id = CHANGESET_ID.matcher(header);
                Matcher author = CHANGESET_AUTHOR.matcher(header);
                return new ChangeSetName(id.find() ? id.group(1) : "changeset", author.find() ? author.group(1).strip() : "author");
            }
        }
        return new ChangeSetName("changeset", "author");
    }

    private record ChangeSetName(String id, String author) {}

    /** How a changelog file writes a changeSet. */
    private enum Syntax {
        XML("xml"), YAML("yaml"), JSON("json");

        private final String fence;

        Syntax(String fence) {
            this.fence = fence;
        }

        static Syntax of(String path) {
            String lower = path.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                return YAML;
            }
            return lower.endsWith(".json") ? JSON : XML;
        }

        String block(String text) {
            return "\n```" + fence + "\n" + text + "\n```";
        }

        String changeSet(String id, String author, boolean inTransaction, List<String> statements) {
            StringBuilder sb = new StringBuilder();
            switch (this) {
                case XML -> {
                    sb.append("<changeSet id=\"").append(xml(id)).append("\" author=\"").append(xml(author)).append('"')
                            .append(inTransaction ? "" : " runInTransaction=\"false\"").append(">\n");
                    for (String s : statements) {
                        // CDATA keeps comparisons and quotes readable; Liquibase reads it as the SQL text
                        boolean plain = s.equals(xml(s).replace("&quot;", "\""));
                        sb.append("    <sql>").append(plain ? s : "<![CDATA[" + s + "]]>").append("</sql>\n");
                    }
                    sb.append("</changeSet>");
                }
                case YAML -> {
                    sb.append("- changeSet:\n    id: ").append(id).append("\n    author: ").append(author).append('\n');
                    if (!inTransaction) {
                        sb.append("    runInTransaction: false\n");
                    }
                    sb.append("    changes:\n");
                    for (String s : statements) {
                        sb.append("      - sql:\n          sql: ").append(s.contains("\n") || s.contains(": ") || s.contains("#")
                                ? "|\n            " + s.replace("\n", "\n            ") : s).append('\n');
                    }
                    sb.setLength(sb.length() - 1);
                }
                case JSON -> {
                    sb.append("{\"changeSet\": {\"id\": \"").append(json(id)).append("\", \"author\": \"").append(json(author)).append('"')
                            .append(inTransaction ? "" : ", \"runInTransaction\": false").append(", \"changes\": [");
                    for (int i = 0; i < statements.size(); i++) {
                        sb.append(i == 0 ? "\n  " : ",\n  ").append("{\"sql\": {\"sql\": \"").append(json(statements.get(i))).append("\"}}");
                    }
                    sb.append("\n]}}");
                }
            }
            return sb.toString();
        }

        /** The change as written with one attribute added, for the fix text. */
        String attribute(Operation operation, MigrationScript script, String name, String value) {
            String suggested = suggestAttribute(operation, script, name, value);
            if (suggested != null) {
                return stripIndent(suggested);
            }
            return switch (this) {
                case XML -> "<!-- on the change: --> " + name + "=\"" + value + "\"";
                case YAML -> "# on the change:\n" + name + ": " + value;
                case JSON -> "\"" + name + "\": " + value;
            };
        }

        /** The change's own lines with the attribute added, to replace them; null when the lines are not its alone. */
        String suggestAttribute(Operation operation, MigrationScript script, String name, String value) {
            String[] lines = script.content().split("\n", -1);
            int first = operation.span().startLine();
            int last = operation.span().endLine();
            if (first < 1 || last > lines.length) {
                return null;
            }
            StringBuilder text = new StringBuilder();
            for (int i = first - 1; i < last; i++) {
                text.append(lines[i].replace("\r", "")).append(i < last - 1 ? "\n" : "");
            }
            String own = text.toString();
            switch (this) {
                case XML -> {
                    Matcher tag = Pattern.compile("<([\\w:]*addForeignKeyConstraint)\\b").matcher(own);
                    if (!tag.find() || own.contains(name + "=")) {
                        return null;
                    }
                    return own.substring(0, tag.end()) + " " + name + "=\"" + value + "\"" + own.substring(tag.end());
                }
                case YAML -> {
                    Matcher key = Pattern.compile("(?m)^(\\s*-?\\s*)addForeignKeyConstraint:\\s*$\\n(\\s+)").matcher(own);
                    if (!key.find() || own.contains(name + ":")) {
                        return null;
                    }
                    return own.substring(0, key.end()) + name + ": " + value + "\n" + key.group(2) + own.substring(key.end());
                }
                default -> {
                    Matcher key = Pattern.compile("\"addForeignKeyConstraint\"\\s*:\\s*\\{").matcher(own);
                    if (!key.find() || own.contains("\"" + name + "\"")) {
                        return null;
                    }
                    return own.substring(0, key.end()) + "\"" + name + "\": " + value + ", " + own.substring(key.end());
                }
            }
        }

        private static String stripIndent(String text) {
            return text.stripIndent().strip();
        }

        private static String xml(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        private static String json(String s) {
            return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        }
    }
}
