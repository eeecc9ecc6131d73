package dev.migrationreview.format.rails;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.treesitter.TSNode;

/**
 * The SQL Rails sends for one schema-statement call ({@code add_index}, {@code create_table} with its block, a
 * {@code change_table} block's {@code t.string}), for the adapter and for the version of the migration's
 * {@code ActiveRecord::Migration[x.y]} (Rails keeps each version's defaults: bigint ids since 5.1, NOT NULL
 * timestamps since 5.0, datetime precision 6 since 7.0). Names Rails derives are derived the same way:
 * {@code index_orders_on_customer_id}, {@code fk_rails_<10 hex of SHA-256("orders_customer_id_fk")>},
 * {@code chk_rails_<…>}.
 */
final class RailsTranslator {
    /** What one call sends: its statements, or why it cannot be said without running Ruby. */
    record Translation(List<String> sql, String untranslated) {
        static Translation of(List<String> sql) {
            return new Translation(List.copyOf(sql), null);
        }

        static Translation not(String why) {
            return new Translation(List.of(), why);
        }
    }

    /** A call whose SQL depends on something only known when the migration runs. */
    static final class Untranslatable extends RuntimeException {
        Untranslatable(String why) {
            super(why, null, false, false);
        }
    }

    private final ColumnTypes types;
    /** The migration's {@code [x.y]} as {@code x * 10 + y}: 71 for 7.1. */
    private final int version;
    private final RubySource source;
    private final TranslatedSchema schema;

    RailsTranslator(RailsProject project, int version, RubySource source, TranslatedSchema schema) {
        this.types = ColumnTypes.of(project);
        this.version = version;
        this.source = source;
        this.schema = schema;
    }

    /** The calls this translator knows at the top of a migration (or a schema.rb {@code define} block). */
    static boolean schemaStatement(String method) {
        return switch (method) {
            case "create_table", "add_column", "add_index", "add_reference", "add_belongs_to", "add_foreign_key",
                    "validate_foreign_key", "add_check_constraint", "validate_check_constraint", "remove_check_constraint",
                    "change_column", "change_column_null", "change_column_default", "remove_column", "remove_columns",
                    "remove_index", "remove_reference", "remove_belongs_to", "remove_foreign_key", "rename_column",
                    "rename_table", "rename_index", "drop_table", "create_enum", "add_enum_value", "rename_enum_value",
                    "rename_enum", "drop_enum", "create_join_table", "drop_join_table", "enable_extension",
                    "disable_extension", "add_timestamps", "remove_timestamps", "change_column_comment",
                    "change_table_comment", "create_schema", "drop_schema" -> true;
            default -> false;
        };
    }

    Translation translate(RubyCall call) {
        try {
            if (call.opaque() != null) {
                throw new Untranslatable("its arguments are only known when it runs (`" + call.opaque() + "`)");
            }
            return Translation.of(sql(call));
        } catch (Untranslatable e) {
            return Translation.not("`" + call.method() + "` " + e.getMessage());
        }
    }

    private List<String> sql(RubyCall c) {
        return switch (c.method()) {
            case "create_table" -> createTable(c);
            case "create_join_table" -> createJoinTable(c);
            case "add_column" -> List.of(alter(table(c, 0), types.addColumn() + " " + column(name(c, 1), type(c, 2), c.options(), false)));
            case "add_index" -> List.of(createIndex(table(c, 0), required(c, 1), c.options()));
            case "add_reference", "add_belongs_to" -> addReference(table(c, 0), name(c, 1), c.options());
            case "add_foreign_key" -> List.of(alter(table(c, 0), "ADD " + foreignKey(table(c, 0), name(c, 1), c.options())
                    + (validate(c) ? "" : " NOT VALID")));
            case "validate_foreign_key" -> List.of(alter(table(c, 0), "VALIDATE CONSTRAINT "
                    + q(foreignKeyName(table(c, 0), c.name(1), c.options()))));
            case "add_check_constraint" -> List.of(alter(table(c, 0), "ADD CONSTRAINT " + q(checkName(table(c, 0), c))
                    + " CHECK (" + string(c, 1) + ")" + (validate(c) || types.mysql() ? "" : " NOT VALID")));
            case "validate_check_constraint" -> List.of(alter(table(c, 0), "VALIDATE CONSTRAINT " + q(checkName(table(c, 0), c))));
            case "remove_check_constraint" -> List.of(alter(table(c, 0), (types.mysql() ? "DROP CHECK " : "DROP CONSTRAINT ")
                    + (c.truthy("if_exists") ? "IF EXISTS " : "") + q(checkName(table(c, 0), c))));
            case "change_column" -> changeColumn(table(c, 0), name(c, 1), type(c, 2), c.options());
            case "change_column_null" -> changeColumnNull(c);
            case "change_column_default" -> changeColumnDefault(table(c, 0), name(c, 1), defaultOf(c));
            case "remove_column" -> {
                schema.droppedColumn(table(c, 0), name(c, 1));
                yield List.of(alter(table(c, 0), "DROP COLUMN " + (c.truthy("if_exists") ? "IF EXISTS " : "") + q(name(c, 1))));
            }
            case "remove_columns" -> removeColumns(c);
            case "remove_index" -> List.of(dropIndex(table(c, 0), c.argument(1), c.options()));
            case "remove_reference", "remove_belongs_to" -> removeReference(table(c, 0), name(c, 1), c.options());
            case "remove_foreign_key" -> List.of(alter(table(c, 0), (types.mysql() ? "DROP FOREIGN KEY " : "DROP CONSTRAINT ")
                    + (c.truthy("if_exists") && !types.mysql() ? "IF EXISTS " : "") + q(foreignKeyName(table(c, 0), c.name(1), c.options()))));
            case "rename_column" -> renameColumn(table(c, 0), name(c, 1), name(c, 2));
            case "rename_table" -> renameTable(table(c, 0), name(c, 1));
            case "rename_index" -> {
                schema.renamedIndex(name(c, 1), name(c, 2));
                yield List.of(renameIndex(table(c, 0), name(c, 1), name(c, 2)));
            }
            case "drop_table", "drop_join_table" -> dropTable(c);
            case "create_enum" -> List.of("CREATE TYPE " + q(name(c, 0)) + " AS ENUM (" + String.join(", ",
                    strings(c.argument(1)).stream().map(RailsTranslator::literal).toList()) + ")");
            case "add_enum_value" -> List.of("ALTER TYPE " + q(name(c, 0)) + " ADD VALUE " + (c.truthy("if_not_exists") ? "IF NOT EXISTS " : "")
                    + literal(name(c, 1)) + (c.has("before") ? " BEFORE " + literal(c.optionName("before")) : "")
                    + (c.has("after") ? " AFTER " + literal(c.optionName("after")) : ""));
            case "rename_enum_value" -> List.of("ALTER TYPE " + q(name(c, 0)) + " RENAME VALUE " + literal(optionString(c, "from"))
                    + " TO " + literal(optionString(c, "to")));
            case "rename_enum" -> List.of("ALTER TYPE " + q(name(c, 0)) + " RENAME TO " + q(c.has("to") ? optionString(c, "to") : name(c, 1)));
            case "drop_enum" -> List.of("DROP TYPE " + (c.truthy("if_exists") ? "IF EXISTS " : "") + q(name(c, 0)));
            case "enable_extension" -> List.of("CREATE EXTENSION IF NOT EXISTS " + q(name(c, 0)));
            case "disable_extension" -> List.of("DROP EXTENSION IF EXISTS " + q(name(c, 0)) + " CASCADE");
            case "add_timestamps" -> List.of(alter(table(c, 0), String.join(", ", timestamps(c.options(), version >= 70).stream()
                    .map(col -> types.addColumn() + " " + col).toList())));
            case "remove_timestamps" -> List.of(alter(table(c, 0), "DROP COLUMN " + q("created_at") + ", DROP COLUMN " + q("updated_at")));
            case "change_column_comment" -> List.of("COMMENT ON COLUMN " + q(table(c, 0)) + "." + q(name(c, 1)) + " IS "
                    + commentValue(c, 2));
            case "change_table_comment" -> List.of("COMMENT ON TABLE " + q(table(c, 0)) + " IS " + commentValue(c, 1));
            case "create_schema" -> List.of("CREATE SCHEMA " + (c.truthy("if_not_exists") ? "IF NOT EXISTS " : "") + q(name(c, 0)));
            case "drop_schema" -> List.of("DROP SCHEMA " + (c.truthy("if_exists") ? "IF EXISTS " : "") + q(name(c, 0)));
            default -> throw new Untranslatable("is not a schema statement Rails translates");
        };
    }

