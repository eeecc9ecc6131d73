package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database schema at one point of a migration history. Immutable: replaying a statement returns
 * a new Schema. All keys are {@link QualifiedName#qualified()} names.
 */
public record Schema(
        Map<QualifiedName, Table> tables,
        Map<QualifiedName, Index> indexes,
        Map<QualifiedName, EnumType> enums,
        Map<QualifiedName, View> views,
        Map<QualifiedName, Sequence> sequences) {

    public static final Schema EMPTY = new Schema(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    public Schema {
        tables = Map.copyOf(tables);
        indexes = Map.copyOf(indexes);
        enums = Map.copyOf(enums);
        views = Map.copyOf(views);
        sequences = Map.copyOf(sequences);
    }

    public Optional<Table> table(QualifiedName name) {
        return Optional.ofNullable(tables.get(name.qualified()));
    }

    public Optional<Index> index(QualifiedName name) {
        return Optional.ofNullable(indexes.get(name.qualified()));
    }

    public Optional<EnumType> enumType(QualifiedName name) {
        return Optional.ofNullable(enums.get(name.qualified()));
    }

    public Optional<View> view(QualifiedName name) {
        return Optional.ofNullable(views.get(name.qualified()));
    }

    public List<Index> indexesOn(QualifiedName table) {
        QualifiedName t = table.qualified();
        return indexes.values().stream().filter(i -> i.table().qualified().equals(t)).toList();
    }

    /** Foreign keys in other tables (or this one) that reference {@code table}. */
    public List<Map.Entry<Table, Constraint>> foreignKeysReferencing(QualifiedName table) {
        QualifiedName t = table.qualified();
        return tables.values().stream()
                .flatMap(tb -> tb.constraints().stream()
                        .filter(c -> c.referencedTable() != null && c.referencedTable().qualified().equals(t))
                        .map(c -> Map.entry(tb, c)))
                .toList();
    }
}
