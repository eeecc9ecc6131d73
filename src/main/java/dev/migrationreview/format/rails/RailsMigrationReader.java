package dev.migrationreview.format.rails;

import dev.migrationreview.format.Operation;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.treesitter.TSNode;

/**
 * Reads one Rails migration (or a {@code db/schema.rb}) into operations: the class
 * {@code < ActiveRecord::Migration[x.y]}, whether it says {@code disable_ddl_transaction!}, and the forward
 * direction ({@code def change}, else {@code def up}; {@code reversible}'s {@code dir.up}, {@code up_only}), each
 * call at its own lines, translated by {@link RailsTranslator}. {@code execute} SQL is cut by the dialect's
 * splitter, each statement at its own line inside the string or heredoc. Whatever is not a schema statement
 * (model code, gem helpers, Ruby control flow) is an operation of its own with the reason it is not translated:
 * nothing is dropped.
 */
final class RailsMigrationReader {
    /** Model methods that change rows: run inside the migration's transaction, they hold their row locks to the end. */
    private static final Set<String> DATA_CHANGES = Set.of("update_all", "delete_all", "destroy_all", "update", "update!",
            "update_column", "update_columns", "update_attribute", "save", "save!", "create", "create!", "insert_all",
            "insert_all!", "upsert_all", "destroy", "delete", "find_each", "find_in_batches", "in_batches", "each",
            "insert", "upsert", "touch_all", "increment!", "decrement!");
    /** Calls that only talk to the console or the model cache, never to the database. */
    private static final Set<String> NO_DATABASE = Set.of("puts", "print", "p", "pp", "say", "sleep", "reset_column_information",
            "require", "require_relative", "include", "extend");
    private static final Set<String> BATCHES = Set.of("find_each", "find_in_batches", "in_batches");

    /**
     * A migration read: its class and {@code [x.y]}, whether Rails wraps it in a transaction, and its operations.
     *
     * @param version the {@code ActiveRecord::Migration[x.y]} as written ({@code 7.1}), or null for the pre-5.0 form
     */
    record RailsMigration(String className, String version, boolean transactional, List<Operation> operations) {}

    private final RailsProject project;
    private final Function<String, List<RawStatement>> splitter;
    private final TranslatedSchema schema;

    /**
     * @param splitter the dialect's splitter ({@code FormatContext.statements}) for {@code execute} SQL
     * @param schema   what the location's earlier migrations created (read in version order), updated by this read
     */
    RailsMigrationReader(RailsProject project, Function<String, List<RawStatement>> splitter, TranslatedSchema schema) {
        this.project = project;
        this.splitter = splitter;
        this.schema = schema;
    }

    RailsMigration read(String content) {
        RubySource source = new RubySource(content);
        TSNode migrationClass = find(source.root(), source, 0);
        if (migrationClass == null) {
            TSNode define = findSchemaDefine(source.root(), source, 0);
            if (define != null) {
                return readSchema(source, define);
            }
            return new RailsMigration(null, null, true, List.of(new Operation(new SourceSpan(1, 1, 1, 1), "Rails migration",
                    List.of(), true, "the file defines no class inheriting from ActiveRecord::Migration, so Rails would not"
                            + " run it as a migration")));
        }
        String className = source.text(RubySource.field(migrationClass, "name"));
        String version = migrationVersion(RubySource.field(migrationClass, "superclass"), source);
        boolean transactional = true;
        TSNode forward = null;
        TSNode up = null;
        List<String> helpers = new ArrayList<>();
        for (TSNode statement : RubySource.namedChildren(RubySource.field(migrationClass, "body"))) {
            RubyCall call = RubyCall.of(statement, source);
            if (call != null && call.method().equals("disable_ddl_transaction!")) {
                transactional = false;
            } else if (statement.getType().equals("method") || statement.getType().equals("singleton_method")) {
                String name = source.text(RubySource.field(statement, "name"));
                if (name.equals("change")) {
                    forward = statement;
                } else if (name.equals("up")) {
                    up = statement;
                } else if (!name.equals("down")) {
                    helpers.add(name);
                }
            }
        }
        if (forward == null) {
            forward = up;
        }
        Walk walk = new Walk(source, new RailsTranslator(project, versionNumber(version), source, schema), transactional, Set.copyOf(helpers));
        if (forward != null) {
            walk.statements(RubySource.namedChildren(RubySource.field(forward, "body")), null, List.of());
        }
        return new RailsMigration(className, version, transactional, walk.operations);
    }