    // ---- tables

    private List<String> createTable(RubyCall c) {
        String table = table(c, 0);
        List<String> elements = new ArrayList<>();
        List<String> after = new ArrayList<>();
        List<String> before = new ArrayList<>();
        RubyValue force = c.option("force");
        if (force != null && !(force instanceof RubyValue.Bool b && !b.value())) {
            before.add("DROP TABLE IF EXISTS " + q(table) + ("cascade".equals(force.name()) ? " CASCADE" : ""));
        }
        RubyValue id = c.option("id");
        RubyValue primaryKey = c.option("primary_key");
        List<String> compositeKey = primaryKey instanceof RubyValue.Arr ? strings(primaryKey) : List.of();
        if (!(id instanceof RubyValue.Bool b && !b.value()) && compositeKey.isEmpty()) {
            String pk = primaryKey == null ? "id" : primaryKey.name();
            if (pk == null) {
                throw new Untranslatable("names its primary key with Ruby code");
            }
            String column = primaryKeyColumn(pk, id, c.options());
            elements.add(column);
            schema.createdTable(table, pk, column.contains("serial") || column.contains("AUTO_INCREMENT"));
        } else {
            schema.createdTable(table, compositeKey.isEmpty() ? null : String.join(",", compositeKey), false);
        }
        TableBody body = new TableBody(table, true);
        for (TSNode statement : tableStatements(c.blockStatements())) {
            RubyCall t = RubyCall.of(statement, source);
            if (t == null || c.blockParam() == null || !c.blockParam().equals(t.receiver())) {
                throw new Untranslatable("runs Ruby inside its block (`" + oneLine(source.text(statement)) + "`)");
            }
            body.add(t);
        }
        elements.addAll(body.columns);
        elements.addAll(body.constraints);
        if (!compositeKey.isEmpty()) {
            elements.add("PRIMARY KEY (" + String.join(", ", compositeKey.stream().map(this::q).toList()) + ")");
        }
        String create = "CREATE" + (c.truthy("temporary") ? " TEMPORARY" : "") + " TABLE " + (c.truthy("if_not_exists") ? "IF NOT EXISTS " : "")
                + q(table) + " (" + String.join(", ", elements) + ")";
        String options = c.optionName("options");
        if (options != null) {
            create += " " + options;
        }
        if (c.has("as")) {
            throw new Untranslatable("creates the table from a query");
        }
        List<String> out = new ArrayList<>(before);
        out.add(create);
        out.addAll(body.indexes);
        after.addAll(body.comments);
        if (c.has("comment")) {
            after.add("COMMENT ON TABLE " + q(table) + " IS " + literalValue(c.option("comment")));
        }
        out.addAll(after);
        return out;
    }

    private String primaryKeyColumn(String name, RubyValue id, Map<String, RubyValue> options) {
        String idType = id == null ? null : id.name();
        if (idType == null || idType.equals("primary_key") || (idType.equals("bigint") && !types.mysql())
                || (idType.equals("integer") && !types.mysql())) {
            boolean bigint = idType == null ? version >= 51 : !idType.equals("integer");
            if (idType != null && idType.equals("bigint")) {
                bigint = true;
            }
            return types.primaryKey(name, bigint);
        }
        if (idType.equals("bigint") || idType.equals("integer")) {
            return types.primaryKey(name, idType.equals("bigint"));
        }
        if (idType.equals("uuid") && !types.mysql()) {
            RubyValue d = options.get("default");
            String def = d == null ? "gen_random_uuid()" : defaultSql(d);
            return q(name) + " uuid DEFAULT " + def + " NOT NULL PRIMARY KEY";
        }
        String type = types.sqlType(idType, intOption(options, "limit"), null, null, false, null);
        if (type == null) {
            throw new Untranslatable("uses a primary key type this reader does not know (`" + idType + "`)");
        }
        return q(name) + " " + type + (options.containsKey("default") ? " DEFAULT " + defaultSql(options.get("default")) : "")
                + " NOT NULL PRIMARY KEY";
    }

