package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The database schema at one point of a migration history. Immutable: replaying a statement returns
 * a new Schema. All keys are schema-qualified names.
 *
 * @param schemas       the namespaces that exist ({@code public} always does)
 * @param defaultSchema where unqualified names resolve: the first schema of the session's
 *                      {@code search_path}, {@code public} unless a statement set it
 * @param functionVolatility the functions the history created, with their volatility (VOLATILE, STABLE, IMMUTABLE)
 */
public record Schema(
        Map<QualifiedName, Table> tables,
        Map<QualifiedName, Index> indexes,
        Map<QualifiedName, EnumType> enums,
        Map<QualifiedName, View> views,
        Map<QualifiedName, Sequence> sequences,
        Set<String> schemas,
        String defaultSchema,
        Map<QualifiedName, String> functionVolatility) implements java.io.Serializable {

    public static final Schema EMPTY = new Schema(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    public Schema {
        tables = Map.copyOf(tables);
        indexes = Map.copyOf(indexes);
        enums = Map.copyOf(enums);
        views = Map.copyOf(views);
        sequences = Map.copyOf(sequences);
        schemas = Set.copyOf(schemas);
        functionVolatility = Map.copyOf(functionVolatility);
        if (defaultSchema == null || defaultSchema.isEmpty()) {
            defaultSchema = QualifiedName.DEFAULT_SCHEMA;
        }
    }

    /** A schema with only the {@code public} namespace and the default search path. */
    public Schema(
            Map<QualifiedName, Table> tables,
            Map<QualifiedName, Index> indexes,
            Map<QualifiedName, EnumType> enums,
            Map<QualifiedName, View> views,
            Map<QualifiedName, Sequence> sequences) {
        this(tables, indexes, enums, views, sequences, Set.of(QualifiedName.DEFAULT_SCHEMA), QualifiedName.DEFAULT_SCHEMA, Map.of());
    }

    /** The volatility the history gave a function of this name (in any schema): VOLATILE, STABLE or IMMUTABLE. */
    public Optional<String> functionVolatility(String name) {
        return functionVolatility.entrySet().stream().filter(e -> e.getKey().name().equals(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The name with its schema filled in from {@link #defaultSchema()} when the statement did not name one. */
    public QualifiedName resolve(QualifiedName name) {
        return name.schema() != null ? name : new QualifiedName(defaultSchema, name.name());
    }

    public Optional<Table> table(QualifiedName name) {
        return Optional.ofNullable(tables.get(resolve(name)));
    }

    public Optional<Index> index(QualifiedName name) {
        return Optional.ofNullable(indexes.get(resolve(name)));
    }

    public Optional<EnumType> enumType(QualifiedName name) {
        return Optional.ofNullable(enums.get(resolve(name)));
    }

    public Optional<View> view(QualifiedName name) {
        return Optional.ofNullable(views.get(resolve(name)));
    }

    public Optional<Sequence> sequence(QualifiedName name) {
        return Optional.ofNullable(sequences.get(resolve(name)));
    }

    public List<Index> indexesOn(QualifiedName table) {
        QualifiedName t = resolve(table);
        return indexes.values().stream().filter(i -> resolve(i.table()).equals(t)).toList();
    }

    /** Foreign keys in other tables (or this one) that reference {@code table}. */
    public List<Map.Entry<Table, Constraint>> foreignKeysReferencing(QualifiedName table) {
        QualifiedName t = resolve(table);
        return tables.values().stream()
                .flatMap(tb -> tb.constraints().stream()
                        .filter(c -> c.referencedTable() != null && resolve(c.referencedTable()).equals(t))
                        .map(c -> Map.entry(tb, c)))
                .toList();
    }
}