    /** {@code ActiveRecord::Schema[7.1].define(version: …) do … end}: the same calls, never in a transaction of their own. */
    private RailsMigration readSchema(RubySource source, TSNode define) {
        RubyCall call = RubyCall.of(define, source);
        TSNode receiver = RubySource.field(define, "receiver");
        // ActiveRecord::Schema[7.1]: that version's defaults; the unversioned form before 7.0: the locked Rails'
        String version = receiver != null && receiver.getType().equals("element_reference") ? migrationVersion(receiver, source)
                : project.railsVersion() != null ? project.railsVersion() : RailsProject.NEWEST;
        Walk walk = new Walk(source, new RailsTranslator(project, versionNumber(version), source, schema), true, Set.of());
        walk.statements(call.blockStatements(), null, List.of());
        return new RailsMigration("ActiveRecord::Schema", version, true, walk.operations);
    }

    /** The walk of one method body, in order. */
    private final class Walk {
        final RubySource source;
        final RailsTranslator translator;
        final boolean transactional;
        final Set<String> helpers;
        final List<Operation> operations = new ArrayList<>();
        /** Local variables holding a literal, and the node that wrote it. */
        final java.util.Map<String, Local> locals = new java.util.HashMap<>();

        Walk(RubySource source, RailsTranslator translator, boolean transactional, Set<String> helpers) {
            this.source = source;
            this.translator = translator;
            this.transactional = transactional;
            this.helpers = helpers;
        }

        /**
         * @param acknowledged the {@code safety_assured} these statements are inside, as written, or null
         * @param comments     Ruby comments directly above the statement (ignore directives)
         */
        void statements(List<TSNode> statements, String acknowledged, List<String> comments) {
            for (TSNode statement : statements) {
                String type = statement.getType();
                if (type.equals("comment") || type.equals("heredoc_body")) {
                    continue;
                }
                List<String> above = new ArrayList<>(comments);
                above.addAll(source.commentsAbove(RubySource.startLine(statement)));
                statement(statement, acknowledged, List.copyOf(above));
                comments = List.of();
            }
        }