    /** A create_table or change_table block's calls on its table variable. */
    private final class TableBody {
        final String table;
        final boolean creating;
        final List<String> columns = new ArrayList<>();
        final List<String> constraints = new ArrayList<>();
        final List<String> indexes = new ArrayList<>();
        final List<String> comments = new ArrayList<>();

        TableBody(String table, boolean creating) {
            this.table = table;
            this.creating = creating;
        }

        void add(RubyCall t) {
            if (t.opaque() != null) {
                throw new Untranslatable("passes arguments only known when it runs (`" + t.opaque() + "`)");
            }
            String m = t.method();
            switch (m) {
                case "timestamps" -> columns.addAll(timestamps(t.options(), creating ? version >= 60 : version >= 70));
                case "references", "belongs_to" -> {
                    for (RubyValue ref : t.arguments()) {
                        reference(nameOf(ref), t.options());
                    }
                }
                case "index" -> indexes.add(createIndex(table, required(t, 0), t.options()));
                case "foreign_key" -> constraints.add(foreignKey(table, name(t, 0), t.options()));
                case "check_constraint" -> constraints.add("CONSTRAINT " + q(checkName(table, t)) + " CHECK (" + string(t, 0) + ")");
                case "column" -> columns.add(column(name(t, 0), type(t, 1), t.options(), creating));
                default -> {
                    String railsType = m.equals("primary_key") ? null : m;
                    if (m.equals("primary_key")) {
                        columns.add(t.argument(1) == null ? types.primaryKey(name(t, 0), true)
                                : q(name(t, 0)) + " " + sqlType(name(t, 1), t.options()) + " NOT NULL PRIMARY KEY");
                        return;
                    }
                    if (types.sqlType(railsType, null, null, null, false, null) == null && !m.equals("enum") && !m.equals("virtual")
                            && !(m.equals("st_point") || m.startsWith("geo") || m.equals("line_string") || m.equals("multi_polygon"))) {
                        throw new Untranslatable("calls `t." + m + "`, which is not a column type this reader knows");
                    }
                    for (RubyValue name : t.arguments()) {
                        columns.add(column(nameOf(name), railsType, t.options(), creating));
                        if (t.has("index") && t.truthy("index")) {
                            indexes.add(createIndex(table, new RubyValue.Str(nameOf(name)), indexOptions(t.option("index"))));
                        }
                    }
                }
            }
        }

        private void reference(String ref, Map<String, RubyValue> options) {
            boolean polymorphic = options.containsKey("polymorphic") && !(options.get("polymorphic") instanceof RubyValue.Bool b && !b.value());
            String refType = options.containsKey("type") ? options.get("type").name() : version >= 51 ? "bigint" : "integer";
            if (refType == null) {
                throw new Untranslatable("takes the reference's `type:` from Ruby code");
            }
            Map<String, RubyValue> colOptions = columnOptions(options);
            if (polymorphic) {
                // Rails puts the type column first (active_storage_attachments: record_type, record_id)
                columns.add(column(ref + "_type", "string", colOptions, creating));
            }
            columns.add(column(ref + "_id", refType, colOptions, creating));
            RubyValue index = options.get("index");
            boolean indexed = index == null ? version >= 50 : !(index instanceof RubyValue.Bool b && !b.value());
            if (indexed) {
                List<RubyValue> cols = polymorphic ? List.of(new RubyValue.Str(ref + "_type"), new RubyValue.Str(ref + "_id"))
                        : List.of(new RubyValue.Str(ref + "_id"));
                Map<String, RubyValue> io = new java.util.LinkedHashMap<>(indexOptions(index));
                if (polymorphic && !io.containsKey("name") && version >= 60) {
                    io.put("name", new RubyValue.Str("index_" + table + "_on_" + ref));
                }
                indexes.add(createIndex(table, cols.size() == 1 ? cols.get(0) : new RubyValue.Arr(cols), io));
            }
            RubyValue fk = options.get("foreign_key");
            if (fk != null && !(fk instanceof RubyValue.Bool b && !b.value()) && !polymorphic) {
                Map<String, RubyValue> fo = fk instanceof RubyValue.Hash h ? new java.util.LinkedHashMap<>(h.entries()) : new java.util.LinkedHashMap<>();
                String toTable = fo.containsKey("to_table") ? fo.remove("to_table").name() : Inflections.pluralize(ref);
                fo.putIfAbsent("column", new RubyValue.Str(ref + "_id"));
                constraints.add(foreignKey(table, toTable, fo));
            }
        }
    }

    /**
     * A table block's statements, comments and heredoc bodies left out; a condition's first branch stands for it
     * ({@code if connection.supports_datetime_with_precision?}), as the migration's own statements do.
     */
    private static List<TSNode> tableStatements(List<TSNode> statements) {
        List<TSNode> out = new ArrayList<>();
        for (TSNode statement : statements) {
            switch (statement.getType()) {
                case "comment", "heredoc_body" -> { }
                case "if", "unless" -> {
                    TSNode consequence = RubySource.field(statement, "consequence");
                    out.addAll(tableStatements(RubySource.namedChildren(consequence)));
                }
                case "if_modifier", "unless_modifier" -> out.addAll(tableStatements(List.of(RubySource.field(statement, "body"))));
                default -> out.add(statement);
            }
        }
        return out;
    }

