package dev.migrationreview.format.django;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.Operation;
import dev.migrationreview.format.django.DjangoMigration.DjangoOperation;
import dev.migrationreview.format.django.PythonValue.Call;
import dev.migrationreview.format.django.PythonValue.Mapping;
import dev.migrationreview.format.django.PythonValue.Name;
import dev.migrationreview.format.django.PythonValue.Sequence;
import dev.migrationreview.format.django.PythonValue.Str;
import dev.migrationreview.format.django.SchemaEditor.Untranslatable;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.SourceSpan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates Django migrations the way Django's schema editor runs them, for the configured backend and the
 * repository's Django version, and replays them onto the {@link ProjectState}. Call {@link #apply} for each
 * migration in graph order; each call returns that migration's {@link Operation}s (at their Python lines, each with
 * the SQL Django sends) and leaves the state as the next migration meets it.
 *
 * <p>What Django hides is made visible: an {@code AddField} of a NOT NULL field with a default adds the column with
 * the default and then drops it; a foreign key brings its constraint and its index; statements Django defers to the
 * end of the migration (foreign keys and indexes of a new model) come last, at the span of the operation that made
 * them. {@code RunPython} and operations that cannot be translated are operations without SQL, with the reason.
 */
public final class DjangoTranslator {
    private static final Map<String, String> EXTENSIONS = Map.of("BloomExtension", "bloom", "BtreeGinExtension", "btree_gin",
            "BtreeGistExtension", "btree_gist", "CITextExtension", "citext", "CryptoExtension", "pgcrypto", "HStoreExtension", "hstore",
            "TrigramExtension", "pg_trgm", "UnaccentExtension", "unaccent");
    /** {@code AlterModelOptions.ALTER_OPTION_KEYS}: the options the operation sets in full. */
    private static final List<String> ALTER_OPTION_KEYS = List.of("base_manager_name", "default_manager_name",
            "default_related_name", "get_latest_by", "managed", "ordering", "permissions", "default_permissions", "select_on_save",
            "verbose_name", "verbose_name_plural");
    /** Operations that change only Django's state: nothing reaches the database. */
    private static final Set<String> STATE_ONLY = Set.of("AlterModelOptions", "AlterModelManagers", "AlterConstraint");

    private final FormatContext context;
    private final SchemaEditor editor;

    /** For the context's dialect (its backend's column types and SQL) and the repository's Django version. */
    public DjangoTranslator(FormatContext context, DjangoVersion version) {
        this.context = context;
        this.editor = new SchemaEditor(DjangoBackend.of(context.dialect()), version);
    }

    /**
     * One migration translated and applied.
     *
     * @param operations what the migration sends to the database, in order, at the operations' spans; an operation
     *                   without SQL says why in {@link Operation#untranslated()}
     * @param stateOnly  the operations (as written) that change only Django's state and send nothing
     *                   ({@code AlterModelOptions}, {@code state_operations}, a change of {@code verbose_name})
     */
    public record TranslatedMigration(DjangoMigration migration, List<Operation> operations, List<String> stateOnly) {
        public TranslatedMigration {
            operations = List.copyOf(operations);
            stateOnly = List.copyOf(stateOnly);
        }
    }

    /** Translates {@code migration} against {@code state} and applies it to {@code state}. */
    public TranslatedMigration apply(ProjectState state, DjangoMigration migration) {
        boolean transactional = migration.atomic() && editor.backend.canRollbackDdl();
        Run run = new Run(migration.key().app(), transactional);
        if (migration.problem() != null && migration.operations().isEmpty()) {
            run.out.add(new Operation(new SourceSpan(1, 1, 1, 1), "Django migration " + migration.path(), List.of(), transactional,
                    migration.path() + ": " + migration.problem()));
        }
        for (DjangoOperation op : migration.operations()) {
            run.operation(state, op, true);
        }
        // Django runs what it deferred when the migration's schema editor closes
        for (Deferred d : run.deferred) {
            run.out.add(new Operation(d.op().span(), d.op().written(), List.of(d.sql()), transactional));
        }
        return new TranslatedMigration(migration, run.out, run.stateOnly);
    }

    private record Deferred(DjangoOperation op, String sql) {}

    /** One migration's schema editor: the statements so far and those deferred to its end. */
    private final class Run {
        final String app;
        final boolean transactional;
        final List<Operation> out = new ArrayList<>();
        final List<Deferred> deferred = new ArrayList<>();
        final List<String> stateOnly = new ArrayList<>();

        Run(String app, boolean transactional) {
            this.app = app;
            this.transactional = transactional;
        }

