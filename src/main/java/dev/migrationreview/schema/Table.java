package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * @param partitionBy   partitioning key text for a partitioned table, else null
 * @param partitionOf   the parent of a partition, else null
 */
public record Table(
        QualifiedName name,
        List<Column> columns,
        List<Constraint> constraints,
        String partitionBy,
        QualifiedName partitionOf,
        boolean unlogged) {
    public Table {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Optional<Constraint> constraint(String constraintName) {
        return constraints.stream().filter(c -> constraintName.equals(c.name())).findFirst();
    }

    public boolean partitioned() {
        return partitionBy != null;
    }
}