        private void statement(TSNode node, String acknowledged, List<String> comments) {
            switch (node.getType()) {
                case "if_modifier", "unless_modifier" -> {
                    // `add_index … unless index_exists?(…)`: the migration means to run it
                    statement(RubySource.field(node, "body"), acknowledged, comments);
                    return;
                }
                case "if", "unless" -> {
                    TSNode consequence = RubySource.field(node, "consequence");
                    if (consequence != null) {
                        statements(RubySource.namedChildren(consequence), acknowledged, comments);
                    }
                    TSNode alternative = RubySource.field(node, "alternative");
                    if (alternative != null) {
                        untranslated(alternative, acknowledged, "the `else` branch of a condition only known when the migration runs"
                                + " (`" + RailsTranslator.oneLine(source.text(RubySource.field(node, "condition"))) + "`): the branch above it"
                                + " was reviewed as the one that runs");
                    }
                    return;
                }
                case "begin", "parenthesized_statements" -> {
                    statements(RubySource.namedChildren(node).stream().filter(n -> !n.getType().equals("rescue")
                            && !n.getType().equals("ensure")).toList(), acknowledged, comments);
                    return;
                }
                default -> { }
            }
            if (node.getType().equals("assignment")) {
                TSNode left = RubySource.field(node, "left");
                TSNode right = RubySource.field(node, "right");
                if (left != null && right != null && left.getType().equals("identifier")) {
                    RubyValue v = source.value(right);
                    if (v instanceof RubyValue.Str || v instanceof RubyValue.Sym || v instanceof RubyValue.Arr) {
                        // `sql = <<~SQL …` for an `execute sql` below: a value, not an action
                        locals.put(source.text(left), new Local(v, right));
                        return;
                    }
                    locals.remove(source.text(left));
                }
            }
            RubyCall call = RubyCall.of(node, source);
            if (call == null) {
                untranslated(node, acknowledged, "is Ruby code, not a schema statement: what it does to the database is only known"
                        + " when it runs");
                return;
            }
            String m = call.method();
            boolean plain = call.receiver() == null;
            if (NO_DATABASE.contains(m) && (plain || m.equals("reset_column_information"))) {
                return;
            }
            if (!plain && (m.equals("execute") || m.equals("exec_query") || m.equals("exec_update") || m.equals("exec_delete"))
                    && (call.receiver().equals("connection") || call.receiver().endsWith(".connection"))) {
                // Model.connection.execute: the same SQL in the same transaction as the migration's own execute
                execute(node, call, acknowledged, comments);
                return;
            }
            if (plain && (m.equals("reversible"))) {
                for (TSNode inner : call.blockStatements()) {
                    RubyCall dir = RubyCall.of(inner, source);
                    if (dir != null && call.blockParam() != null && call.blockParam().equals(dir.receiver())) {
                        if (dir.method().equals("up")) {
                            statements(dir.blockStatements(), acknowledged, List.of());
                        }
                    } else if (!inner.getType().equals("comment")) {
                        statement(inner, acknowledged, List.of());
                    }
                }
                return;
            }
            if (plain && (m.equals("up_only") || m.equals("say_with_time") || m.equals("transaction") && call.block() != null)) {
                statements(call.blockStatements(), acknowledged, comments);
                return;
            }
            if (plain && m.equals("safety_assured") && call.block() != null) {
                String written = "safety_assured";
                statements(call.blockStatements(), written, comments);
                return;
            }
            if (plain && (m.equals("execute") || m.equals("exec_query") || m.equals("exec_update") || m.equals("exec_delete"))) {
                execute(node, call, acknowledged, comments);
                return;
            }
            if (plain && m.equals("change_table") && call.block() != null) {
                changeTable(node, call, acknowledged, comments);
                return;
            }
            if (plain && RailsTranslator.schemaStatement(m)) {
                RailsTranslator.Translation t = translator.translate(call);
                add(node, t.sql(), t.untranslated(), acknowledged, comments);
                return;
            }
            untranslated(node, acknowledged, reason(call));
        }

        private void changeTable(TSNode node, RubyCall call, String acknowledged, List<String> comments) {
            String table = call.name(0);
            if (call.blockParam() == null) {
                // a block without |t| holds ordinary migration calls
                statements(call.blockStatements(), acknowledged, comments);
                return;
            }
            if (table == null) {
                untranslated(node, acknowledged, "`change_table` names its table with Ruby code");
                return;
            }
            for (TSNode inner : call.blockStatements()) {
                if (inner.getType().equals("comment") || inner.getType().equals("heredoc_body")) {
                    continue;
                }
                List<String> above = new ArrayList<>(comments);
                above.addAll(source.commentsAbove(RubySource.startLine(inner)));
                comments = List.of();
                RubyCall t = RubyCall.of(inner, source);
                if (t == null || !call.blockParam().equals(t.receiver())) {
                    statement(inner, acknowledged, List.copyOf(above));
                } else {
                    RailsTranslator.Translation tr = translator.changeTable(table, t);
                    add(inner, tr.sql(), tr.untranslated(), acknowledged, List.copyOf(above));
                }
            }
        }