        /** Translates one operation ({@code database} false: state only) and applies it to the state. */
        void operation(ProjectState state, DjangoOperation op, boolean database) {
            if (op.call() == null) {
                out.add(untranslated(op, "`" + op.written() + "` is not an operation call this review can read"));
                return;
            }
            List<String> now = new ArrayList<>();
            List<String> later = new ArrayList<>();
            String guessed;
            try {
                guessed = translate(state, op, op.call(), now, later, database);
            } catch (Untranslatable e) {
                if (database) {
                    out.add(untranslated(op, e.getMessage()));
                }
                return;
            } catch (RuntimeException e) {
                // nothing may crash the review: an operation written in a way this reader does not follow is said so
                if (database) {
                    out.add(untranslated(op, "`" + op.name() + "` could not be translated (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"));
                }
                return;
            }
            if (!database) {
                return;
            }
            String written = guessed == null ? op.written() : op.written() + "  [" + guessed + "]";
            if (!now.isEmpty()) {
                out.add(new Operation(op.span(), written, now, transactional));
            }
            for (String sql : later) {
                deferred.add(new Deferred(new DjangoOperation(op.call(), op.span(), written), sql));
            }
            if (now.isEmpty() && later.isEmpty() && !"RunSQL".equals(op.name()) && !"SeparateDatabaseAndState".equals(op.name())
                    && !"RunPython".equals(op.name())) {
                stateOnly.add(op.written());
            }
        }

        private Operation untranslated(DjangoOperation op, String why) {
            return new Operation(op.span(), op.written(), List.of(), transactional, why);
        }

        /**
         * Writes the operation's SQL into {@code now} and {@code later} (deferred to the migration's end) and
         * changes the state; returns a note when a column type was guessed, else null.
         */
        private String translate(ProjectState state, DjangoOperation op, Call call, List<String> now, List<String> later,
                boolean database) {
            String name = call.name();
            if (STATE_ONLY.contains(name)) {
                if (name.equals("AlterModelOptions")) {
                    alterOptions(state, call);
                }
                return null;
            }
            switch (name) {
                case "CreateModel" -> {
                    return createModel(state, call, now, later);
                }
                case "DeleteModel" -> {
                    ModelState model = model(state, call.string("name", 0));
                    if (model.managed()) {
                        now.addAll(editor.deleteModel(model, state));
                        forgetDeferred(editor.table(model), null);
                    }
                    state.remove(app, model.name());
                }
                case "RenameModel" -> renameModel(state, call, now);
                case "AlterModelTable" -> {
                    ModelState model = model(state, call.string("name", 0));
                    PythonValue table = call.arg("table", 1).orElse(null);
                    ModelState changed = model.withOption("db_table", table instanceof Str ? table : null);
                    renameTable(model, changed, now);
                    state.put(changed);
                }
                case "AlterModelTableComment" -> {
                    ModelState model = model(state, call.string("name", 0));
                    String comment = call.string("table_comment", 1);
                    if (model.managed() && editor.backend.quote("x").startsWith("\"")) {
                        now.add("COMMENT ON TABLE " + editor.q(editor.table(model)) + " IS "
                                + (comment == null ? "NULL" : "'" + comment.replace("'", "''") + "'"));
                    }
                }
                case "AlterUniqueTogether", "AlterIndexTogether" -> together(state, call, now);
                case "AlterOrderWithRespectTo" -> orderWithRespectTo(state, call, now);
                case "AddField" -> {
                    return addField(state, call, now, later);
                }
                case "RemoveField" -> removeField(state, call, now);
                case "AlterField" -> {
                    return alterField(state, call, now);
                }
                case "RenameField" -> renameField(state, call, now);
                case "AddIndex", "AddIndexConcurrently" -> {
                    ModelState model = model(state, call.string("model_name", 0));
                    Call index = callArg(call, "index", 1);
                    if (model.managed()) {
                        now.add(editor.indexSql(index, model, name.equals("AddIndexConcurrently")));
                    }
                    List<Call> indexes = new ArrayList<>(model.indexes());
                    indexes.add(index);
                    state.put(model.withIndexes(indexes));
                }
                case "RemoveIndex", "RemoveIndexConcurrently" -> {
                    ModelState model = model(state, call.string("model_name", 0));
                    String index = call.string("name", 1);
                    if (model.managed()) {
                        now.add(editor.dropIndex(model, index, name.equals("RemoveIndexConcurrently")));
                    }
                    state.put(model.withIndexes(model.indexes().stream().filter(i -> !index.equals(i.string("name", -1))).toList()));
                }
                case "RenameIndex" -> renameIndex(state, call, now);
                case "AddConstraint", "AddConstraintNotValid" -> {
                    ModelState model = model(state, call.string("model_name", 0));
                    Call constraint = callArg(call, "constraint", 1);
                    if (model.managed()) {
                        now.add(editor.addConstraint(constraint, model, name.equals("AddConstraintNotValid")));
                    }
                    List<Call> constraints = new ArrayList<>(model.constraints());
                    constraints.add(constraint);
                    state.put(model.withConstraints(constraints));
                }
                case "RemoveConstraint" -> {
                    ModelState model = model(state, call.string("model_name", 0));
                    String constraint = call.string("name", 1);
                    Optional<Call> existing = model.constraints().stream().filter(c -> constraint.equals(c.string("name", -1))).findFirst();
                    if (model.managed()) {
                        now.add(editor.removeConstraint(existing, constraint, model));
                    }
                    state.put(model.withConstraints(model.constraints().stream().filter(c -> !constraint.equals(c.string("name", -1))).toList()));
                }
                case "ValidateConstraint" -> {
                    ModelState model = model(state, call.string("model_name", 0));
                    now.add("ALTER TABLE " + editor.q(editor.table(model)) + " VALIDATE CONSTRAINT " + editor.q(call.string("name", 1)));
                }
                case "CreateExtension" -> now.add("CREATE EXTENSION IF NOT EXISTS " + editor.q(call.string("name", 0)));
                case "CreateCollation" -> now.add(createCollation(call));
                case "RemoveCollation" -> now.add("DROP COLLATION " + editor.q(call.string("name", 0)));
                case "SeparateDatabaseAndState" -> separate(state, call, database);
                case "RunSQL" -> runSql(state, op, call, database);
                case "RunPython" -> {
                    if (database) {
                        out.add(untranslated(op, runPythonReason(call)));
                    }
                }
                default -> {
                    if (EXTENSIONS.containsKey(name)) {
                        now.add("CREATE EXTENSION IF NOT EXISTS " + editor.q(EXTENSIONS.get(name)));
                        return null;
                    }
                    throw new Untranslatable("`" + call.callee() + "` is not a Django operation this review knows (a custom"
                            + " or third-party operation): the SQL it sends is not known");
                }
            }
            return null;
        }

