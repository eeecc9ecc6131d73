package dev.migrationreview.format.django;

import dev.migrationreview.format.django.PythonValue.Bool;
import dev.migrationreview.format.django.PythonValue.Call;
import dev.migrationreview.format.django.PythonValue.Mapping;
import dev.migrationreview.format.django.PythonValue.Name;
import dev.migrationreview.format.django.PythonValue.NoneValue;
import dev.migrationreview.format.django.PythonValue.Num;
import dev.migrationreview.format.django.PythonValue.Sequence;
import dev.migrationreview.format.django.PythonValue.Str;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL Django's schema editor writes for a backend (django/db/backends/base/schema.py and the backend's
 * subclass), for models and fields of the {@link ProjectState}: column definitions, the statements of adding,
 * altering and removing fields, indexes and constraints, and the names it gives them. It writes; it does not
 * change the state.
 */
final class SchemaEditor {
    /** Field classes for which Django stores {@code ''} when a NOT NULL field is {@code blank=True} without a default. */
    private static final Set<String> EMPTY_STRINGS_ALLOWED = Set.of("CharField", "TextField", "SlugField", "EmailField",
            "URLField", "FileField", "ImageField", "FilePathField", "BinaryField", "CICharField", "CITextField", "CIEmailField",
            "GenericIPAddressField");
    /** Third-party field classes named after the Django field they store as: {@code MoneyCharField} is a CharField. */
    private static final List<String> FAMILIES = List.of("BigAutoField", "AutoField", "BigIntegerField", "SmallIntegerField",
            "PositiveIntegerField", "IntegerField", "CharField", "TextField", "JSONField", "DateTimeField", "DateField",
            "TimeField", "BooleanField", "DecimalField", "FloatField", "UUIDField", "EmailField", "URLField", "SlugField",
            "FileField", "ImageField");
    /** Field classes stored as another's column ({@code get_internal_type}). */
    private static final Map<String, String> INTERNAL_TYPE = Map.of("EmailField", "CharField", "URLField", "CharField",
            "CommaSeparatedIntegerField", "CharField", "ImageField", "FileField", "NullBooleanField", "BooleanField");
    private static final Map<String, String> LOOKUPS = Map.of("exact", "=", "gt", ">", "gte", ">=", "lt", "<", "lte", "<=");

    final DjangoBackend backend;
    final DjangoVersion version;
    final DjangoNames names;

    SchemaEditor(DjangoBackend backend, DjangoVersion version) {
        this.backend = backend;
        this.version = version;
        this.names = new DjangoNames(backend.maxNameLength());
    }

    /** A field or model that cannot be written in SQL (an unknown field class): the operation is not translated. */
    static final class Untranslatable extends RuntimeException {
        Untranslatable(String reason) {
            super(reason, null, false, false);
        }
    }

    String q(String identifier) {
        return backend.quote(identifier);
    }

    String table(ModelState model) {
        return model.table(names);
    }

    // ---------------------------------------------------------------- types

    /** A column type and, when it was guessed from a third-party class's name, the class it was read as. */
    record ColumnType(String type, String fieldClass, String guessedFrom) {}

