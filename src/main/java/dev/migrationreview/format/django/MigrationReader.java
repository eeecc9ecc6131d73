package dev.migrationreview.format.django;

import dev.migrationreview.format.django.DjangoMigration.Dependency;
import dev.migrationreview.format.django.DjangoMigration.DjangoOperation;
import dev.migrationreview.format.django.DjangoMigration.MigrationKey;
import dev.migrationreview.format.django.PythonValue.Bool;
import dev.migrationreview.format.django.PythonValue.Call;
import dev.migrationreview.format.django.PythonValue.Name;
import dev.migrationreview.format.django.PythonValue.Sequence;
import dev.migrationreview.format.django.PythonValue.Str;
import dev.migrationreview.sql.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/**
 * Reads a Django migration file: the {@code class Migration(migrations.Migration)} body's {@code dependencies},
 * {@code run_before}, {@code replaces}, {@code initial}, {@code atomic} and {@code operations}, each operation at
 * the lines of its call. The file is parsed by tree-sitter, never run and never matched with regular
 * expressions; what cannot be read is said, with its line.
 */
public final class MigrationReader {
    /** Lines of one operation's text kept for the report's {@code operation}. */
    static final int WRITTEN_LIMIT = 240;

    /** Reads {@code content}, the file at {@code path} ({@code <app>/migrations/<name>.py}). */
    public DjangoMigration read(String path, String content) {
        MigrationKey key = keyOf(path);
        PythonSource source;
        try {
            source = PythonSource.parse(content);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return unreadable(path, key, "the Python parser failed on this file: " + e.getMessage());
        }
        source.rememberModuleAssignments();
        TSNode migrationClass = migrationClass(source, source.root());
        if (migrationClass == null) {
            String why = source.hasError()
                    ? "line " + source.firstErrorLine() + " is not valid Python, and no Migration class could be read"
                    : "no `class Migration(migrations.Migration)` in this file";
            return unreadable(path, key, why);
        }
        List<Dependency> dependencies = new ArrayList<>();
        List<MigrationKey> runBefore = new ArrayList<>();
        List<MigrationKey> replaces = new ArrayList<>();
        Boolean initial = null;
        boolean atomic = true;
        List<DjangoOperation> operations = new ArrayList<>();
        TSNode body = migrationClass.getChildByFieldName("body");
        if (!body.isNull()) {
            source.rememberAssignments(body);
        }
        for (int i = 0; !body.isNull() && i < body.getNamedChildCount(); i++) {
            TSNode statement = body.getNamedChild(i);
            if (!"expression_statement".equals(statement.getType()) || statement.getNamedChildCount() != 1) {
                continue;
            }
            TSNode assignment = statement.getNamedChild(0);
            if (!"assignment".equals(assignment.getType())) {
                continue;
            }
            TSNode left = assignment.getChildByFieldName("left");
            TSNode right = assignment.getChildByFieldName("right");
            if (left.isNull() || right.isNull()) {
                continue;
            }
            switch (source.text(left)) {
                case "dependencies" -> dependencies.addAll(dependencies(source, right));
                case "run_before" -> runBefore.addAll(keys(source.value(right)));
                case "replaces" -> replaces.addAll(keys(source.value(right)));
                case "initial" -> initial = source.value(right) instanceof Bool b ? b.value() : null;
                case "atomic" -> atomic = !(source.value(right) instanceof Bool b) || b.value();
                case "operations" -> operations.addAll(operations(source, right));
                default -> { }
            }
        }
        String problem = source.hasError()
                ? "line " + source.firstErrorLine() + " is not valid Python; the operations around it may be incomplete"
                : null;
        return new DjangoMigration(path, key, dependencies, runBefore, replaces, initial, atomic, operations, problem,
                source.startLine(migrationClass));
    }

    /** The app label and name a path gives: {@code shop/orders/migrations/0003_x.py} is {@code orders.0003_x}. */
    public static MigrationKey keyOf(String path) {
        String[] parts = path.split("/");
        String file = parts[parts.length - 1];
        String name = file.endsWith(".py") ? file.substring(0, file.length() - 3) : file;
        String app = parts.length >= 3 ? parts[parts.length - 3] : "";
        return new MigrationKey(app, name);
    }

    private static DjangoMigration unreadable(String path, MigrationKey key, String why) {
        return new DjangoMigration(path, key, List.of(), List.of(), List.of(), null, true, List.of(), why, 1);
    }