        /** {@code execute "…"} or a heredoc: each statement the dialect's splitter finds, at its own line. */
        private void execute(TSNode node, RubyCall call, String acknowledged, List<String> comments) {
            TSNode list = RubySource.field(node, "arguments");
            List<TSNode> args = RubySource.namedChildren(list);
            if (args.isEmpty()) {
                untranslated(node, acknowledged, "`execute` without SQL");
                return;
            }
            TSNode arg = args.get(0);
            if (arg.getType().equals("identifier") && locals.containsKey(source.text(arg))) {
                arg = locals.get(source.text(arg)).node();
            }
            RubyValue value = source.value(arg);
            if (!(value instanceof RubyValue.Str sql)) {
                untranslated(node, acknowledged, "`execute` runs SQL that Ruby builds when the migration runs (`"
                        + RailsTranslator.oneLine(source.text(arg)) + "`), so it cannot be read before then");
                return;
            }
            // where line 1 of the string's text is in the file
            TSNode textNode = arg;
            while (textNode.getType().equals("call") && RubySource.field(textNode, "receiver") != null) {
                textNode = RubySource.field(textNode, "receiver");
            }
            int baseLine;
            if (textNode.getType().equals("heredoc_beginning") && source.heredocBody(textNode) != null) {
                baseLine = RubySource.startLine(source.heredocBody(textNode)) - 1;
            } else {
                baseLine = RubySource.startLine(textNode) - 1;
            }
            boolean squished = arg != textNode;
            boolean heredoc = textNode.getType().equals("heredoc_beginning") && !squished;
            String[] textLines = sql.text().split("\n", -1);
            List<RawStatement> statements = splitter.apply(sql.text());
            if (statements.isEmpty()) {
                return;
            }
            for (RawStatement raw : statements) {
                int start = squished ? RubySource.startLine(node) : baseLine + raw.span().startLine();
                int end = squished ? source.endLineWithHeredocs(node) : baseLine + raw.span().endLine();
                List<String> leading = new ArrayList<>(comments);
                leading.addAll(raw.leadingComments());
                SourceSpan span = new SourceSpan(start, 1, Math.max(start, end), 1);
                if (heredoc && aloneOnItsLines(raw, textLines)) {
                    // the statement has its heredoc lines to itself: its span covers them, so a rule can suggest an edit
                    span = new SourceSpan(start, source.firstColumn(start), Math.max(start, end), source.lineLength(Math.max(start, end)));
                }
                operations.add(new Operation(span, "execute: " + RailsTranslator.oneLine(raw.sql()),
                        List.of(withComments(leading, raw.sql())), transactional, null, acknowledged));
                comments = List.of();
            }
        }

        /** Whether nothing but blanks and its semicolon share the statement's first and last lines of the string. */
        private static boolean aloneOnItsLines(RawStatement raw, String[] textLines) {
            int first = raw.span().startLine() - 1;
            int last = raw.span().endLine() - 1;
            if (first < 0 || last >= textLines.length) {
                return false;
            }
            String before = textLines[first].substring(0, Math.min(textLines[first].length(), Math.max(0, raw.span().startColumn() - 1)));
            String after = textLines[last].substring(Math.min(textLines[last].length(), Math.max(0, raw.span().endColumn())));
            return before.isBlank() && after.replace(";", "").isBlank();
        }

        private void untranslated(TSNode node, String acknowledged, String reason) {
            add(node, List.of(), reason, acknowledged, List.of());
        }

        private void add(TSNode node, List<String> sql, String untranslated, String acknowledged, List<String> comments) {
            int start = RubySource.startLine(node);
            int end = source.endLineWithHeredocs(node);
            SourceSpan span = new SourceSpan(start, source.column(node.getStartByte()), end, 1);
            List<String> withComments = sql.stream().map(s -> withComments(comments, s)).toList();
            String reason = untranslated == null ? null : untranslated.replaceAll("\\s*\n\\s*", " ");
            if (reason != null && reason.length() > 400) {
                reason = reason.substring(0, 397) + "…";
            }
            operations.add(new Operation(span, written(node), withComments, transactional, sql.isEmpty() ? reason : null,
                    acknowledged));
        }

