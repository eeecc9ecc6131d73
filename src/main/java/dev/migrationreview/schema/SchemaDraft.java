package dev.migrationreview.schema;

import dev.migrationreview.postgres.PostgresNames;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema being rebuilt, mutable for the length of a replay so that a history of thousands of
 * statements does not copy every map once per statement; {@link #freeze()} hands out the immutable
 * {@link Schema}. Never shared between threads or outlives one replay call.
 */
final class SchemaDraft {
    final Map<QualifiedName, Table> tables;
    final Map<QualifiedName, Index> indexes;
    final Map<QualifiedName, EnumType> enums;
    final Map<QualifiedName, View> views;
    final Map<QualifiedName, Sequence> sequences;
    final Set<String> schemas;
    String defaultSchema;

    private SchemaDraft(Schema from) {
        tables = new HashMap<>(from.tables());
        indexes = new HashMap<>(from.indexes());
        enums = new HashMap<>(from.enums());
        views = new HashMap<>(from.views());
        sequences = new HashMap<>(from.sequences());
        schemas = new LinkedHashSet<>(from.schemas());
        schemas.add(QualifiedName.DEFAULT_SCHEMA);
        defaultSchema = from.defaultSchema();
    }

    static SchemaDraft of(Schema schema) {
        return new SchemaDraft(schema);
    }

    Schema freeze() {
        return new Schema(tables, indexes, enums, views, sequences, schemas, defaultSchema);
    }

    QualifiedName resolve(QualifiedName name) {
        String n = PostgresNames.truncate(name.name());
        if (name.schema() != null) {
            return n.equals(name.name()) ? name : new QualifiedName(name.schema(), n);
        }
        return new QualifiedName(defaultSchema, n);
    }

    Table table(QualifiedName name) {
        return tables.get(resolve(name));
    }

    /** An index by name: in the default schema when unqualified, else wherever one of that name lives. */
    QualifiedName indexKey(QualifiedName name) {
        QualifiedName key = resolve(name);
        if (indexes.containsKey(key) || name.schema() != null) {
            return key;
        }
        for (QualifiedName k : indexes.keySet()) {
            if (k.name().equals(key.name())) {
                return k;
            }
        }
        return key;
    }

    QualifiedName sequenceKey(QualifiedName name) {
        QualifiedName key = resolve(name);
        if (sequences.containsKey(key) || name.schema() != null) {
            return key;
        }
        for (QualifiedName k : sequences.keySet()) {
            if (k.name().equals(key.name())) {
                return k;
            }
        }
        return key;
    }

    /** Tables, indexes, sequences and views share one namespace per schema. */
    boolean relationExists(String schema, String name) {
        QualifiedName q = new QualifiedName(schema, name);
        return tables.containsKey(q) || indexes.containsKey(q) || sequences.containsKey(q) || views.containsKey(q);
    }

    boolean constraintExists(String schema, String name) {
        for (Table t : tables.values()) {
            if (t.name().schema().equals(schema)) {
                for (Constraint c : t.constraints()) {
                    if (name.equals(c.name())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    List<Table> partitionsOf(QualifiedName parent) {
        List<Table> out = new ArrayList<>();
        for (Table t : tables.values()) {
            if (parent.equals(t.partitionOf())) {
                out.add(t);
            }
        }
        return out;
    }

    List<Index> indexesOn(QualifiedName table) {
        List<Index> out = new ArrayList<>();
        for (Index i : indexes.values()) {
            if (i.table().equals(table)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Index-backed constraints (primary key, unique, exclusion) share their index's name. */
    static boolean indexBacked(ConstraintType type) {
        return type == ConstraintType.PRIMARY_KEY || type == ConstraintType.UNIQUE || type == ConstraintType.EXCLUDE;
    }
}
