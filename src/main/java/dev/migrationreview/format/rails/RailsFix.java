package dev.migrationreview.format.rails;

import dev.migrationreview.format.MigrationFormat.Fix;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules write their fixes in SQL; a Rails author gets them in Ruby, the way a migration says them:
 * {@code add_index … algorithm: :concurrently} in a migration of its own with {@code disable_ddl_transaction!};
 * {@code add_foreign_key …, validate: false} then {@code validate_foreign_key} in the next migration;
 * {@code self.ignored_columns} in the model before {@code remove_column}; the check-constraint route before
 * {@code change_column_null … false}; backfills with {@code in_batches} outside the schema migration. Where the fix
 * is an edit of the operation's own lines, it also comes as a suggestion for those lines. The SQL parsed here is
 * the translator's own output, never the author's Ruby.
 */
final class RailsFix {
    private static final Pattern SQL_BLOCK = Pattern.compile("\n?```sql\n(.*?)\n```", Pattern.DOTALL);
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "(?is)CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\S+)\\s+ON\\s+(\\S+)"
                    + "(?:\\s+USING\\s+(\\w+))?\\s*\\((.*?)\\)(?:\\s+WHERE\\s+(.*))?");
    private static final Pattern DROP_INDEX = Pattern.compile("(?is)DROP\\s+INDEX\\s+(?:IF\\s+EXISTS\\s+)?(\\S+).*");
    private static final Pattern ADD_FOREIGN_KEY = Pattern.compile(
            "(?is)ALTER\\s+TABLE\\s+(\\S+)\\s+ADD\\s+CONSTRAINT\\s+(\\S+)\\s+FOREIGN\\s+KEY\\s*\\((.*?)\\)\\s*REFERENCES\\s+(\\S+)\\s*\\((.*?)\\).*");
    private static final Pattern ADD_CHECK = Pattern.compile(
            "(?is)ALTER\\s+TABLE\\s+(\\S+)\\s+ADD\\s+CONSTRAINT\\s+(\\S+)\\s+CHECK\\s*\\((.*)\\).*");
    private static final Pattern SET_NOT_NULL = Pattern.compile(
            "(?is)ALTER\\s+TABLE\\s+(\\S+)\\s+ALTER\\s+(?:COLUMN\\s+)?(\\S+)\\s+SET\\s+NOT\\s+NULL.*");
    private static final Pattern DROP_COLUMN = Pattern.compile("(?is)ALTER\\s+TABLE\\s+(\\S+)\\s+DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(\\S+).*");
    private static final Pattern UPDATE = Pattern.compile("(?is)UPDATE\\s+(\\S+)\\s+SET\\s+(.*?)(?:\\s+WHERE\\s+(.*))?");

    private RailsFix() {}

    static Fix of(String rule, String fix, String suggestion, String sql, Operation operation, MigrationScript script) {
        String statement = sql == null ? "" : sql.strip();
        Migration migration = Migration.of(script);
        boolean executed = operation.written().startsWith("execute:");
        switch (rule) {
            case "create-index-non-concurrent" -> {
                Matcher m = CREATE_INDEX.matcher(statement);
                if (m.matches() && !executed) {
                    String call = addIndexCall(operation, m);
                    String text = "Instead: build it with `algorithm: :concurrently` (CREATE INDEX CONCURRENTLY: reads and writes go on"
                            + " while it builds; it scans the table twice, so it takes longer). PostgreSQL cannot build an index"
                            + " concurrently inside a transaction, so "
                            + (operation.transactional() ? "put it in a migration of its own with `disable_ddl_transaction!`:"
                                    + ruby(migrationClass("Add" + camel(unquote(m.group(2))), migration.version(), false, List.of(call)))
                                    : "this migration's `disable_ddl_transaction!` is what it needs:" + ruby(call))
                            + "\nIf the build fails it leaves an INVALID index: remove it with `remove_index … algorithm: :concurrently`"
                            + " and run the migration again.";
                    return new Fix(text, operation.transactional() ? null : withOption(operation, script, "add_index", "algorithm: :concurrently"));
                }
            }
            case "drop-index-non-concurrent" -> {
                Matcher m = DROP_INDEX.matcher(statement);
                if (m.matches() && !executed && operation.written().startsWith("remove_index")) {
                    String call = operation.written().contains("algorithm:") ? operation.written()
                            : operation.written() + ", algorithm: :concurrently";
                    String text = "Instead: remove it with `algorithm: :concurrently` (DROP INDEX CONCURRENTLY waits for running queries"
                            + " instead of blocking new ones), which cannot run in a transaction: "
                            + (operation.transactional() ? "put it in a migration of its own with `disable_ddl_transaction!`:"
                                    + ruby(migrationClass("Remove" + camel(unquote(m.group(1))), migration.version(), false, List.of(call)))
                                    : "this migration's `disable_ddl_transaction!` is what it needs:" + ruby(call));
                    return new Fix(text, operation.transactional() ? null : withOption(operation, script, "remove_index", "algorithm: :concurrently"));
                }
            }
            case "concurrently-in-transaction" -> {
                if (!executed) {
                    return new Fix("Instead: add `disable_ddl_transaction!` to the migration class, and keep the concurrent build in a"
                            + " migration of its own (Rails then runs it without a transaction, so nothing else in it is rolled back"
                            + " if it fails):" + ruby(migrationClass(migration.className(), migration.version(), false,
                                    List.of(operation.written()))), null);
                }
            }
            case "add-foreign-key-validating" -> {
                Matcher m = ADD_FOREIGN_KEY.matcher(statement);
                if (m.matches() && !executed) {
                    String from = unquote(m.group(1));
                    String to = unquote(m.group(4));
                    String column = unquote(m.group(3));
                    boolean defaultColumn = column.equals(Inflections.singularize(to) + "_id");
                    String add = "add_foreign_key :" + from + ", :" + to + (defaultColumn ? "" : ", column: :" + column) + ", validate: false";
                    String validate = "validate_foreign_key :" + from + ", :" + to + (defaultColumn ? "" : ", column: :" + column);
                    String text = "Instead: add the foreign key with `validate: false` (NOT VALID: new and updated rows are checked from"
                            + " then on; a brief lock, no scan), then validate the existing rows in the next migration, which scans"
                            + " under a lock that lets reads and writes go on:" + ruby(add) + ruby(migrationClass("Validate" + camel(from + "_" + to)
                                    + "ForeignKey", migration.version(), true, List.of(validate)));
                    String edit = operation.written().startsWith("add_foreign_key") ? withOption(operation, script, "add_foreign_key", "validate: false") : null;
                    return new Fix(text, edit);
                }
            }
            case "add-check-constraint-validating" -> {
                Matcher m = ADD_CHECK.matcher(statement);
                if (m.matches() && !executed) {
                    String table = unquote(m.group(1));
                    String name = unquote(m.group(2));
                    String text = "Instead: add it with `validate: false` (NOT VALID: checked for new writes from then on, no scan), then"
                            + " validate the existing rows in the next migration, under a lock that lets reads and writes go on:"
                            + ruby("add_check_constraint :" + table + ", " + rubyString(m.group(3)) + ", name: " + rubyString(name)
                                    + ", validate: false")
                            + ruby(migrationClass("Validate" + camel(name), migration.version(), true,
                                    List.of("validate_check_constraint :" + table + ", name: " + rubyString(name))));
                    String edit = operation.written().startsWith("add_check_constraint")
                            ? withOption(operation, script, "add_check_constraint", "validate: false") : null;
                    return new Fix(text, edit);
                }
            }
            case "set-not-null-scan" -> {
                Matcher m = SET_NOT_NULL.matcher(statement);
                if (m.matches() && !executed) {
                    String table = unquote(m.group(1));
                    String column = unquote(m.group(2));
                    String check = table + "_" + column + "_null";
                    String text = "Instead: prove the column has no NULLs with a check constraint first, without a long lock; PostgreSQL"
                            + " 12+ then sets NOT NULL without scanning the table. Three migrations:"
                            + ruby(migrationClass("Add" + camel(check) + "Check", migration.version(), true, List.of(
                                    "add_check_constraint :" + table + ", " + rubyString(column + " IS NOT NULL") + ", name: "
                                            + rubyString(check) + ", validate: false")))
                            + ruby(migrationClass("Validate" + camel(check) + "Check", migration.version(), true, List.of(
                                    "validate_check_constraint :" + table + ", name: " + rubyString(check))))
                            + ruby(migrationClass("Change" + camel(table + "_" + column) + "Null", migration.version(), true, List.of(
                                    "change_column_null :" + table + ", :" + column + ", false",
                                    "remove_check_constraint :" + table + ", name: " + rubyString(check))));
                    return new Fix(text, null);
                }
            }
            case "drop-column" -> {
                Matcher m = DROP_COLUMN.matcher(statement);
                if (m.matches() && !executed) {
                    String table = unquote(m.group(1));
                    List<String> columns = new ArrayList<>();
                    Matcher each = Pattern.compile("(?i)DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(\"[^\"]+\"|`[^`]+`|\\w+)").matcher(statement);
                    while (each.find()) {
                        columns.add(unquote(each.group(1)));
                    }
                    String list = String.join(", ", columns.stream().map(RailsFix::rubyString).toList());
                    String text = "Instead: contract in two deploys. First deploy the model without the column, so ActiveRecord stops"
                            + " selecting and writing it (it caches a table's columns at boot, and running processes would fail on"
                            + " INSERT and SELECT once it is gone):" + ruby("class " + camel(Inflections.singularize(table)) + " < ApplicationRecord\n"
                            + "  self.ignored_columns += [" + list + "]\nend")
                            + "\nThen, in a later deploy, remove it with this migration (keep a copy of the data if it may be needed).";
                    return new Fix(text, null);
                }
            }
            case "update-without-where", "delete-without-where" -> {
                Matcher m = UPDATE.matcher(statement);
                String table = m.matches() ? unquote(m.group(1)) : null;
                if (table != null) {
                    return new Fix(backfill(table, "batch.update_all(" + rubyString(m.group(2).strip()) + ")", migration), null);
                }
            }
            case "statement-not-understood" -> {
                if (operation.untranslated() != null && operation.untranslated().contains("model code that changes data")) {
                    return new Fix("Check by hand what it does to the database. " + backfill(null, operation.written(), migration), null);
                }
            }
            default -> { }
        }
        return new Fix(inRuby(fix, executed), suggestion == null ? null : suggestion(suggestion, operation, script, executed));
    }

    /** A backfill the Rails way: in batches, each its own short transaction, outside the schema migration. */
    private static String backfill(String table, String change, Migration migration) {
        String model = table == null ? "Model" : camel(Inflections.singularize(table));
        List<String> body = new ArrayList<>();
        body.add(model + ".unscoped.in_batches(of: 10_000) do |batch|");
        body.add("  " + (table == null ? "# " + change : change));
        body.add("  sleep(0.1) # let replicas catch up");
        body.add("end");
        return "Instead: backfill in batches, each in its own short transaction, outside the schema migration (a data migration"
                + " with `disable_ddl_transaction!`, or a job), so no row stays locked for the whole run:"
                + ruby(migrationClass("Backfill" + (table == null ? "Data" : camel(table)), migration.version(), false, body, "up"));
    }

    /** The rule's own fix with each SQL block written as Ruby a migration runs ({@code execute <<~SQL}). */
    private static String inRuby(String fix, boolean executed) {
        if (fix == null || executed) {
            return fix;
        }
        Matcher m = SQL_BLOCK.matcher(fix);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(ruby(new RailsFormat().writeSql(m.group(1).strip()))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A rule's SQL suggestion for the operation's lines: SQL itself inside a heredoc, else an {@code execute}. */
    private static String suggestion(String sql, Operation operation, MigrationScript script, boolean executed) {
        List<String> lines = lines(operation, script);
        if (lines == null) {
            return null;
        }
        if (executed) {
            // SQL in a heredoc: the rule made the suggestion from the statement's own lines, which hold nothing of the Ruby
            for (String line : lines) {
                if (line.contains("execute") || line.contains("<<")) {
                    return null;
                }
            }
            return sql;
        }
        // replacing a Ruby call with raw SQL would lose its other statements and its reversibility: the fix text says it
        return null;
    }

    /** The operation's own lines with an option added to its call, or null when they are not one plain call. */
    static String withOption(Operation operation, MigrationScript script, String method, String option) {
        List<String> lines = lines(operation, script);
        if (lines == null || !lines.get(0).strip().startsWith(method + " ") || lines.size() > 1) {
            return null;
        }
        String line = lines.get(0);
        String key = option.substring(0, option.indexOf(':'));
        if (line.contains(key + ":") || line.contains(":" + key + " =>")) {
            return null;
        }
        String code = line.stripTrailing();
        String comment = "";
        RubySource source = new RubySource(code.strip());
        // a trailing comment stays after the option: only tree-sitter knows where the call ends
        org.treesitter.TSNode first = RubySource.namedChildren(source.root()).isEmpty() ? null : RubySource.namedChildren(source.root()).get(0);
        if (first == null || !first.getType().equals("call") || RubySource.field(first, "block") != null) {
            return null;
        }
        String callText = source.text(first);
        String rest = code.strip().substring(callText.length());
        if (!rest.isBlank()) {
            if (!rest.strip().startsWith("#")) {
                return null;
            }
            comment = rest;
        }
        String indent = indentation(line);
        if (callText.endsWith(")") && callText.contains(method + "(")) {
            return indent + callText.substring(0, callText.length() - 1) + ", " + option + ")" + comment;
        }
        return indent + callText + ", " + option + comment;
    }

    private static List<String> lines(Operation operation, MigrationScript script) {
        String[] all = script.content().split("\n", -1);
        int first = operation.span().startLine();
        int last = operation.span().endLine();
        if (first < 1 || last > all.length) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = first - 1; i < last; i++) {
            out.add(all[i].replace("\r", ""));
        }
        return out;
    }

    private static String indentation(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(0, i);
    }

    /** {@code add_index :orders, :customer_id, algorithm: :concurrently}, from the call as written or from its SQL. */
    private static String addIndexCall(Operation operation, Matcher index) {
        String written = operation.written();
        if (written.startsWith("add_index ") && !written.endsWith("…")) {
            return written.contains("algorithm:") ? written : written + ", algorithm: :concurrently";
        }
        String table = unquote(index.group(3));
        List<String> columns = new ArrayList<>();
        for (String c : index.group(5).split(",")) {
            columns.add(unquote(c.strip()));
        }
        boolean plain = columns.stream().allMatch(c -> c.matches("\\w+"));
        String cols = !plain ? rubyString(index.group(5).strip())
                : columns.size() == 1 ? ":" + columns.get(0) : "[" + String.join(", ", columns.stream().map(c -> ":" + c).toList()) + "]";
        StringBuilder call = new StringBuilder("add_index :").append(table).append(", ").append(cols);
        String name = unquote(index.group(2));
        if (!plain || !name.equals(RailsTranslator.indexName(table, columns))) {
            call.append(", name: ").append(rubyString(name));
        }
        if (index.group(1) != null) {
            call.append(", unique: true");
        }
        if (index.group(4) != null) {
            call.append(", using: :").append(index.group(4).toLowerCase(Locale.ROOT));
        }
        if (index.group(6) != null) {
            call.append(", where: ").append(rubyString(index.group(6).strip()));
        }
        return call.append(", algorithm: :concurrently").toString();
    }

    private static String migrationClass(String name, String version, boolean transactional, List<String> body) {
        return migrationClass(name, version, transactional, body, "change");
    }

    private static String migrationClass(String name, String version, boolean transactional, List<String> body, String method) {
        StringBuilder out = new StringBuilder("class ").append(name).append(" < ActiveRecord::Migration")
                .append(version == null ? "[" + RailsProject.NEWEST + "]" : "[" + version + "]").append('\n');
        if (!transactional) {
            out.append("  disable_ddl_transaction!\n\n");
        }
        out.append("  def ").append(method).append('\n');
        for (String line : body) {
            out.append("    ").append(line).append('\n');
        }
        return out.append("  end\nend").toString();
    }

    private static String ruby(String code) {
        return "\n```ruby\n" + code + "\n```";
    }

    static String rubyString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("#{", "\\#{") + "\"";
    }

    private static String unquote(String name) {
        String n = name.strip();
        if (n.contains(".") && n.startsWith("\"")) {
            n = n.substring(n.lastIndexOf('.') + 1);
        }
        return n.replace("\"", "").replace("`", "");
    }

    /** {@code orders_customer_id} as {@code OrdersCustomerId}, a Ruby class name. */
    static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        for (String part : snake.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.length() == 0 || !Character.isLetter(out.charAt(0)) ? "Migration" + out : out.toString();
    }

    /** The class name and {@code [x.y]} of the migration a finding is in. */
    private record Migration(String className, String version) {
        static Migration of(MigrationScript script) {
            try {
                RailsMigrationReader.RailsMigration m = new RailsMigrationReader(new RailsProject(null, null), sql -> List.of(), new TranslatedSchema())
                        .read(script.content());
                return new Migration(m.className() == null ? "ChangeSchema" : m.className(), m.version());
            } catch (RuntimeException e) {
                return new Migration("ChangeSchema", null);
            }
        }
    }
}