        private String createModel(ProjectState state, Call call, List<String> now, List<String> later) {
            String name = call.string("name", 0);
            List<FieldState> fields = new ArrayList<>();
            if (call.arg("fields", 1).orElse(null) instanceof Sequence seq) {
                for (PythonValue item : seq.items()) {
                    if (item instanceof Sequence pair && pair.items().size() == 2 && pair.items().get(0) instanceof Str n
                            && pair.items().get(1) instanceof Call def) {
                        fields.add(new FieldState(n.value(), def));
                    }
                }
            }
            Map<String, PythonValue> options = new LinkedHashMap<>();
            List<Call> indexes = new ArrayList<>();
            List<Call> constraints = new ArrayList<>();
            if (call.arg("options", 2).orElse(null) instanceof Mapping m) {
                for (Map.Entry<PythonValue, PythonValue> e : m.entries()) {
                    if (e.getKey() instanceof Str key) {
                        switch (key.value()) {
                            case "indexes" -> indexes.addAll(calls(e.getValue()));
                            case "constraints" -> constraints.addAll(calls(e.getValue()));
                            default -> options.put(key.value(), e.getValue());
                        }
                    }
                }
            }
            // multi-table inheritance: the parent link is one of the fields already; a proxy has no table
            ModelState model = new ModelState(app, name, fields, options, indexes, constraints);
            state.put(model);
            if (model.managed()) {
                editor.createModel(model, state, now, later);
            }
            return guessNote(model, fields, state);
        }

        private void renameModel(ProjectState state, Call call, List<String> now) {
            ModelState model = model(state, call.string("old_name", 0));
            String newName = call.string("new_name", 1);
            ModelState renamed = model.withName(newName);
            state.remove(app, model.name());
            state.put(renamed);
            if (model.options().get("db_table") == null) {
                renameTable(model, renamed, now);
            }
            // relations elsewhere keep pointing at it by the new name
            for (ModelState other : List.copyOf(toList(state.models()))) {
                List<FieldState> fields = new ArrayList<>();
                boolean changed = false;
                for (FieldState f : other.fields()) {
                    Optional<PythonValue> to = f.target();
                    if ((f.isForeignKey() || f.isManyToMany()) && to.isPresent()) {
                        String[] ref = SchemaEditor.modelReference(to.get(), other.app(), state);
                        if (ref[0].equals(app) && ref[1].equalsIgnoreCase(model.name())) {
                            Map<String, PythonValue> kwargs = new LinkedHashMap<>(f.definition().kwargs());
                            kwargs.put("to", new Str(app + "." + newName, app + "." + newName));
                            List<PythonValue> args = f.definition().kwargs().containsKey("to") || f.definition().args().isEmpty()
                                    ? f.definition().args() : f.definition().args().subList(1, f.definition().args().size());
                            fields.add(new FieldState(f.name(), new Call(f.definition().callee(), args, kwargs,
                                    f.definition().startLine(), f.definition().endLine(), f.definition().text())));
                            changed = true;
                            continue;
                        }
                    }
                    fields.add(f);
                }
                if (changed) {
                    state.put(new ModelState(other.app(), other.name(), fields, other.options(), other.indexes(), other.constraints()));
                }
            }
        }

