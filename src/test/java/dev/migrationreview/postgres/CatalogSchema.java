package dev.migrationreview.postgres;

import dev.migrationreview.schema.Column;
import dev.migrationreview.schema.Constraint;
import dev.migrationreview.schema.EnumType;
import dev.migrationreview.schema.Index;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.Sequence;
import dev.migrationreview.schema.Table;
import dev.migrationreview.schema.View;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.TypeName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema a real server has after the case's history, read from its catalog: what the model is
 * given as {@code schemaBefore}, so the suite judges the model alone, not the schema replay.
 */
final class CatalogSchema {
    private static final String USER = "n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_%'";
    private static final Pattern TYPMOD = Pattern.compile("\\(([\\d,\\s]+)\\)");

    private CatalogSchema() {}

    static Schema read(Connection c) throws SQLException {
        boolean generatedColumns = c.getMetaData().getDatabaseMajorVersion() >= 12;
        Map<Long, QualifiedName> names = new HashMap<>();
        Map<Long, Map<Integer, String>> attnames = new HashMap<>();
        Map<QualifiedName, List<Column>> columns = new LinkedHashMap<>();
        Map<QualifiedName, String> partitionBy = new HashMap<>();
        Map<QualifiedName, QualifiedName> partitionOf = new HashMap<>();
        Map<QualifiedName, Boolean> unlogged = new HashMap<>();
        Map<QualifiedName, View> views = new HashMap<>();
        Map<QualifiedName, Sequence> sequences = new HashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select c.oid::bigint, n.nspname, c.relname, c.relkind::text, c.relpersistence::text, "
                    + "case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end from pg_class c join pg_namespace n on n.oid = c.relnamespace where " + USER)) {
                while (rs.next()) {
                    QualifiedName q = new QualifiedName(rs.getString(2), rs.getString(3));
                    names.put(rs.getLong(1), q);
                    switch (rs.getString(4)) {
                        case "r", "p" -> {
                            columns.put(q, new ArrayList<>());
                            unlogged.put(q, "u".equals(rs.getString(5)));
                            if (rs.getString(6) != null) {
                                partitionBy.put(q, rs.getString(6));
                            }
                        }
                        case "S" -> sequences.put(q, new Sequence(q, null));
                        default -> { }
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("select a.attrelid::bigint, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                    + "pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, " + (generatedColumns ? "a.attgenerated::text" : "''")
                    + " from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum "
                    + "where a.attnum > 0 and not a.attisdropped order by a.attrelid, a.attnum")) {
                while (rs.next()) {
                    long rel = rs.getLong(1);
                    attnames.computeIfAbsent(rel, k -> new HashMap<>()).put(rs.getInt(2), rs.getString(3));
                    QualifiedName q = names.get(rel);
                    if (q == null || !columns.containsKey(q)) {
                        continue;
                    }
                    String identity = switch (rs.getString(7)) {
                        case "a" -> "ALWAYS";
                        case "d" -> "BY DEFAULT";
                        default -> null;
                    };
                    boolean generated = "s".equals(rs.getString(8));
                    String expr = rs.getString(6);
                    columns.get(q).add(new Column(rs.getString(3), typeName(rs.getString(4)), rs.getBoolean(5),
                            generated ? null : expr, identity, generated ? expr : null));
                }
            }
            try (ResultSet rs = s.executeQuery("select inhrelid::bigint, inhparent::bigint from pg_inherits i join pg_class c on c.oid = i.inhrelid where c.relispartition")) {
                while (rs.next()) {
                    QualifiedName child = names.get(rs.getLong(1));
                    if (child != null) {
                        partitionOf.put(child, names.get(rs.getLong(2)));
                    }
                }
            }
            Map<QualifiedName, List<Constraint>> constraints = new HashMap<>();
            try (ResultSet rs = s.executeQuery("select conrelid::bigint, conname, contype::text, conkey::int[], confrelid::bigint, confkey::int[], "
                    + "pg_get_constraintdef(oid), convalidated from pg_constraint where conrelid <> 0 and contype in ('p', 'u', 'f', 'c', 'x')")) {
                while (rs.next()) {
                    QualifiedName table = names.get(rs.getLong(1));
                    if (table == null || !columns.containsKey(table)) {
                        continue;
                    }
                    ConstraintType type = switch (rs.getString(3)) {
                        case "p" -> ConstraintType.PRIMARY_KEY;
                        case "u" -> ConstraintType.UNIQUE;
                        case "f" -> ConstraintType.FOREIGN_KEY;
                        case "c" -> ConstraintType.CHECK;
                        default -> ConstraintType.EXCLUDE;
                    };
                    long ref = rs.getLong(5);
                    String def = rs.getString(7);
                    constraints.computeIfAbsent(table, k -> new ArrayList<>()).add(new Constraint(rs.getString(2), type,
                            attnums(rs.getArray(4), attnames.get(rs.getLong(1))), ref == 0 ? null : names.get(ref),
                            ref == 0 ? List.of() : attnums(rs.getArray(6), attnames.get(ref)),
                            type == ConstraintType.CHECK ? checkExpression(def) : def, rs.getBoolean(8)));
                }
            }
            Map<QualifiedName, Index> indexes = new HashMap<>();
            try (ResultSet rs = s.executeQuery("select i.indexrelid::bigint, i.indrelid::bigint, i.indisunique, i.indnkeyatts, "
                    + "pg_get_expr(i.indpred, i.indrelid), am.amname, i.indisvalid "
                    + "from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_am am on am.oid = ic.relam")) {
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getInt(4), rs.getString(5), rs.getString(6), rs.getBoolean(7)});
                }
                Map<Long, List<String>> elementsByIndex = new HashMap<>();
                try (ResultSet e = s.executeQuery("select i.indexrelid::bigint, pg_get_indexdef(i.indexrelid, k, true) from pg_index i "
                        + "join pg_class ic on ic.oid = i.indexrelid join pg_namespace n on n.oid = ic.relnamespace, "
                        + "generate_series(1, i.indnkeyatts) k where " + USER + " order by 1, k")) {
                    while (e.next()) {
                        elementsByIndex.computeIfAbsent(e.getLong(1), k -> new ArrayList<>()).add(e.getString(2));
                    }
                }
                for (Object[] r : rows) {
                    QualifiedName name = names.get((Long) r[0]);
                    QualifiedName table = names.get((Long) r[1]);
                    if (name == null || table == null) {
                        continue;
                    }
                    List<String> elements = elementsByIndex.getOrDefault((Long) r[0], List.of());
                    indexes.put(name, new Index(name, table, (Boolean) r[2], elements, (String) r[4], (String) r[5], (Boolean) r[6]));
                }
            }
            Map<Long, List<QualifiedName>> bases = new HashMap<>();
            try (ResultSet d = s.executeQuery("select distinct r.ev_class::bigint, d.refobjid::bigint from pg_rewrite r join pg_depend d "
                    + "on d.objid = r.oid and d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass "
                    + "where d.refobjid <> r.ev_class")) {
                while (d.next()) {
                    QualifiedName b = names.get(d.getLong(2));
                    if (b != null) {
                        bases.computeIfAbsent(d.getLong(1), k -> new ArrayList<>()).add(b);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("select c.oid::bigint, c.relkind::text, pg_get_viewdef(c.oid) from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('v', 'm') and " + USER)) {
                while (rs.next()) {
                    QualifiedName q = names.get(rs.getLong(1));
                    views.put(q, new View(q, "m".equals(rs.getString(2)), bases.getOrDefault(rs.getLong(1), List.of()), rs.getString(3)));
                }
            }
            Map<QualifiedName, EnumType> enums = new HashMap<>();
            try (ResultSet rs = s.executeQuery("select n.nspname, t.typname, array_agg(e.enumlabel order by e.enumsortorder)::text[] from pg_enum e "
                    + "join pg_type t on t.oid = e.enumtypid join pg_namespace n on n.oid = t.typnamespace group by 1, 2")) {
                while (rs.next()) {
                    QualifiedName q = new QualifiedName(rs.getString(1), rs.getString(2));
                    enums.put(q, new EnumType(q, Arrays.asList((String[]) rs.getArray(3).getArray())));
                }
            }
            Map<QualifiedName, Table> tables = new HashMap<>();
            columns.forEach((q, cols) -> tables.put(q, new Table(q, cols, constraints.getOrDefault(q, List.of()), partitionBy.get(q),
                    partitionOf.get(q), unlogged.get(q))));
            return new Schema(tables, indexes, enums, views, sequences);
        }
    }

    private static List<String> attnums(java.sql.Array array, Map<Integer, String> byNumber) throws SQLException {
        if (array == null || byNumber == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Integer n : (Integer[]) array.getArray()) {
            out.add(byNumber.get(n));
        }
        return out;
    }

    /** {@code CHECK ((a IS NOT NULL))} -> {@code (a IS NOT NULL)}. */
    private static String checkExpression(String def) {
        String d = def.strip();
        if (d.startsWith("CHECK ")) {
            d = d.substring(6).strip();
        }
        int notValid = d.lastIndexOf(" NOT VALID");
        return notValid > 0 ? d.substring(0, notValid) : d;
    }

    /** {@code character varying(20)[]} -> name {@code character varying}, modifiers [20], one dimension. */
    static TypeName typeName(String formatted) {
        String t = formatted;
        int dims = 0;
        while (t.endsWith("[]")) {
            dims++;
            t = t.substring(0, t.length() - 2);
        }
        List<Integer> mods = new ArrayList<>();
        Matcher m = TYPMOD.matcher(t);
        if (m.find()) {
            for (String p : m.group(1).split(",")) {
                mods.add(Integer.parseInt(p.strip()));
            }
            t = (t.substring(0, m.start()) + t.substring(m.end())).replaceAll("\\s+", " ").strip();
        }
        return new TypeName(t, mods, dims, formatted);
    }
}