    /** One call of a change_table block, as Rails sends it: {@code t.string :name} is an {@code add_column}. */
    Translation changeTable(String table, RubyCall t) {
        try {
            if (t.opaque() != null) {
                throw new Untranslatable("passes arguments only known when it runs (`" + t.opaque() + "`)");
            }
            List<String> out = switch (t.method()) {
                case "remove" -> {
                    t.arguments().forEach(v -> schema.droppedColumn(table, nameOf(v)));
                    yield List.of(alter(table, String.join(", ", t.arguments().stream().map(v -> "DROP COLUMN " + q(nameOf(v))).toList())));
                }
                case "rename" -> renameColumn(table, name(t, 0), name(t, 1));
                case "change" -> changeColumn(table, name(t, 0), type(t, 1), t.options());
                case "change_default" -> changeColumnDefault(table, name(t, 0), defaultOf(t, 1));
                case "change_null" -> changeColumnNull(table, name(t, 0), t.argument(1), t.argument(2));
                case "remove_index" -> List.of(dropIndex(table, t.argument(0), t.options()));
                case "rename_index" -> {
                    schema.renamedIndex(name(t, 0), name(t, 1));
                    yield List.of(renameIndex(table, name(t, 0), name(t, 1)));
                }
                case "remove_references", "remove_belongs_to" -> removeReference(table, name(t, 0), t.options());
                case "remove_timestamps" -> List.of(alter(table, "DROP COLUMN " + q("created_at") + ", DROP COLUMN " + q("updated_at")));
                case "remove_foreign_key" -> List.of(alter(table, "DROP CONSTRAINT " + q(foreignKeyName(table, t.name(0), t.options()))));
                case "remove_check_constraint" -> List.of(alter(table, "DROP CONSTRAINT " + q(checkName(table, t))));
                case "check_constraint" -> List.of(alter(table, "ADD CONSTRAINT " + q(checkName(table, t)) + " CHECK (" + string(t, 0) + ")"
                        + (validate(t) || types.mysql() ? "" : " NOT VALID")));
                case "foreign_key" -> List.of(alter(table, "ADD " + foreignKey(table, name(t, 0), t.options()) + (validate(t) ? "" : " NOT VALID")));
                case "references", "belongs_to" -> {
                    List<String> all = new ArrayList<>();
                    for (RubyValue ref : t.arguments()) {
                        all.addAll(addReference(table, nameOf(ref), t.options()));
                    }
                    yield all;
                }
                default -> {
                    TableBody body = new TableBody(table, false);
                    body.add(t);
                    List<String> all = new ArrayList<>();
                    if (!body.columns.isEmpty()) {
                        all.add(alter(table, String.join(", ", body.columns.stream().map(col -> types.addColumn() + " " + col).toList())));
                    }
                    all.addAll(body.constraints.stream().map(con -> alter(table, "ADD " + con)).toList());
                    all.addAll(body.indexes);
                    yield all;
                }
            };
            return Translation.of(out);
        } catch (Untranslatable e) {
            return Translation.not("`t." + t.method() + "` " + e.getMessage());
        }
    }

    private List<String> createJoinTable(RubyCall c) {
        String a = name(c, 0);
        String b = name(c, 1);
        String table = c.has("table_name") ? c.optionName("table_name") : joinTableName(a, b);
        schema.createdTable(table, null, false);
        Map<String, RubyValue> colOptions = new java.util.LinkedHashMap<>();
        colOptions.put("null", new RubyValue.Bool(false));
        if (c.option("column_options") instanceof RubyValue.Hash h) {
            colOptions.putAll(h.entries());
        }
        String idType = version >= 51 ? "bigint" : "integer";
        List<String> cols = new ArrayList<>();
        cols.add(column(Inflections.singularize(a) + "_id", idType, colOptions, true));
        cols.add(column(Inflections.singularize(b) + "_id", idType, colOptions, true));
        TableBody body = new TableBody(table, true);
        for (TSNode statement : tableStatements(c.blockStatements())) {
            RubyCall t = RubyCall.of(statement, source);
            if (t == null || c.blockParam() == null || !c.blockParam().equals(t.receiver())) {
                throw new Untranslatable("runs Ruby inside its block (`" + oneLine(source.text(statement)) + "`)");
            }
            body.add(t);
        }
        cols.addAll(body.columns);
        cols.addAll(body.constraints);
        List<String> out = new ArrayList<>();
        out.add("CREATE TABLE " + q(table) + " (" + String.join(", ", cols) + ")");
        out.addAll(body.indexes);
        return out;
    }

    /** Rails' join table name: both names sorted, a shared prefix written once ({@code music_artists_records}). */
    static String joinTableName(String a, String b) {
        String first = a.compareTo(b) <= 0 ? a : b;
        String second = a.compareTo(b) <= 0 ? b : a;
        int underscore = first.lastIndexOf('_');
        if (underscore > 0) {
            String prefix = first.substring(0, underscore + 1);
            if (second.startsWith(prefix) && second.length() > prefix.length()) {
                return prefix + first.substring(prefix.length()) + "_" + second.substring(prefix.length());
            }
        }
        return first + "_" + second;
    }

    private List<String> dropTable(RubyCall c) {
        List<String> tables = new ArrayList<>();
        if (c.method().equals("drop_join_table")) {
            tables.add(c.has("table_name") ? c.optionName("table_name") : joinTableName(name(c, 0), name(c, 1)));
        } else {
            for (RubyValue v : c.arguments()) {
                tables.add(nameOf(v));
            }
        }
        tables.forEach(schema::droppedTable);
        return List.of("DROP TABLE " + (c.truthy("if_exists") ? "IF EXISTS " : "")
                + String.join(", ", tables.stream().map(this::q).toList())
                + ("cascade".equals(c.optionName("force")) ? " CASCADE" : ""));
    }

    // ---- columns