        /** {@code alter_db_table}: the table, and the many-to-many tables named after it. */
        private void renameTable(ModelState before, ModelState after, List<String> now) {
            String oldTable = editor.table(before);
            String newTable = editor.table(after);
            if (!before.managed() || oldTable.equalsIgnoreCase(newTable)) {
                return;
            }
            now.add(editor.backend.sql("rename_table", Map.of("old_table", editor.q(oldTable), "new_table", editor.q(newTable))));
            for (FieldState f : before.fields()) {
                if (f.isManyToMany() && f.definition().kwarg("through").isEmpty() && f.definition().kwarg("db_table").isEmpty()) {
                    String oldM2m = editor.names.truncate(oldTable + "_" + f.name());
                    String newM2m = editor.names.truncate(newTable + "_" + f.name());
                    now.add(editor.backend.sql("rename_table", Map.of("old_table", editor.q(oldM2m), "new_table", editor.q(newM2m))));
                }
            }
        }

        private void alterOptions(ProjectState state, Call call) {
            ModelState model = model(state, call.string("name", 0));
            // Django resets the options it manages that the operation leaves out (managed=False goes away, too)
            for (String key : ALTER_OPTION_KEYS) {
                model = model.withOption(key, null);
            }
            if (call.arg("options", 1).orElse(null) instanceof Mapping m) {
                for (Map.Entry<PythonValue, PythonValue> e : m.entries()) {
                    if (e.getKey() instanceof Str key) {
                        model = model.withOption(key.value(), e.getValue());
                    }
                }
            }
            state.put(model);
        }

        private void together(ProjectState state, Call call, List<String> now) {
            boolean unique = call.name().equals("AlterUniqueTogether");
            String option = unique ? "unique_together" : "index_together";
            ModelState model = model(state, call.string("name", 0));
            PythonValue value = call.arg(option, 1).orElse(null);
            List<List<String>> before = SchemaEditor.together(model.options().get(option));
            List<List<String>> after = SchemaEditor.together(value);
            if (model.managed()) {
                String table = editor.table(model);
                for (List<String> fields : before) {
                    if (!containsSet(after, fields)) {
                        List<String> cols = editor.columns(model, fields);
                        now.add(unique
                                ? editor.backend.sql("delete_unique", Map.of("table", editor.q(table), "name",
                                        editor.q(editor.names.index(table, cols, "_uniq"))))
                                : editor.dropIndex(model, editor.names.index(table, cols, "_idx"), false));
                    }
                }
                for (List<String> fields : after) {
                    if (!containsSet(before, fields)) {
                        List<String> cols = editor.columns(model, fields);
                        now.add(unique ? editor.createUnique(model, fields)
                                : editor.createIndex(model, cols, editor.names.index(table, cols, "_idx"), "", "", ""));
                    }
                }
            }
            state.put(model.withOption(option, value));
        }

        private static boolean containsSet(List<List<String>> sets, List<String> fields) {
            Set<String> wanted = new HashSet<>(fields);
            return sets.stream().anyMatch(s -> new HashSet<>(s).equals(wanted));
        }

        /** {@code order_with_respect_to} adds or removes Django's {@code _order} column. */
        private void orderWithRespectTo(ProjectState state, Call call, List<String> now) {
            ModelState model = model(state, call.string("name", 0));
            PythonValue to = call.arg("order_with_respect_to", 1).orElse(null);
            boolean had = model.field("_order").isPresent();
            boolean wants = to instanceof Str;
            if (wants && !had) {
                FieldState order = new FieldState("_order", new Call("models.IntegerField", List.of(), Map.of("default",
                        new PythonValue.Num("0", "0")), call.startLine(), call.endLine(), "IntegerField(default=0)"));
                List<String> later = new ArrayList<>();
                addColumn(model, order, state, now, later);
                now.addAll(later);
                model = model.withField(order.without("default"));
            } else if (!wants && had) {
                if (model.managed()) {
                    now.add(editor.backend.sql("delete_column", Map.of("table", editor.q(editor.table(model)), "column", editor.q("_order"))));
                }
                model = model.withoutField("_order");
            }
            state.put(model.withOption("order_with_respect_to", to));
        }

        private String addField(ProjectState state, Call call, List<String> now, List<String> later) {
            ModelState model = model(state, call.string("model_name", 0));
            String fieldName = call.string("name", 1);
            Call definition = callArg(call, "field", 2);
            FieldState field = new FieldState(fieldName, definition);
            boolean preserveDefault = call.flag("preserve_default", true);
            String note = null;
            if (model.managed()) {
                if (field.isManyToMany()) {
                    if (definition.kwarg("through").isEmpty()) {
                        editor.createModel(editor.throughModel(model, field, state), state, now, later);
                    }
                } else if (field.hasColumn()) {
                    note = addColumn(model, field, state, now, later);
                }
            }
            state.put(model.withField(preserveDefault ? field : field.without("default")));
            return note;
        }