    /** The column type of a field, as {@code field.db_type(connection)}. */
    ColumnType columnType(FieldState field, ModelState model, ProjectState state) {
        if (field.isForeignKey()) {
            Target target = target(field, model, state);
            return new ColumnType(target.relatedType(), field.kind(), target.guessed() ? field.kind() : null);
        }
        String kind = INTERNAL_TYPE.getOrDefault(field.kind(), field.kind());
        if ("ArrayField".equals(kind)) {
            PythonValue base = field.definition().arg("base_field", 0).orElse(null);
            if (base instanceof Call baseCall) {
                ColumnType inner = columnType(new FieldState(field.name(), baseCall), model, state);
                String size = field.definition().kwarg("size").filter(Num.class::isInstance).map(PythonValue::text).orElse("");
                return new ColumnType(inner.type() + "[" + size + "]", kind, inner.guessedFrom());
            }
            throw new Untranslatable("the ArrayField's base field `" + (base == null ? "?" : base.text()) + "` is not a field call");
        }
        Optional<String> template = backend.type(kind, version);
        String readAs = kind;
        String guessed = null;
        if (template.isEmpty()) {
            for (String family : FAMILIES) {
                if (kind.endsWith(family)) {
                    template = backend.type(family, version);
                    readAs = family;
                    guessed = kind;
                    break;
                }
            }
        }
        if (template.isEmpty() && field.definition().kwarg("max_length").isPresent()) {
            // a project's own field with max_length is nearly always a CharField subclass (a colour, a phone number)
            template = backend.type("CharField", version);
            readAs = "CharField";
            guessed = kind;
        }
        if (template.isEmpty()) {
            throw new Untranslatable("`" + field.definition().callee() + "` is not a Django field this review knows (a third-party"
                    + " field?): its column type is not known");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Optional<String> maxLength = field.maxLength();
        if (template.get().contains("%(max_length)s") && maxLength.isEmpty()) {
            // CharField without max_length (Django 4.2+ on PostgreSQL) is an unbounded varchar
            return new ColumnType(template.get().replace("(%(max_length)s)", ""), readAs, guessed);
        }
        params.put("max_length", maxLength.orElse(""));
        params.put("max_digits", field.definition().kwarg("max_digits").map(PythonValue::text).orElse(""));
        params.put("decimal_places", field.definition().kwarg("decimal_places").map(PythonValue::text).orElse(""));
        return new ColumnType(DjangoBackend.fill(template.get(), params), readAs, guessed);
    }

    /** The type another table's foreign key to this field gets ({@code rel_db_type}). */
    String relatedType(FieldState field, ModelState model, ProjectState state) {
        ColumnType own = columnType(field, model, state);
        return backend.relatedType(own.fieldClass()).orElse(own.type());
    }

    /**
     * The model, table and column a relation points to.
     *
     * @param guessed the target model is not in the state (its migration is not part of this history): table and
     *                column follow Django's defaults, the type is a {@code bigint} id
     */
    record Target(ModelState model, String table, String column, String relatedType, boolean guessed) {}

    Target target(FieldState field, ModelState from, ProjectState state) {
        Optional<ModelState> to = resolve(field.target().orElse(null), from.app(), state);
        String toField = field.definition().string("to_field", -1);
        if (to.isPresent()) {
            ModelState model = to.get();
            Optional<FieldState> key = toField != null ? model.field(toField) : model.primaryKey();
            if (key.isPresent()) {
                FieldState k = key.get();
                String type = k == field ? "bigint" : relatedType(k, model, state);
                return new Target(model, table(model), k.column(), type, false);
            }
            return new Target(model, table(model), toField != null ? toField : "id", "bigint", true);
        }
        String[] appModel = modelReference(field.target().orElse(null), from.app(), state);
        String table = names.truncate(appModel[0] + "_" + appModel[1].toLowerCase(Locale.ROOT));
        return new Target(null, table, toField != null ? toField : "id", "bigint", true);
    }

    /** The model a relation's {@code to} names, in the state. */
    Optional<ModelState> resolve(PythonValue to, String app, ProjectState state) {
        if (to == null) {
            return Optional.empty();
        }
        String[] appModel = modelReference(to, app, state);
        return state.model(appModel[0], appModel[1]);
    }

    /** {@code "orders.Order"}, {@code "Order"}, {@code "self"}, {@code settings.AUTH_USER_MODEL}: app label and model name. */
    static String[] modelReference(PythonValue to, String app, ProjectState state) {
        String ref = null;
        if (to instanceof Str s) {
            ref = s.value();
        } else if (to instanceof Name n) {
            ref = state.swappable(n.last()).orElse(n.last());
        }
        if (ref == null) {
            return new String[] {app, "?"};
        }
        int dot = ref.lastIndexOf('.');
        return dot < 0 ? new String[] {app, ref} : new String[] {ref.substring(0, dot), ref.substring(dot + 1)};
    }

    // ---------------------------------------------------------------- column definitions

    /**
     * {@code column_sql}: type, database default, nullability, PRIMARY KEY/UNIQUE, the auto field suffix and
     * the check of a positive field; {@code includeDefault} adds the Python-side default the way
     * {@code add_field} does (to fill existing rows).
     */
    String definition(FieldState field, ModelState model, ProjectState state, boolean includeDefault, boolean suffixBeforeCheck) {
        ColumnType type = columnType(field, model, state);
        List<String> parts = new ArrayList<>();
        parts.add(type.type());
        Optional<PythonValue> dbDefault = field.dbDefault();
        if (dbDefault.isPresent()) {
            parts.add("DEFAULT " + dbDefaultSql(dbDefault.get()));
            includeDefault = false;
        }
        if (includeDefault && !backend.skipsDefault(type.fieldClass())) {
            String d = effectiveDefault(field, type.fieldClass());
            if (d != null) {
                parts.add("DEFAULT " + d);
            }
        }
        parts.add(field.nullable() && !field.primaryKey() ? "NULL" : "NOT NULL");
        if (field.primaryKey()) {
            parts.add("PRIMARY KEY");
        } else if (field.unique()) {
            parts.add("UNIQUE");
        }
        Optional<String> suffix = backend.suffix(type.fieldClass(), version);
        Optional<String> check = backend.check(type.fieldClass())
                .map(c -> "CHECK (" + DjangoBackend.fill(c, Map.of("column", field.column())) + ")");
        if (suffixBeforeCheck) {
            suffix.ifPresent(parts::add);
            check.ifPresent(parts::add);
        } else {
            check.ifPresent(parts::add);
            suffix.ifPresent(parts::add);
        }
        return String.join(" ", parts);
    }

    /**
     * {@code effective_default}: the value Django fills existing rows with when it adds a NOT NULL column, as a SQL
     * literal, or null. Django computes it in Python once, so a callable default ({@code timezone.now}) is one
     * constant for every existing row.
     */
    String effectiveDefault(FieldState field, String fieldClass) {
        Optional<PythonValue> d = field.defaultValue();
        if (d.isPresent()) {
            return literal(d.get());
        }
        if (!field.nullable() && field.definition().flag("blank", false) && EMPTY_STRINGS_ALLOWED.contains(fieldClass)) {
            return "''";
        }
        if (field.definition().flag("auto_now", false) || field.definition().flag("auto_now_add", false)) {
            return "'" + ("DateField".equals(fieldClass) ? "date.today()" : "timezone.now()") + " when the migration runs'";
        }
        return null;
    }

    /** A Python value as the SQL literal Django sends for it. */
    String literal(PythonValue v) {
        if (v instanceof Str s) {
            return "'" + s.value().replace("'", "''") + "'";
        }
        if (v instanceof Num n) {
            return n.value();
        }
        if (v instanceof Bool b) {
            return backend.bool(b.value());
        }
        if (v instanceof NoneValue) {
            return null;
        }
        if (v instanceof Name n) {
            return switch (n.last()) {
                case "dict" -> "'{}'";
                case "list" -> "'[]'";
                default -> "'" + n.dotted().replace("'", "''") + "() when the migration runs'";
            };
        }
        if (v instanceof Call c && c.name().equals("Decimal") && !c.args().isEmpty()) {
            PythonValue a = c.args().get(0);
            return a instanceof Str s ? s.value() : a.text();
        }
        if (v instanceof Call c && c.name().equals("Value") && !c.args().isEmpty()) {
            return literal(c.args().get(0));
        }
        if (v instanceof Mapping || v instanceof Sequence) {
            return "'" + v.text().replace("'", "\"").replace("True", "true").replace("False", "false").replace("None", "null") + "'";
        }
        return "'" + v.text().replace("'", "''") + "'";
    }

    /** {@code db_default}: an expression the database evaluates ({@code Now()}), or a literal. */
    String dbDefaultSql(PythonValue v) {
        if (v instanceof Call c) {
            switch (c.name()) {
                case "Now" -> {
                    return backend.value("quote").orElse("\"").equals("\"") ? "STATEMENT_TIMESTAMP()" : "CURRENT_TIMESTAMP(6)";
                }
                case "Value" -> {
                    return c.args().isEmpty() ? "NULL" : literal(c.args().get(0));
                }
                case "Decimal" -> {
                    return literal(v);
                }
                default -> {
                    List<String> args = new ArrayList<>();
                    for (PythonValue a : c.args()) {
                        args.add(a instanceof Str s ? "'" + s.value().replace("'", "''") + "'" : dbDefaultSql(a));
                    }
                    return c.name().toUpperCase(Locale.ROOT) + "(" + String.join(", ", args) + ")";
                }
            }
        }
        String literal = literal(v);
        return literal == null ? "NULL" : literal;
    }

    // ---------------------------------------------------------------- statements of models and fields

    /**
     * {@code create_model}: the CREATE TABLE (with the inline constraints of {@code Meta.constraints}) now, and
     * what Django defers to the end of the migration: foreign keys, {@code unique_together}, the fields' and
     * {@code Meta}'s indexes, and the auto-created tables of many-to-many fields.
     */
    void createModel(ModelState model, ProjectState state, List<String> now, List<String> deferred) {
        List<String> columns = new ArrayList<>();
        String table = table(model);
        List<String> fks = new ArrayList<>();
        for (FieldState f : model.fields()) {
            if (!f.hasColumn()) {
                continue;
            }
            String def = definition(f, model, state, false, false);
            columns.add(q(f.column()) + " " + def);
            if (f.isForeignKey() && f.definition().flag("db_constraint", true)) {
                fks.add(foreignKey(model, f, state));
            }
        }
        for (Call c : model.constraints()) {
            String inline = inlineConstraint(c, model);
            if (inline != null) {
                columns.add(inline);
            }
        }
        now.add(backend.sql("create_table", Map.of("table", q(table), "definition", String.join(", ", columns))));
        deferred.addAll(fks);
        for (List<String> together : together(model.options().get("unique_together"))) {
            deferred.add(createUnique(model, together));
        }
        for (FieldState f : model.fields()) {
            if (f.hasColumn()) {
                deferred.addAll(fieldIndexes(model, f, state));
            }
        }
        for (List<String> together : together(model.options().get("index_together"))) {
            deferred.add(createIndex(model, columns(model, together), names.index(table, columns(model, together), "_idx"), "", "", ""));
        }
        for (Call index : model.indexes()) {
            deferred.add(indexSql(index, model, false));
        }
        for (Call c : model.constraints()) {
            if (inlineConstraint(c, model) == null) {
                deferred.add(addConstraint(c, model, false));
            }
        }
        for (FieldState f : model.fields()) {
            if (f.isManyToMany() && f.definition().kwarg("through").isEmpty()) {
                ModelState through = throughModel(model, f, state);
                createModel(through, state, now, deferred);
            }
        }
    }

    /** {@code delete_model}: the many-to-many tables Django made, then the table. */
    List<String> deleteModel(ModelState model, ProjectState state) {
        List<String> out = new ArrayList<>();
        for (FieldState f : model.fields()) {
            if (f.isManyToMany() && f.definition().kwarg("through").isEmpty()) {
                out.add(backend.sql("delete_table", Map.of("table", q(table(throughModel(model, f, state))))));
            }
        }
        out.add(backend.sql("delete_table", Map.of("table", q(table(model)))));
        return out;
    }

    /**
     * The table Django creates for a many-to-many field without {@code through}: {@code <table>_<field>}, with an
     * id and a foreign key to each side ({@code from_<model>_id}/{@code to_<model>_id} when both sides are one
     * model), unique together.
     */
    ModelState throughModel(ModelState model, FieldState field, ProjectState state) {
        String tableName = field.definition().string("db_table", -1);
        if (tableName == null) {
            tableName = names.truncate(table(model) + "_" + field.name());
        }
        Optional<ModelState> to = resolve(field.target().orElse(null), model.app(), state);
        String toName = to.map(ModelState::key).orElse(modelReference(field.target().orElse(null), model.app(), state)[1]
                .toLowerCase(Locale.ROOT));
        String toRef = to.map(m -> m.app() + "." + m.name()).orElse(String.join(".", modelReference(field.target().orElse(null),
                model.app(), state)));
        String fromName = model.key();
        boolean self = fromName.equals(toName) && to.map(m -> m.app().equals(model.app())).orElse(true);
        String fromField = self ? "from_" + fromName : fromName;
        String toField = self ? "to_" + toName : toName;
        Call id = new Call("models.BigAutoField", List.of(), Map.of("auto_created", new Bool(true, "True"),
                "primary_key", new Bool(true, "True")), field.definition().startLine(), field.definition().endLine(), "BigAutoField");
        Call fromFk = new Call("models.ForeignKey", List.of(new Str(model.app() + "." + model.name(), model.name())), Map.of(),
                field.definition().startLine(), field.definition().endLine(), "ForeignKey");
        Call toFk = new Call("models.ForeignKey", List.of(new Str(toRef, toRef)), Map.of(),
                field.definition().startLine(), field.definition().endLine(), "ForeignKey");
        Map<String, PythonValue> options = new LinkedHashMap<>();
        options.put("db_table", new Str(tableName, tableName));
        options.put("unique_together", new Sequence(List.of(new Sequence(List.of(new Str(fromField, fromField), new Str(toField,
                toField)), "")), ""));
        return new ModelState(model.app(), model.name() + "_" + field.name(), List.of(new FieldState("id", id),
                new FieldState(fromField, fromFk), new FieldState(toField, toFk)), options, List.of(), List.of());
    }

    /** {@code _create_fk_sql} as {@code create_model} defers it. */
    String foreignKey(ModelState model, FieldState field, ProjectState state) {
        Target t = target(field, model, state);
        String table = table(model);
        return backend.sql("create_fk", Map.of("table", q(table), "name", q(names.foreignKey(table, field.column(), t.table(),
                t.column())), "column", q(field.column()), "to_table", q(t.table()), "to_column", q(t.column()), "deferrable",
                backend.deferrable()));
    }

    /** {@code _field_indexes_sql}: the field's own index, and on PostgreSQL the {@code _like} index of a varchar/text. */
    List<String> fieldIndexes(ModelState model, FieldState field, ProjectState state) {
        List<String> out = new ArrayList<>();
        String table = table(model);
        if (field.indexed()) {
            out.add(createIndex(model, List.of(field.column()), names.index(table, List.of(field.column()), ""), "", "", ""));
        }
        likeIndex(model, field, state).ifPresent(out::add);
        return out;
    }

    /** PostgreSQL's second index on an indexed varchar or text column, for LIKE outside the C locale. */
    Optional<String> likeIndex(ModelState model, FieldState field, ProjectState state) {
        if (!backend.likeIndexes() || !(field.dbIndex() || field.unique()) || field.isForeignKey()) {
            return Optional.empty();
        }
        String type = columnType(field, model, state).type();
        if (type.contains("[")) {
            return Optional.empty();
        }
        String opclass = type.startsWith("varchar") ? "varchar_pattern_ops" : type.startsWith("text") ? "text_pattern_ops" : null;
        if (opclass == null) {
            return Optional.empty();
        }
        String table = table(model);
        return Optional.of(backend.sql("create_index", Map.of("name", q(names.index(table, List.of(field.column()), "_like")),
                "table", q(table), "using", "", "columns", q(field.column()) + " " + opclass, "include", "", "condition", "")));
    }

    String createIndex(ModelState model, List<String> columns, String name, String using, String include, String condition) {
        return backend.sql("create_index", Map.of("name", q(name), "table", q(table(model)), "using", using, "columns",
                String.join(", ", columns.stream().map(this::q).toList()), "include", include, "condition", condition));
    }

    String createUnique(ModelState model, List<String> fieldNames) {
        List<String> cols = columns(model, fieldNames);
        String table = table(model);
        return backend.sql("create_unique", Map.of("table", q(table), "name", q(names.index(table, cols, "_uniq")), "columns",
                String.join(", ", cols.stream().map(this::q).toList())));
    }

    /** The columns of fields named in {@code unique_together}, an index or a constraint. */
    List<String> columns(ModelState model, List<String> fieldNames) {
        List<String> out = new ArrayList<>();
        for (String name : fieldNames) {
            out.add(model.field(name).map(FieldState::column).orElse(name));
        }
        return out;
    }

    /** {@code unique_together}/{@code index_together} as written: a tuple of tuples, or one tuple of names. */
    static List<List<String>> together(PythonValue value) {
        List<List<String>> out = new ArrayList<>();
        if (value instanceof Sequence seq) {
            if (!seq.items().isEmpty() && seq.items().get(0) instanceof Str) {
                out.add(PythonValue.strings(seq));
            } else {
                for (PythonValue item : seq.items()) {
                    List<String> names = PythonValue.strings(item);
                    if (!names.isEmpty()) {
                        out.add(names);
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- indexes and constraints

    /** {@code Index.create_sql}: CREATE INDEX (CONCURRENTLY for {@code AddIndexConcurrently}) of an index definition. */
    String indexSql(Call index, ModelState model, boolean concurrently) {
        String name = index.string("name", -1);
        if (name == null) {
            throw new Untranslatable("the index has no name; Django requires one in a migration");
        }
        List<String> columns = indexColumns(index, model);
        String using = switch (index.name()) {
            case "GinIndex" -> " USING gin";
            case "GistIndex" -> " USING gist";
            case "BrinIndex" -> " USING brin";
            case "HashIndex" -> " USING hash";
            case "SpGistIndex" -> " USING spgist";
            case "BloomIndex" -> " USING bloom";
            case "BTreeIndex" -> " USING btree";
            default -> "";
        };
        String include = include(index, model);
        String condition = index.kwarg("condition").map(c -> " WHERE " + condition(c, model)).orElse("");
        return backend.sql(concurrently ? "create_index_concurrently" : "create_index", Map.of("name", q(name), "table",
                q(table(model)), "using", using, "columns", String.join(", ", columns), "include", include, "condition", condition));
    }

    private String include(Call index, ModelState model) {
        List<String> include = index.kwarg("include").map(PythonValue::strings).orElse(List.of());
        return include.isEmpty() ? "" : " INCLUDE (" + String.join(", ", columns(model, include).stream().map(this::q).toList()) + ")";
    }

    /** The indexed columns: {@code fields} ({@code -name} descending) with their {@code opclasses}, or expressions. */
    private List<String> indexColumns(Call index, ModelState model) {
        List<String> out = new ArrayList<>();
        List<String> fields = index.kwarg("fields").map(PythonValue::strings).orElse(List.of());
        List<String> opclasses = index.kwarg("opclasses").map(PythonValue::strings).orElse(List.of());
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            boolean desc = f.startsWith("-");
            String column = columns(model, List.of(desc ? f.substring(1) : f)).get(0);
            out.add(q(column) + (i < opclasses.size() ? " " + opclasses.get(i) : "") + (desc ? " DESC" : ""));
        }
        for (PythonValue expression : index.args()) {
            out.add("(" + expression(expression, model) + ")");
        }
        if (out.isEmpty()) {
            throw new Untranslatable("the index names no fields or expressions this review can read");
        }
        return out;
    }

    /** A constraint written inside CREATE TABLE ({@code constraint_sql}), or null when Django adds it afterwards. */
    String inlineConstraint(Call c, ModelState model) {
        String name = c.string("name", -1);
        if (name == null) {
            return null;
        }
        if (c.name().equals("CheckConstraint")) {
            return "CONSTRAINT " + q(name) + " CHECK (" + condition(checkOf(c), model) + ")";
        }
        if (c.name().equals("UniqueConstraint") && !uniqueIsIndex(c)) {
            return "CONSTRAINT " + q(name) + " UNIQUE (" + String.join(", ", columns(model, c.kwarg("fields")
                    .map(PythonValue::strings).orElse(List.of())).stream().map(this::q).toList()) + ")" + deferrable(c);
        }
        return null;
    }

    /** {@code AddConstraint}: ALTER TABLE ... ADD CONSTRAINT, or CREATE UNIQUE INDEX for a unique constraint with a condition. */
    String addConstraint(Call c, ModelState model, boolean notValid) {
        String name = c.string("name", -1);
        if (name == null) {
            throw new Untranslatable("the constraint has no name");
        }
        String table = table(model);
        switch (c.name()) {
            case "CheckConstraint" -> {
                return backend.sql("create_check", Map.of("table", q(table), "name", q(name), "check", condition(checkOf(c), model)))
                        + (notValid ? " NOT VALID" : "");
            }
            case "UniqueConstraint" -> {
                List<String> fields = c.kwarg("fields").map(PythonValue::strings).orElse(List.of());
                if (uniqueIsIndex(c)) {
                    List<String> cols = new ArrayList<>(columns(model, fields).stream().map(this::q).toList());
                    for (PythonValue e : c.args()) {
                        cols.add("(" + expression(e, model) + ")");
                    }
                    String condition = c.kwarg("condition").map(v -> " WHERE " + condition(v, model)).orElse("");
                    return backend.sql("create_unique_index", Map.of("name", q(name), "table", q(table), "columns",
                            String.join(", ", cols), "include", include(c, model), "condition", condition));
                }
                return "ALTER TABLE " + q(table) + " ADD CONSTRAINT " + q(name) + " UNIQUE ("
                        + String.join(", ", columns(model, fields).stream().map(this::q).toList()) + ")" + deferrable(c);
            }
            default -> throw new Untranslatable("`" + c.callee() + "` is a constraint this review does not render to SQL");
        }
    }

    /** Whether Django builds a unique constraint as a unique index: with a condition, expressions, include or opclasses. */
    static boolean uniqueIsIndex(Call c) {
        return c.kwarg("condition").isPresent() || !c.args().isEmpty() || c.kwarg("include").isPresent()
                || c.kwarg("opclasses").isPresent() || c.kwarg("expressions").isPresent();
    }

    /** {@code RemoveConstraint}: DROP CONSTRAINT, or DROP INDEX for one Django built as a unique index. */
    String removeConstraint(Optional<Call> constraint, String name, ModelState model) {
        if (constraint.isPresent() && constraint.get().name().equals("UniqueConstraint") && uniqueIsIndex(constraint.get())) {
            return dropIndex(model, name, false);
        }
        return backend.sql("delete_constraint", Map.of("table", q(table(model)), "name", q(name)));
    }

    String dropIndex(ModelState model, String name, boolean concurrently) {
        return backend.sql(concurrently ? "delete_index_concurrently" : "delete_index", Map.of("name", q(name), "table", q(table(model))));
    }

    private String deferrable(Call c) {
        return c.kwarg("deferrable").filter(Name.class::isInstance).map(v -> ((Name) v).last())
                .map(d -> d.equals("DEFERRED") ? " DEFERRABLE INITIALLY DEFERRED" : d.equals("IMMEDIATE")
                        ? " DEFERRABLE INITIALLY IMMEDIATE" : "").orElse("");
    }

    private static PythonValue checkOf(Call c) {
        return c.kwarg("condition").or(() -> c.kwarg("check")).orElse(null);
    }

    // ---------------------------------------------------------------- conditions and expressions

    /**
     * A {@code Q} object (or a {@code &}/{@code |}/{@code ~} of them) as SQL. Lookups this reader does not render
     * ({@code __regex}, a subquery, a custom lookup) become {@code TRUE}: the statement's locks and scans do not
     * depend on the condition's contents.
     */
    String condition(PythonValue v, ModelState model) {
        if (v == null) {
            return "TRUE";
        }
        if (v instanceof Call c) {
            switch (c.name()) {
                case "&", "|" -> {
                    return "(" + condition(c.args().get(0), model) + (c.name().equals("&") ? " AND " : " OR ")
                            + condition(c.args().get(1), model) + ")";
                }
                case "~" -> {
                    return "NOT (" + condition(c.args().get(0), model) + ")";
                }
                case "Q" -> {
                    List<String> parts = new ArrayList<>();
                    for (PythonValue a : c.args()) {
                        if (a instanceof Sequence pair && pair.items().size() == 2 && pair.items().get(0) instanceof Str k) {
                            parts.add(lookup(k.value(), pair.items().get(1), model));
                        } else {
                            parts.add(condition(a, model));
                        }
                    }
                    for (Map.Entry<String, PythonValue> e : c.kwargs().entrySet()) {
                        if (!e.getKey().startsWith("_")) {
                            parts.add(lookup(e.getKey(), e.getValue(), model));
                        }
                    }
                    String connector = c.kwarg("_connector").map(PythonValue::string).filter("OR"::equals).isPresent() ? " OR " : " AND ";
                    String joined = parts.isEmpty() ? "TRUE" : parts.size() == 1 ? parts.get(0) : "(" + String.join(connector, parts) + ")";
                    return c.flag("_negated", false) ? "NOT (" + joined + ")" : joined;
                }
                default -> {
                    return "TRUE";
                }
            }
        }
        return "TRUE";
    }

    private String lookup(String key, PythonValue value, ModelState model) {
        String[] parts = key.split("__");
        String op = parts.length > 1 ? parts[parts.length - 1] : "exact";
        String field = parts[0];
        if (parts.length > 2 || (parts.length == 2 && !LOOKUPS.containsKey(op) && !Set.of("isnull", "in", "iexact").contains(op))) {
            return "TRUE";
        }
        String column = q(columns(model, List.of(field)).get(0));
        switch (op) {
            case "isnull" -> {
                return column + (value instanceof Bool b && !b.value() ? " IS NOT NULL" : " IS NULL");
            }
            case "in" -> {
                if (value instanceof Sequence seq) {
                    List<String> items = new ArrayList<>();
                    for (PythonValue item : seq.items()) {
                        items.add(operand(item, model));
                    }
                    return column + " IN (" + String.join(", ", items) + ")";
                }
                return "TRUE";
            }
            case "iexact" -> {
                return "UPPER(" + column + "::text) = UPPER(" + operand(value, model) + ")";
            }
            default -> {
                if (value instanceof NoneValue && op.equals("exact")) {
                    return column + " IS NULL";
                }
                return column + " " + LOOKUPS.get(op) + " " + operand(value, model);
            }
        }
    }

    private String operand(PythonValue v, ModelState model) {
        if (v instanceof Call c && c.name().equals("F") && !c.args().isEmpty() && c.args().get(0) instanceof Str s) {
            return q(columns(model, List.of(s.value())).get(0));
        }
        String literal = literal(v);
        return literal == null ? "NULL" : literal;
    }

    /** An index expression: {@code F("x")}, {@code Lower("name")}, {@code Upper(F("x"))}; others by their function name. */
    String expression(PythonValue v, ModelState model) {
        if (v instanceof Str s) {
            return q(columns(model, List.of(s.value())).get(0));
        }
        if (v instanceof Call c) {
            if (c.name().equals("F") && !c.args().isEmpty()) {
                return expression(c.args().get(0), model);
            }
            if (c.name().equals("OrderBy") || c.name().equals("Collate")) {
                return c.args().isEmpty() ? "TRUE" : expression(c.args().get(0), model);
            }
            List<String> args = new ArrayList<>();
            for (PythonValue a : c.args()) {
                args.add(expression(a, model));
            }
            return c.name().toUpperCase(Locale.ROOT) + "(" + String.join(", ", args) + ")";
        }
        String literal = literal(v);
        return literal == null ? "NULL" : literal;
    }
}