    private String column(String name, String railsType, Map<String, RubyValue> options, boolean creating) {
        if (railsType == null) {
            throw new Untranslatable("takes the column type from Ruby code");
        }
        if (railsType.equals("primary_key")) {
            return types.primaryKey(name, version >= 51);
        }
        if (railsType.equals("virtual")) {
            // a generated column: its type is `type:`, its expression `as:`
            String inner = options.containsKey("type") ? options.get("type").name() : null;
            if (inner == null) {
                throw new Untranslatable("declares a virtual column without `type:`");
            }
            railsType = inner;
        }
        String type = railsType.equals("enum") ? enumType(options) : sqlType(railsType, options);
        StringBuilder sql = new StringBuilder(q(name)).append(' ').append(type);
        if (options.containsKey("as") && !types.mysql()) {
            sql.append(" GENERATED ALWAYS AS (").append(string(options.get("as"), "as")).append(") STORED");
        } else if (options.containsKey("as")) {
            sql.append(" AS (").append(string(options.get("as"), "as")).append(")")
                    .append(options.get("stored") instanceof RubyValue.Bool b && b.value() ? " STORED" : "");
        }
        RubyValue def = options.get("default");
        boolean notNull = options.get("null") instanceof RubyValue.Bool b && !b.value();
        if (options.containsKey("default") && !(notNull && def instanceof RubyValue.Nil)) {
            sql.append(" DEFAULT ").append(defaultSql(def));
        }
        if (notNull) {
            sql.append(" NOT NULL");
        }
        if (options.get("primary_key") instanceof RubyValue.Bool b && b.value()) {
            sql.append(" PRIMARY KEY");
        }
        if (options.containsKey("comment") && types.mysql()) {
            sql.append(" COMMENT ").append(literalValue(options.get("comment")));
        }
        return sql.toString();
    }

    private String enumType(Map<String, RubyValue> options) {
        String name = options.containsKey("enum_type") ? options.get("enum_type").name() : null;
        if (name == null) {
            throw new Untranslatable("declares an enum column without `enum_type:`");
        }
        return types.mysql() ? name : q(name);
    }

    private String sqlType(String railsType, Map<String, RubyValue> options) {
        Integer datetimePrecision = version >= 70 ? Integer.valueOf(6) : null;
        RubyValue precision = options.get("precision");
        if (precision instanceof RubyValue.Nil) {
            datetimePrecision = null;
        }
        String type = types.sqlType(railsType, intOption(options, "limit"), intOption(options, "precision"), intOption(options, "scale"),
                options.get("array") instanceof RubyValue.Bool b && b.value(), datetimePrecision);
        // Rails sends a type it has no mapping for as written (`:user_status_enum`, `"binary(3)"`)
        return type == null ? railsType : type;
    }

    /** {@code created_at} and {@code updated_at}: NOT NULL since Rails 5.0; precision 6 where Rails gives it. */
    private List<String> timestamps(Map<String, RubyValue> options, boolean precision6) {
        Map<String, RubyValue> o = new java.util.LinkedHashMap<>(options);
        if (!o.containsKey("null") && version >= 50) {
            o.put("null", new RubyValue.Bool(false));
        }
        if (!o.containsKey("precision") && !precision6) {
            o.put("precision", new RubyValue.Nil());
        } else if (!o.containsKey("precision")) {
            o.put("precision", new RubyValue.Num("6"));
        }
        return List.of(column("created_at", "datetime", o, true), column("updated_at", "datetime", o, true));
    }

    private List<String> changeColumn(String table, String column, String railsType, Map<String, RubyValue> options) {
        if (types.mysql()) {
            return List.of(alter(table, "MODIFY " + column(column, railsType, options, false)));
        }
        StringBuilder sql = new StringBuilder("ALTER COLUMN ").append(q(column)).append(" TYPE ").append(sqlType(railsType, options));
        if (options.containsKey("using")) {
            sql.append(" USING ").append(string(options.get("using"), "using"));
        }
        if (options.containsKey("default")) {
            RubyValue d = options.get("default");
            sql.append(", ALTER COLUMN ").append(q(column)).append(d instanceof RubyValue.Nil ? " DROP DEFAULT" : " SET DEFAULT " + defaultSql(d));
        }
        if (options.get("null") instanceof RubyValue.Bool b) {
            sql.append(", ALTER COLUMN ").append(q(column)).append(b.value() ? " DROP NOT NULL" : " SET NOT NULL");
        }
        return List.of(alter(table, sql.toString()));
    }

    /**
     * {@code rename_column}, and the indexes Rails renames with it: those holding the column whose name is Rails'
     * default for their columns ({@code rename_column_indexes}).
     */
    private List<String> renameColumn(String table, String from, String to) {
        List<String> out = new ArrayList<>();
        out.add(alter(table, "RENAME COLUMN " + q(from) + " TO " + q(to)));
        schema.renamedColumn(table, from, to);
        for (TranslatedSchema.Index index : schema.indexesOf(table)) {
            if (!index.columns().contains(to)) {
                continue;
            }
            List<String> old = new ArrayList<>(index.columns());
            old.replaceAll(col -> col.equals(to) ? from : col);
            if (indexName(table, old, version).equals(index.name())) {
                String renamed = indexName(table, index.columns(), version);
                out.add(renameIndex(table, index.name(), renamed));
                schema.renamedIndex(index.name(), renamed);
            }
        }
        return out;
    }

    /**
     * {@code rename_table}, and what Rails renames with it: on PostgreSQL the primary key's index
     * ({@code <table>_pkey}) and its sequence when Rails named it ({@code <table>_<pk>_seq}); everywhere, the indexes
     * whose name is Rails' default for the old table ({@code rename_table_indexes}).
     */
    private List<String> renameTable(String from, String to) {
        List<String> out = new ArrayList<>();
        out.add(types.mysql() ? "RENAME TABLE " + q(from) + " TO " + q(to) : alter(from, "RENAME TO " + q(to)));
        schema.renamedTable(from, to);
        if (!types.mysql() && schema.primaryKey(to).isPresent()) {
            String pk = schema.primaryKey(to).get();
            out.add("ALTER INDEX " + q(truncate(from, 58) + "_pkey") + " RENAME TO " + q(truncate(to, 58) + "_pkey"));
            if (schema.hasSequence(to)) {
                out.add("ALTER TABLE " + q(from + "_" + pk + "_seq") + " RENAME TO " + q(to + "_" + pk + "_seq"));
            }
        }
        for (TranslatedSchema.Index index : schema.indexesOf(to)) {
            if (!index.columns().isEmpty() && indexName(from, index.columns(), version).equals(index.name())) {
                String renamed = indexName(to, index.columns(), version);
                out.add(renameIndex(to, index.name(), renamed));
                schema.renamedIndex(index.name(), renamed);
            }
        }
        return out;
    }