        /**
         * {@code add_field}: ADD COLUMN with the default that fills existing rows (then DROP DEFAULT: Django keeps
         * defaults in Python), the foreign key inline, and the field's indexes at the migration's end.
         */
        private String addColumn(ModelState model, FieldState field, ProjectState state, List<String> now, List<String> later) {
            SchemaEditor.ColumnType type = editor.columnType(field, model, state);
            String table = editor.table(model);
            String definition = editor.definition(field, model, state, true, true);
            String after = null;
            if (field.isForeignKey() && field.definition().flag("db_constraint", true)) {
                SchemaEditor.Target t = editor.target(field, model, state);
                String fkName = editor.names.foreignKey(table, field.column(), t.table(), t.column());
                Map<String, String> params = Map.of("name", editor.q(fkName), "column", editor.q(field.column()), "to_table",
                        editor.q(t.table()), "to_column", editor.q(t.column()), "deferrable", editor.backend.deferrable());
                definition += (editor.backend.sql("inline_fk_on_add_column", params).startsWith(",") ? "" : " ")
                        + editor.backend.sql("inline_fk_on_add_column", params);
                if (editor.backend.has("inline_fk_on_add_column_after")) {
                    after = editor.backend.sql("inline_fk_on_add_column_after", params);
                }
            }
            now.add(editor.backend.sql("create_column", Map.of("table", editor.q(table), "column", editor.q(field.column()),
                    "definition", definition)));
            if (after != null) {
                now.add(after);
            }
            if (field.dbDefault().isEmpty() && !editor.backend.skipsDefault(type.fieldClass())
                    && editor.effectiveDefault(field, type.fieldClass()) != null) {
                now.add(editor.backend.sql("alter_column", Map.of("table", editor.q(table), "changes",
                        editor.backend.sql("alter_column_no_default", Map.of("column", editor.q(field.column()))))));
            }
            later.addAll(editor.fieldIndexes(model, field, state));
            return type.guessedFrom() == null ? null : guessed(type);
        }

        private void removeField(ProjectState state, Call call, List<String> now) {
            ModelState model = model(state, call.string("model_name", 0));
            String fieldName = call.string("name", 1);
            Optional<FieldState> field = model.field(fieldName);
            if (model.managed() && field.isPresent()) {
                FieldState f = field.get();
                String table = editor.table(model);
                if (f.isManyToMany()) {
                    if (f.definition().kwarg("through").isEmpty()) {
                        now.add(editor.backend.sql("delete_table", Map.of("table", editor.q(editor.table(editor.throughModel(model, f, state))))));
                    }
                } else if (f.hasColumn()) {
                    if (f.isForeignKey() && f.definition().flag("db_constraint", true)) {
                        SchemaEditor.Target t = editor.target(f, model, state);
                        dropForeignKey(table, editor.names.foreignKey(table, f.column(), t.table(), t.column()), now);
                    }
                    now.add(editor.backend.sql("delete_column", Map.of("table", editor.q(table), "column", editor.q(f.column()))));
                    forgetDeferred(table, f.column());
                }
            } else if (model.managed()) {
                // the field is not in the history this review replayed: Django's statement, with the name as the column
                now.add(editor.backend.sql("delete_column", Map.of("table", editor.q(editor.table(model)), "column", editor.q(fieldName))));
            }
            state.put(model.withoutField(fieldName));
        }

        /**
         * Django drops deferred statements about a table or column removed before the migration ends (an index of a
         * field added and removed again in one migration is never built).
         */
        private void forgetDeferred(String table, String column) {
            String t = editor.q(table);
            deferred.removeIf(d -> d.sql().contains(t) && (column == null || d.sql().contains(editor.q(column))));
        }

        private void dropForeignKey(String table, String name, List<String> now) {
            Map<String, String> params = Map.of("table", editor.q(table), "name", editor.q(name));
            if (editor.backend.has("delete_fk_before")) {
                now.add(editor.backend.sql("delete_fk_before", params));
            }
            now.add(editor.backend.sql("delete_fk", params));
        }