    /** The module-level class named {@code Migration} (or deriving from a {@code Migration}). */
    private static TSNode migrationClass(PythonSource source, TSNode root) {
        TSNode fallback = null;
        for (int i = 0; i < root.getNamedChildCount(); i++) {
            TSNode node = root.getNamedChild(i);
            if ("decorated_definition".equals(node.getType())) {
                node = node.getChildByFieldName("definition");
            }
            if (node.isNull() || !"class_definition".equals(node.getType())) {
                continue;
            }
            String name = source.text(node.getChildByFieldName("name"));
            if ("Migration".equals(name)) {
                return node;
            }
            TSNode bases = node.getChildByFieldName("superclasses");
            if (fallback == null && !bases.isNull() && source.text(bases).contains("Migration")) {
                fallback = node;
            }
        }
        return fallback;
    }

    private static List<Dependency> dependencies(PythonSource source, TSNode node) {
        List<Dependency> out = new ArrayList<>();
        if (!(source.value(node) instanceof Sequence seq)) {
            return out;
        }
        // lines come from the nodes, so walk the list node alongside its values
        List<TSNode> items = new ArrayList<>();
        TSNode list = unwrap(node);
        for (int i = 0; i < list.getNamedChildCount(); i++) {
            if (!"comment".equals(list.getNamedChild(i).getType())) {
                items.add(list.getNamedChild(i));
            }
        }
        for (int i = 0; i < seq.items().size(); i++) {
            PythonValue item = seq.items().get(i);
            int line = i < items.size() ? source.startLine(items.get(i)) : source.startLine(node);
            if (item instanceof Sequence pair && pair.items().size() == 2
                    && pair.items().get(0) instanceof Str app && pair.items().get(1) instanceof Str name) {
                out.add(new Dependency(new MigrationKey(app.value(), name.value()), null, line));
            } else if (item instanceof Call call && call.name().equals("swappable_dependency") && !call.args().isEmpty()) {
                PythonValue setting = call.args().get(0);
                String settingName = setting instanceof Name n ? n.last() : PythonValue.string(setting);
                String app = "AUTH_USER_MODEL".equals(settingName) ? "auth" : settingName;
                if (setting instanceof Str s && s.value().contains(".")) {
                    app = s.value().substring(0, s.value().indexOf('.'));
                }
                out.add(new Dependency(new MigrationKey(app, "__first__"), settingName, line));
            }
        }
        return out;
    }

    private static TSNode unwrap(TSNode node) {
        while ("parenthesized_expression".equals(node.getType()) && node.getNamedChildCount() == 1) {
            node = node.getNamedChild(0);
        }
        return node;
    }

    private static List<MigrationKey> keys(PythonValue value) {
        List<MigrationKey> out = new ArrayList<>();
        if (value instanceof Sequence seq) {
            for (PythonValue item : seq.items()) {
                if (item instanceof Sequence pair && pair.items().size() == 2
                        && pair.items().get(0) instanceof Str app && pair.items().get(1) instanceof Str name) {
                    out.add(new MigrationKey(app.value(), name.value()));
                }
            }
        }
        return out;
    }

    /** Each entry of the {@code operations} list, at its own lines (a name bound to a list is followed). */
    private static List<DjangoOperation> operations(PythonSource source, TSNode node) {
        List<DjangoOperation> out = new ArrayList<>();
        PythonValue value = source.value(node);
        if (value instanceof Sequence seq) {
            for (PythonValue item : seq.items()) {
                out.add(operation(item, source.startLine(node), source.endLine(node)));
            }
        } else {
            out.add(operation(value, source.startLine(node), source.endLine(node)));
        }
        return out;
    }

    /** One operation; an entry that is not a call is kept at the lines of the list, to be reported as not read. */
    static DjangoOperation operation(PythonValue item, int listStart, int listEnd) {
        if (item instanceof Call call) {
            return new DjangoOperation(call, new SourceSpan(call.startLine(), 1, call.endLine(), 1), written(call.text()));
        }
        return new DjangoOperation(null, new SourceSpan(listStart, 1, listEnd, 1), written(item.text()));
    }

    static String written(String text) {
        String one = PythonSource.oneLine(text);
        return one.length() <= WRITTEN_LIMIT ? one : one.substring(0, WRITTEN_LIMIT - 1) + "…";
    }
}