    private String renameIndex(String table, String from, String to) {
        return types.mysql() ? alter(table, "RENAME INDEX " + q(from) + " TO " + q(to)) : "ALTER INDEX " + q(from) + " RENAME TO " + q(to);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private List<String> changeColumnNull(RubyCall c) {
        return changeColumnNull(table(c, 0), name(c, 1), c.argument(2), c.argument(3));
    }

    private List<String> changeColumnNull(String table, String column, RubyValue nullable, RubyValue backfill) {
        if (!(nullable instanceof RubyValue.Bool allow)) {
            throw new Untranslatable("sets NULL-ability from Ruby code");
        }
        if (types.mysql()) {
            throw new Untranslatable("on MySQL rewrites the column's whole definition, which the migration does not state");
        }
        List<String> out = new ArrayList<>();
        if (!allow.value() && backfill != null && !(backfill instanceof RubyValue.Nil)) {
            out.add("UPDATE " + q(table) + " SET " + q(column) + "=" + defaultSql(backfill) + " WHERE " + q(column) + " IS NULL");
        }
        out.add(alter(table, "ALTER COLUMN " + q(column) + (allow.value() ? " DROP NOT NULL" : " SET NOT NULL")));
        return out;
    }

    private RubyValue defaultOf(RubyCall c) {
        return defaultOf(c, 2);
    }

    /** {@code change_column_default}'s new default: the argument, or {@code to:} of {@code from:/to:}. */
    private static RubyValue defaultOf(RubyCall c, int position) {
        if (c.has("to") || c.has("from")) {
            return c.has("to") ? c.option("to") : new RubyValue.Nil();
        }
        RubyValue v = c.argument(position);
        if (v == null) {
            throw new Untranslatable("names no default");
        }
        return v;
    }

    private List<String> changeColumnDefault(String table, String column, RubyValue def) {
        return List.of(alter(table, "ALTER COLUMN " + q(column)
                + (def instanceof RubyValue.Nil ? " DROP DEFAULT" : " SET DEFAULT " + defaultSql(def))));
    }

    private List<String> removeColumns(RubyCall c) {
        String table = table(c, 0);
        List<String> drops = new ArrayList<>();
        for (int i = 1; i < c.arguments().size(); i++) {
            drops.add("DROP COLUMN " + q(nameOf(c.argument(i))));
            schema.droppedColumn(table, nameOf(c.argument(i)));
        }
        if (drops.isEmpty()) {
            throw new Untranslatable("names no column");
        }
        return List.of(alter(table, String.join(", ", drops)));
    }

    // ---- indexes

    /** Rails' default index name: {@code index_orders_on_customer_id_and_created_at}. */
    static String indexName(String table, List<String> columns) {
        return "index_" + table + "_on_" + String.join("_and_", columns);
    }

    /**
     * The default name for this migration's version: since Rails 7.1 a name over 62 bytes becomes
     * {@code idx_on_<columns joined by _>} cut to fit, then {@code _} and 10 hex digits of SHA-256 of the long name.
     */
    static String indexName(String table, List<String> columns, int version) {
        String name = indexName(table, columns);
        if (version < 71 || name.getBytes(StandardCharsets.UTF_8).length <= 62) {
            return name;
        }
        String hash = "_" + sha256(name).substring(0, 10);
        String shortName = "idx_on_" + String.join("_", columns);
        int limit = 62 - hash.length();
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < shortName.length(); ) {
            int cp = shortName.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > limit) {
                break;
            }
            cut.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return cut + hash;
    }