        /** {@code _alter_field}, for the changes that reach the database. */
        private String alterField(ProjectState state, Call call, List<String> now) {
            ModelState model = model(state, call.string("model_name", 0));
            String fieldName = call.string("name", 1);
            FieldState next = new FieldState(fieldName, callArg(call, "field", 2));
            boolean preserveDefault = call.flag("preserve_default", true);
            Optional<FieldState> previous = model.field(fieldName);
            state.put(model.withField(preserveDefault ? next : next.without("default")));
            if (!model.managed() || next.isManyToMany() || !next.hasColumn()) {
                return null;
            }
            if (previous.isEmpty()) {
                throw new Untranslatable("the field `" + model.name() + "." + fieldName + "` is not in the migrations this review"
                        + " replayed, so what the AlterField changes is not known");
            }
            FieldState old = previous.get();
            String table = editor.table(model);
            SchemaEditor.ColumnType oldType = editor.columnType(old, model, state);
            SchemaEditor.ColumnType newType = editor.columnType(next, model, state);
            String column = editor.q(next.column());
            // foreign key constraint dropped when the relation goes or its column changes type
            boolean oldFk = old.isForeignKey() && old.definition().flag("db_constraint", true);
            boolean newFk = next.isForeignKey() && next.definition().flag("db_constraint", true);
            SchemaEditor.Target oldTarget = oldFk ? editor.target(old, model, state) : null;
            SchemaEditor.Target newTarget = newFk ? editor.target(next, model, state) : null;
            boolean fkChanged = oldFk && (!newFk || !oldTarget.table().equals(newTarget.table()) || !oldType.type().equals(newType.type()));
            if (fkChanged) {
                dropForeignKey(table, editor.names.foreignKey(table, old.column(), oldTarget.table(), oldTarget.column()), now);
            }
            if (old.unique() && !next.unique() && !old.primaryKey()) {
                now.add(editor.backend.sql("delete_unique", Map.of("table", editor.q(table), "name",
                        editor.q(uniqueName(table, old.column())))));
            }
            if (old.indexed() && !next.indexed()) {
                now.add(editor.dropIndex(model, editor.names.index(table, List.of(old.column()), ""), false));
            }
            boolean hadLike = editor.likeIndex(model, old, state).isPresent();
            // the LIKE index goes with the index, or when the column stops being varchar/text
            boolean likeDropped = hadLike && (!(next.dbIndex() || next.unique())
                    || family(oldType.type()) != family(newType.type()));
            if (likeDropped) {
                now.add(editor.dropIndex(model, editor.names.index(table, List.of(old.column()), "_like"), false));
            }
            if (!old.column().equals(next.column())) {
                now.add(editor.backend.sql("rename_column", Map.of("table", editor.q(table), "old_column", editor.q(old.column()),
                        "new_column", column, "type", newType.type())));
            }
            if (!oldType.type().equals(newType.type())) {
                now.add(editor.backend.sql("alter_column", Map.of("table", editor.q(table), "changes",
                        editor.backend.sql("alter_column_type", Map.of("column", column, "type", newType.type())))));
            }
            nullAndDefault(model, old, next, newType, state, now);
            if (!old.unique() && next.unique() && !next.primaryKey()) {
                now.add(editor.createUnique(model, List.of(next.name())));
            }
            if (!old.indexed() && next.indexed()) {
                now.add(editor.createIndex(model, List.of(next.column()), editor.names.index(table, List.of(next.column()), ""), "", "", ""));
            }
            if (!hadLike || likeDropped) {
                editor.likeIndex(model, next, state).ifPresent(now::add);
            }
            if (newFk && (fkChanged || !oldFk)) {
                now.add(editor.foreignKey(model, next, state));
            }
            return newType.guessedFrom() == null ? null : guessed(newType);
        }

        /** varchar 1, text 2, other 0: a LIKE index is kept while the column stays in its family. */
        private static int family(String type) {
            return type.startsWith("varchar") ? 1 : type.startsWith("text") ? 2 : 0;
        }