        /** Why a call is not translated, in the terms of what it does. */
        private String reason(RubyCall call) {
            String receiver = call.receiver();
            String m = call.method();
            if (receiver != null && BATCHES.contains(m) || receiver != null && DATA_CHANGES.contains(m)
                    && Character.isUpperCase(receiver.charAt(0))) {
                return "it is model code that changes data inside the migration's "
                        + (transactional ? "transaction: every row it writes stays locked until the whole migration commits, so"
                                + " a backfill of a large table blocks the application's writes to those rows for its whole run"
                                : "run: it holds locks on the rows it writes while it runs")
                        + ". Run backfills outside the schema migration (a separate job or data migration, in batches with"
                        + " `in_batches`, with `disable_ddl_transaction!`)";
            }
            if (receiver != null && Character.isUpperCase(receiver.charAt(0))) {
                return "it is model or application code (`" + receiver.split("[.(]")[0] + "`): what it sends to the database is only known when"
                        + " it runs, inside the migration's " + (transactional ? "transaction" : "run");
            }
            if (receiver == null && helpers.contains(m)) {
                return "it calls `" + m + "`, a method of this migration class; its calls are not followed";
            }
            return "`" + m + "` is not a schema statement Rails translates (a helper from a gem or Ruby code); its SQL is only known when it runs";
        }

        private String written(TSNode node) {
            String text = source.text(node).strip();
            int newline = text.indexOf('\n');
            if (newline < 0) {
                return RailsTranslator.oneLine(text);
            }
            String first = text.substring(0, newline).strip();
            String close = first.endsWith("{") || first.matches(".*\\{\\s*\\|[^|]*\\|$") ? " … }"
                    : first.endsWith("|") || first.endsWith("do") ? " … end" : " …";
            return RailsTranslator.oneLine(first + close);
        }
    }

    private record Local(RubyValue value, TSNode node) {}

    /** Ruby comments above a call carry its ignore directives into the SQL it translates to. */
    private static String withComments(List<String> comments, String sql) {
        if (comments.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder();
        for (String c : comments) {
            if (c.contains("migration-review:")) {
                out.append("-- ").append(c.replace("\n", " ")).append('\n');
            }
        }
        return out.append(sql).toString();
    }

    private static TSNode find(TSNode node, RubySource source, int depth) {
        if (depth > 6) {
            return null;
        }
        for (TSNode child : RubySource.namedChildren(node)) {
            if (child.getType().equals("class")) {
                TSNode superclass = RubySource.field(child, "superclass");
                if (superclass != null && source.text(superclass).contains("Migration")) {
                    return child;
                }
            }
            if (child.getType().equals("module") || child.getType().equals("class") || child.getType().equals("body_statement")) {
                TSNode inner = find(child.getType().equals("body_statement") ? child : RubySource.field(child, "body") == null ? child
                        : RubySource.field(child, "body"), source, depth + 1);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static TSNode findSchemaDefine(TSNode node, RubySource source, int depth) {
        for (TSNode child : RubySource.namedChildren(node)) {
            if (child.getType().equals("call")) {
                TSNode method = RubySource.field(child, "method");
                TSNode receiver = RubySource.field(child, "receiver");
                if (method != null && source.text(method).equals("define") && receiver != null
                        && source.text(receiver).contains("Schema")) {
                    return child;
                }
            }
        }
        return null;
    }

    /** {@code < ActiveRecord::Migration[7.1]}: {@code 7.1}; the bare pre-5.0 form: null. */
    private static String migrationVersion(TSNode superclass, RubySource source) {
        if (superclass == null) {
            return null;
        }
        TSNode ref = superclass.getType().equals("element_reference") ? superclass : null;
        for (TSNode c : RubySource.namedChildren(superclass)) {
            if (c.getType().equals("element_reference")) {
                ref = c;
            }
        }
        if (ref == null) {
            return null;
        }
        for (TSNode c : RubySource.namedChildren(ref)) {
            if (c.getType().equals("float") || c.getType().equals("integer")) {
                return source.text(c);
            }
        }
        return null;
    }

    /** {@code 7.1} as 71; none (Rails 4.2 and before) as 42. */
    static int versionNumber(String version) {
        if (version == null) {
            return 42;
        }
        String[] parts = version.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1].substring(0, 1)) : 0;
            return major * 10 + minor;
        } catch (NumberFormatException e) {
            return versionNumber(RailsProject.NEWEST);
        }
    }
}