    private String createIndex(String table, RubyValue columnsValue, Map<String, RubyValue> options) {
        List<String> columns;
        boolean expression = false;
        if (columnsValue instanceof RubyValue.Str s && !s.text().matches("\\w+")) {
            columns = List.of(s.text());
            expression = true;
        } else {
            columns = strings(columnsValue);
        }
        String name = options.containsKey("name") ? options.get("name").name()
                : indexName(table, expression ? List.of(columns.get(0).replaceAll("\\W+", "_").replaceAll("^_|_$", "").toLowerCase(Locale.ROOT)) : columns, version);
        if (name == null) {
            throw new Untranslatable("names its index with Ruby code");
        }
        schema.createdIndex(table, name, expression ? List.of() : columns);
        boolean unique = options.get("unique") instanceof RubyValue.Bool b && b.value();
        String algorithm = options.containsKey("algorithm") ? options.get("algorithm").name() : null;
        List<String> parts = new ArrayList<>();
        for (String col : columns) {
            String part = expression ? col : q(col);
            String opclass = perColumn(options.get("opclass"), col);
            if (opclass != null) {
                part += " " + opclass;
            }
            String order = perColumn(options.get("order"), col);
            if (order != null) {
                part += " " + order.toUpperCase(Locale.ROOT).replace("_", " ");
            }
            RubyValue length = options.get("length");
            if (types.mysql() && length != null) {
                String l = length instanceof RubyValue.Num n ? n.text() : perColumn(length, col);
                if (l != null) {
                    part += "(" + l + ")";
                }
            }
            parts.add(part);
        }
        StringBuilder sql = new StringBuilder("CREATE ");
        if (unique) {
            sql.append("UNIQUE ");
        } else if (types.mysql() && options.containsKey("type")) {
            sql.append(options.get("type").name().toUpperCase(Locale.ROOT)).append(' ');
        }
        sql.append("INDEX ");
        if (!types.mysql() && "concurrently".equals(algorithm)) {
            sql.append("CONCURRENTLY ");
        }
        if (options.get("if_not_exists") instanceof RubyValue.Bool b && b.value() && !types.mysql()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(q(name)).append(" ON ").append(q(table));
        if (options.containsKey("using")) {
            sql.append(" USING ").append(options.get("using").name());
        }
        sql.append(" (").append(String.join(", ", parts)).append(")");
        if (options.containsKey("include") && !types.mysql()) {
            sql.append(" INCLUDE (").append(String.join(", ", strings(options.get("include")).stream().map(this::q).toList())).append(")");
        }
        if (options.get("nulls_not_distinct") instanceof RubyValue.Bool b && b.value()) {
            sql.append(" NULLS NOT DISTINCT");
        }
        if (options.containsKey("where") && !types.mysql()) {
            sql.append(" WHERE ").append(string(options.get("where"), "where"));
        }
        if (types.mysql() && algorithm != null) {
            sql.append(" ALGORITHM = ").append(algorithm.toUpperCase(Locale.ROOT));
        }
        if (types.mysql() && options.containsKey("lock")) {
            sql.append(" LOCK = ").append(options.get("lock").name().toUpperCase(Locale.ROOT));
        }
        return sql.toString();
    }

    private String dropIndex(String table, RubyValue column, Map<String, RubyValue> options) {
        String name;
        if (options.containsKey("name")) {
            name = options.get("name").name();
        } else if (column != null || options.containsKey("column")) {
            // Rails finds the index on those columns, whatever its name
            List<String> columns = strings(column != null ? column : options.get("column"));
            name = schema.indexOn(table, columns).map(TranslatedSchema.Index::name).orElse(indexName(table, columns, version));
        } else {
            throw new Untranslatable("names no index");
        }
        if (name != null) {
            schema.droppedIndex(name);
        }
        if (types.mysql()) {
            return "DROP INDEX " + q(name) + " ON " + q(table);
        }
        return "DROP INDEX " + ("concurrently".equals(options.containsKey("algorithm") ? options.get("algorithm").name() : null) ? "CONCURRENTLY " : "")
                + (options.get("if_exists") instanceof RubyValue.Bool b && b.value() ? "IF EXISTS " : "") + q(name);
    }

    private static Map<String, RubyValue> indexOptions(RubyValue index) {
        return index instanceof RubyValue.Hash h ? h.entries() : Map.of();
    }

    /** An option given for all columns ({@code order: :desc}) or per column ({@code order: {name: :desc}}). */
    private static String perColumn(RubyValue option, String column) {
        if (option == null) {
            return null;
        }
        if (option instanceof RubyValue.Hash h) {
            RubyValue v = h.entries().get(column);
            return v == null ? null : v.name();
        }
        return option.name();
    }

    // ---- references and foreign keys

    private List<String> addReference(String table, String ref, Map<String, RubyValue> options) {
        TableBody body = new TableBody(table, false);
        body.reference(ref, options);
        List<String> out = new ArrayList<>();
        for (String col : body.columns) {
            out.add(alter(table, types.addColumn() + " " + col));
        }
        out.addAll(body.indexes);
        RubyValue fk = options.get("foreign_key");
        for (String con : body.constraints) {
            boolean notValid = fk instanceof RubyValue.Hash h && h.entries().get("validate") instanceof RubyValue.Bool b && !b.value();
            out.add(alter(table, "ADD " + con + (notValid ? " NOT VALID" : "")));
        }
        return out;
    }

    private List<String> removeReference(String table, String ref, Map<String, RubyValue> options) {
        List<String> out = new ArrayList<>();
        RubyValue fk = options.get("foreign_key");
        if (fk != null && !(fk instanceof RubyValue.Bool b && !b.value())) {
            Map<String, RubyValue> fo = fk instanceof RubyValue.Hash h ? new java.util.LinkedHashMap<>(h.entries()) : new java.util.LinkedHashMap<>();
            String toTable = fo.containsKey("to_table") ? fo.remove("to_table").name() : Inflections.pluralize(ref);
            fo.putIfAbsent("column", new RubyValue.Str(ref + "_id"));
            out.add(alter(table, (types.mysql() ? "DROP FOREIGN KEY " : "DROP CONSTRAINT ") + q(foreignKeyName(table, toTable, fo))));
        }
        boolean polymorphic = options.get("polymorphic") instanceof RubyValue.Bool b && b.value();
        schema.droppedColumn(table, ref + "_id");
        out.add(alter(table, "DROP COLUMN " + q(ref + "_id") + (polymorphic ? ", DROP COLUMN " + q(ref + "_type") : "")));
        return out;
    }

    /** {@code CONSTRAINT "fk_rails_…" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id")} and its actions. */
    private String foreignKey(String fromTable, String toTable, Map<String, RubyValue> options) {
        if (toTable == null) {
            throw new Untranslatable("names the referenced table with Ruby code");
        }
        String column = options.containsKey("column") ? columnList(options.get("column")) : q(Inflections.singularize(toTable) + "_id");
        String pk = options.containsKey("primary_key") ? columnList(options.get("primary_key")) : q("id");
        StringBuilder sql = new StringBuilder("CONSTRAINT ").append(q(foreignKeyName(fromTable, toTable, options)))
                .append(" FOREIGN KEY (").append(column).append(") REFERENCES ").append(q(toTable)).append(" (").append(pk).append(")");
        String onDelete = options.containsKey("on_delete") ? options.get("on_delete").name() : null;
        String onUpdate = options.containsKey("on_update") ? options.get("on_update").name() : null;
        if (onDelete != null) {
            sql.append(" ON DELETE ").append(action(onDelete));
        }
        if (onUpdate != null) {
            sql.append(" ON UPDATE ").append(action(onUpdate));
        }
        String deferrable = options.containsKey("deferrable") ? options.get("deferrable").name() : null;
        if (deferrable != null && !types.mysql()) {
            sql.append(" DEFERRABLE INITIALLY ").append(deferrable.toUpperCase(Locale.ROOT));
        } else if (options.get("deferrable") instanceof RubyValue.Bool b && b.value() && !types.mysql()) {
            sql.append(" DEFERRABLE");
        }
        return sql.toString();
    }

    private String columnList(RubyValue v) {
        return String.join(", ", strings(v).stream().map(this::q).toList());
    }

    private static String action(String action) {
        return switch (action) {
            case "nullify" -> "SET NULL";
            case "cascade" -> "CASCADE";
            case "restrict" -> "RESTRICT";
            default -> action.toUpperCase(Locale.ROOT).replace("_", " ");
        };
    }

    /**
     * The name Rails gives a foreign key: {@code name:} when given, else {@code fk_rails_} and the first 10 hex
     * digits of SHA-256 over {@code "<from_table>_<column>_fk"}, the column defaulting to the singular of the
     * referenced table with {@code _id}.
     */
    static String foreignKeyName(String fromTable, String toTable, Map<String, RubyValue> options) {
        if (options.containsKey("name")) {
            String n = options.get("name").name();
            if (n == null) {
                throw new Untranslatable("names its constraint with Ruby code");
            }
            return n;
        }
        String column;
        if (options.containsKey("column")) {
            List<String> cols = strings(options.get("column"));
            column = cols.size() == 1 ? cols.get(0) : "[" + String.join(", ", cols.stream().map(c -> "\"" + c + "\"").toList()) + "]";
        } else if (toTable != null) {
            column = Inflections.singularize(toTable) + "_id";
        } else {
            throw new Untranslatable("names neither the referenced table nor the column");
        }
        return "fk_rails_" + sha256(fromTable + "_" + column + "_fk").substring(0, 10);
    }

    /** {@code name:}, else {@code chk_rails_} and 10 hex digits of SHA-256 over {@code "<table>_<expression>_chk"}. */
    private String checkName(String table, RubyCall c) {
        if (c.has("name")) {
            String n = c.optionName("name");
            if (n == null) {
                throw new Untranslatable("names its constraint with Ruby code");
            }
            return n;
        }
        String expression = c.method().equals("check_constraint") || c.method().equals("remove_check_constraint") && c.receiver() != null
                ? c.name(0) : c.name(1);
        if (expression == null) {
            throw new Untranslatable("names neither the constraint nor its expression");
        }
        return "chk_rails_" + sha256(table + "_" + expression + "_chk").substring(0, 10);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static boolean validate(RubyCall c) {
        return !(c.option("validate") instanceof RubyValue.Bool b && !b.value());
    }

    // ---- values

    private String defaultSql(RubyValue v) {
        if (v instanceof RubyValue.Str s) {
            return literal(s.text());
        }
        if (v instanceof RubyValue.Sym s) {
            return literal(s.name());
        }
        if (v instanceof RubyValue.Num n) {
            return n.text();
        }
        if (v instanceof RubyValue.Bool b) {
            return b.value() ? "TRUE" : "FALSE";
        }
        if (v instanceof RubyValue.Nil) {
            return "NULL";
        }
        if (v instanceof RubyValue.SqlExpression e) {
            return e.sql();
        }
        if (v instanceof RubyValue.Arr a && !types.mysql()) {
            return literal("{" + String.join(",", a.items().stream().map(i -> {
                String n = i.name();
                if (n == null && i instanceof RubyValue.Num num) {
                    return num.text();
                }
                if (n == null) {
                    throw new Untranslatable("has a default computed by Ruby code");
                }
                return n.matches("[\\w.-]+") ? n : "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }).toList()) + "}");
        }
        if (v instanceof RubyValue.Hash h && h.entries().isEmpty()) {
            return literal("{}");
        }
        throw new Untranslatable("has a default computed by Ruby code (`" + (v instanceof RubyValue.Code c ? c.text() : v) + "`)");
    }

    private String literalValue(RubyValue v) {
        String s = v == null ? null : v.name();
        if (s == null) {
            throw new Untranslatable("has a value computed by Ruby code");
        }
        return literal(s);
    }

    private String commentValue(RubyCall c, int position) {
        RubyValue v = c.has("to") ? c.option("to") : c.argument(position);
        return v instanceof RubyValue.Nil || v == null ? "NULL" : literalValue(v);
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private String q(String name) {
        return types.quote(name);
    }

    private String alter(String table, String action) {
        return "ALTER TABLE " + q(table) + " " + action;
    }

    private static String table(RubyCall c, int i) {
        return name(c, i);
    }

    private static String name(RubyCall c, int i) {
        RubyValue v = c.argument(i);
        if (v == null) {
            throw new Untranslatable("is missing argument " + (i + 1));
        }
        return nameOf(v);
    }

    private static RubyValue required(RubyCall c, int i) {
        RubyValue v = c.argument(i);
        if (v == null) {
            throw new Untranslatable("is missing argument " + (i + 1));
        }
        return v;
    }

    private static String nameOf(RubyValue v) {
        String n = v.name();
        if (n == null) {
            throw new Untranslatable("names a table or column with Ruby code (`" + (v instanceof RubyValue.Code c ? c.text() : v) + "`)");
        }
        return n;
    }

    private static String type(RubyCall c, int i) {
        return name(c, i);
    }

    private static String string(RubyCall c, int i) {
        RubyValue v = c.argument(i);
        if (!(v instanceof RubyValue.Str s)) {
            throw new Untranslatable("takes its SQL from Ruby code" + (v instanceof RubyValue.Code code ? " (`" + code.text() + "`)" : ""));
        }
        return s.text();
    }

    private static String string(RubyValue v, String option) {
        if (v instanceof RubyValue.Str s) {
            return s.text();
        }
        if (v instanceof RubyValue.SqlExpression e) {
            return e.sql();
        }
        throw new Untranslatable("takes `" + option + ":` from Ruby code");
    }

    private static String optionString(RubyCall c, String key) {
        String s = c.optionName(key);
        if (s == null) {
            throw new Untranslatable("is missing `" + key + ":`");
        }
        return s;
    }

    static List<String> strings(RubyValue v) {
        if (v instanceof RubyValue.Arr a) {
            return a.items().stream().map(RailsTranslator::nameOf).toList();
        }
        if (v == null) {
            throw new Untranslatable("is missing its columns");
        }
        return List.of(nameOf(v));
    }

    private static Integer intOption(Map<String, RubyValue> options, String key) {
        RubyValue v = options.get(key);
        if (v instanceof RubyValue.Num n && n.text().matches("-?\\d+")) {
            // MySQL's longtext is written limit: 4294967295, past an int
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Long.parseLong(n.text())));
        }
        if (v != null && !(v instanceof RubyValue.Nil)) {
            throw new Untranslatable("takes `" + key + ":` from Ruby code");
        }
        return null;
    }

    /** The options of a reference that belong to its columns, not to its index or foreign key. */
    private static Map<String, RubyValue> columnOptions(Map<String, RubyValue> options) {
        Map<String, RubyValue> out = new java.util.LinkedHashMap<>();
        for (String key : List.of("null", "default", "limit", "comment")) {
            if (options.containsKey(key)) {
                out.put(key, options.get(key));
            }
        }
        return out;
    }

    static String oneLine(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        return s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }
}