        /** NULL to NOT NULL (with a default: set it, fill NULL rows, NOT NULL, drop it again), NOT NULL to NULL. */
        private void nullAndDefault(ModelState model, FieldState old, FieldState next, SchemaEditor.ColumnType type,
                ProjectState state, List<String> now) {
            String table = editor.q(editor.table(model));
            String column = editor.q(next.column());
            List<String> actions = new ArrayList<>();
            boolean dbDefaultChanged = old.dbDefault().isPresent() != next.dbDefault().isPresent()
                    || (next.dbDefault().isPresent() && !next.dbDefault().get().text().equals(old.dbDefault().get().text()));
            String nullChange = null;
            boolean toNotNull = false;
            String newDefault = null;
            String oldDefault = null;
            if (old.nullable() != next.nullable() && !next.primaryKey()) {
                Map<String, String> params = Map.of("column", column, "type", type.type());
                nullChange = editor.backend.sql(next.nullable() ? "alter_column_null" : "alter_column_not_null", params);
                toNotNull = old.nullable() && !next.nullable();
                newDefault = toNotNull && next.dbDefault().isEmpty() && !editor.backend.skipsDefault(type.fieldClass())
                        ? editor.effectiveDefault(next, type.fieldClass()) : null;
                oldDefault = editor.effectiveDefault(old, type.fieldClass());
            }
            boolean needsDatabaseDefault = newDefault != null && !newDefault.equals(oldDefault);
            boolean fourWay = toNotNull && (next.defaultValue().isPresent() || next.dbDefault().isPresent());
            if (needsDatabaseDefault) {
                actions.add(editor.backend.sql("alter_column_default", Map.of("column", column, "default", newDefault)));
            }
            if (dbDefaultChanged) {
                actions.add(next.dbDefault().isPresent()
                        ? editor.backend.sql("alter_column_default", Map.of("column", column, "default", editor.dbDefaultSql(next.dbDefault().get())))
                        : editor.backend.sql("alter_column_no_default", Map.of("column", column)));
            }
            if (nullChange != null && !fourWay) {
                actions.add(nullChange);
            }
            if (!actions.isEmpty() && editor.backend.combinedAlters()) {
                now.add(editor.backend.sql("alter_column", Map.of("table", table, "changes", String.join(", ", actions))));
            } else {
                for (String action : actions) {
                    now.add(editor.backend.sql("alter_column", Map.of("table", table, "changes", action)));
                }
            }
            if (fourWay) {
                String fill = next.dbDefault().isPresent() ? editor.dbDefaultSql(next.dbDefault().get())
                        : editor.effectiveDefault(next, type.fieldClass());
                now.add(editor.backend.sql("update_with_default", Map.of("table", table, "column", column, "default", fill)));
                editor.backend.value("sql.update_with_default_after").ifPresent(now::add);
                now.add(editor.backend.sql("alter_column", Map.of("table", table, "changes", nullChange)));
            }
            if (needsDatabaseDefault) {
                now.add(editor.backend.sql("alter_column", Map.of("table", table, "changes",
                        editor.backend.sql("alter_column_no_default", Map.of("column", column)))));
            }
        }

        /** The unique constraint of a single column: PostgreSQL's own name when it was made inline, {@code <table>_<column>_key}. */
        private String uniqueName(String table, String column) {
            return editor.backend.quote("x").startsWith("\"") ? editor.names.truncate(table + "_" + column + "_key") : column;
        }

        private void renameField(ProjectState state, Call call, List<String> now) {
            ModelState model = model(state, call.string("model_name", 0));
            String oldName = call.string("old_name", 1);
            String newName = call.string("new_name", 2);
            Optional<FieldState> field = model.field(oldName);
            FieldState renamed = field.map(f -> f.renamed(newName)).orElse(null);
            String oldColumn = field.map(FieldState::column).orElse(oldName);
            String newColumn = renamed != null ? renamed.column() : newName;
            if (model.managed() && !oldColumn.equals(newColumn) && (renamed == null || renamed.hasColumn())) {
                String type = renamed != null ? editor.columnType(renamed, model, state).type() : "";
                now.add(editor.backend.sql("rename_column", Map.of("table", editor.q(editor.table(model)), "old_column",
                        editor.q(oldColumn), "new_column", editor.q(newColumn), "type", type)));
            }
            if (renamed != null) {
                ModelState changed = model.withFields(list -> {
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i).name().equalsIgnoreCase(oldName)) {
                            list.set(i, renamed);
                        }
                    }
                    return list;
                });
                state.put(changed);
            }
        }

        private void renameIndex(ProjectState state, Call call, List<String> now) {
            ModelState model = model(state, call.string("model_name", 0));
            String newName = call.string("new_name", 1);
            String oldName = call.string("old_name", 2);
            if (oldName == null) {
                // old_fields: an unnamed index_together index, which Django named itself
                List<String> fields = call.kwarg("old_fields").map(PythonValue::strings).orElse(List.of());
                List<String> cols = editor.columns(model, fields);
                oldName = editor.names.index(editor.table(model), cols, "_idx");
            }
            if (model.managed()) {
                now.add(editor.backend.sql("rename_index", Map.of("old_name", editor.q(oldName), "new_name", editor.q(newName),
                        "table", editor.q(editor.table(model)))));
            }
            String from = oldName;
            List<Call> indexes = new ArrayList<>();
            for (Call i : model.indexes()) {
                if (from.equals(i.string("name", -1))) {
                    Map<String, PythonValue> kwargs = new LinkedHashMap<>(i.kwargs());
                    kwargs.put("name", new Str(newName, newName));
                    indexes.add(new Call(i.callee(), i.args(), kwargs, i.startLine(), i.endLine(), i.text()));
                } else {
                    indexes.add(i);
                }
            }
            state.put(model.withIndexes(indexes));
        }

        private String createCollation(Call call) {
            List<String> args = new ArrayList<>();
            args.add("locale=" + editor.q(call.string("locale", 1)));
            String provider = call.string("provider", 2);
            if (provider != null && !provider.equals("libc")) {
                args.add("provider=" + editor.q(provider));
            }
            if (!call.flag("deterministic", true)) {
                args.add("deterministic=false");
            }
            return "CREATE COLLATION " + editor.q(call.string("name", 0)) + " (" + String.join(", ", args) + ")";
        }

        /**
         * {@code SeparateDatabaseAndState}: the database operations run against a copy of the state, each after the
         * one before; only the state operations change the project's state.
         */
        private void separate(ProjectState state, Call call, boolean database) {
            if (database) {
                ProjectState scratch = state.copy();
                for (DjangoOperation inner : inner(call.kwarg("database_operations").orElse(null))) {
                    operation(scratch, inner, true);
                }
            }
            for (DjangoOperation inner : inner(call.kwarg("state_operations").orElse(null))) {
                operation(state, inner, false);
                stateOnly.add(inner.written());
            }
        }

        private List<DjangoOperation> inner(PythonValue list) {
            List<DjangoOperation> out = new ArrayList<>();
            if (list instanceof Sequence seq) {
                for (PythonValue item : seq.items()) {
                    out.add(MigrationReader.operation(item, 1, 1));
                }
            }
            return out;
        }

        /**
         * {@code RunSQL}: the author's SQL, cut by the dialect's splitter, each statement at its own lines when the
         * string keeps the file's lines; {@code reverse_sql} never runs forward; {@code state_operations} change
         * the state only.
         */
        private void runSql(ProjectState state, DjangoOperation op, Call call, boolean database) {
            for (DjangoOperation inner : inner(call.kwarg("state_operations").orElse(null))) {
                operation(state, inner, false);
            }
            if (!database) {
                return;
            }
            PythonValue sql = call.arg("sql", 0).orElse(null);
            List<PythonValue> pieces = new ArrayList<>();
            if (sql instanceof Sequence seq) {
                for (PythonValue item : seq.items()) {
                    // a (sql, params) pair runs its SQL with parameters
                    pieces.add(item instanceof Sequence pair && !pair.items().isEmpty() ? pair.items().get(0) : item);
                }
            } else if (sql != null) {
                pieces.add(sql);
            }
            for (PythonValue piece : pieces) {
                if (piece instanceof Name n && n.last().equals("noop")) {
                    continue;
                }
                if (!(piece instanceof Str s)) {
                    out.add(untranslated(op, "RunSQL's SQL is `" + MigrationReader.written(piece.text()) + "`, built in Python:"
                            + " this review reads only string literals"));
                    continue;
                }
                for (RawStatement statement : context.statements(s.value())) {
                    SourceSpan span = op.span();
                    if (s.line() > 0) {
                        int first = s.line() + statement.span().startLine() - 1;
                        int last = s.line() + statement.span().endLine() - 1;
                        span = new SourceSpan(first, statement.span().startLine() == 1 ? 1 : statement.span().startColumn(), last,
                                statement.span().endColumn());
                    }
                    out.add(new Operation(span, op.written(), List.of(statement.sql()), transactional));
                }
            }
        }

        private String runPythonReason(Call call) {
            String code = call.arg("code", 0).map(PythonValue::text).orElse("?");
            return "RunPython runs `" + code + "`, Python code this review cannot see into; a data change inside a schema"
                    + " migration holds the migration's locks and transaction for as long as it runs: run backfills outside the"
                    + " schema migration (a migration of their own with atomic = False, or a management command, in batches)";
        }

        /** The model an operation names, from the state; one the replayed history never created gets Django's defaults. */
        private ModelState model(ProjectState state, String name) {
            if (name == null) {
                throw new Untranslatable("the operation names no model");
            }
            return state.model(app, name).orElseGet(() -> new ModelState(app, name, List.of(), Map.of(), List.of(), List.of()));
        }

        private String guessNote(ModelState model, List<FieldState> fields, ProjectState state) {
            List<String> notes = new ArrayList<>();
            for (FieldState f : fields) {
                if (f.hasColumn()) {
                    SchemaEditor.ColumnType t = editor.columnType(f, model, state);
                    if (t.guessedFrom() != null) {
                        notes.add(guessed(t));
                    }
                }
            }
            return notes.isEmpty() ? null : String.join("; ", notes);
        }
    }

    private static String guessed(SchemaEditor.ColumnType type) {
        return "column type of " + type.guessedFrom() + " guessed as " + type.fieldClass() + ": " + type.type();
    }

    private static Call callArg(Call call, String keyword, int position) {
        PythonValue v = call.arg(keyword, position).orElse(null);
        if (v instanceof Call c) {
            return c;
        }
        throw new Untranslatable("`" + keyword + "` of " + call.name() + " is `" + (v == null ? "missing" : v.text())
                + "`, not a call this review can read");
    }

    private static List<Call> calls(PythonValue v) {
        List<Call> out = new ArrayList<>();
        if (v instanceof Sequence seq) {
            for (PythonValue item : seq.items()) {
                if (item instanceof Call c) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static <T> List<T> toList(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }
}
