package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import java.util.List;
import java.util.Optional;

/**
 * @param partitionBy   partitioning key text for a partitioned table, else null
 * @param partitionOf   the parent of a partition, else null
 * @param partitionBound a partition's {@code FOR VALUES ...} or {@code DEFAULT} text, else null
 * @param instantColumnChanges where the dialect keeps row versions (MySQL 8.0.29+): ALTER statements that added or dropped
 *                      columns since the table was created or last rebuilt (one row version each when run INSTANT); else 0
 */
public record Table(
        QualifiedName name,
        List<Column> columns,
        List<Constraint> constraints,
        String partitionBy,
        QualifiedName partitionOf,
        boolean unlogged,
        String partitionBound,
        int instantColumnChanges) {
    public Table {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
    }

    public Table(QualifiedName name, List<Column> columns, List<Constraint> constraints, String partitionBy,
            QualifiedName partitionOf, boolean unlogged, String partitionBound) {
        this(name, columns, constraints, partitionBy, partitionOf, unlogged, partitionBound, 0);
    }

    public Table(QualifiedName name, List<Column> columns, List<Constraint> constraints, String partitionBy,
            QualifiedName partitionOf, boolean unlogged) {
        this(name, columns, constraints, partitionBy, partitionOf, unlogged, null);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Optional<Constraint> constraint(String constraintName) {
        return constraints.stream().filter(c -> constraintName.equals(c.name())).findFirst();
    }

    /** The primary key, when the table has one. */
    public Optional<Constraint> primaryKey() {
        return constraints.stream().filter(c -> c.type() == ConstraintType.PRIMARY_KEY).findFirst();
    }

    public boolean partitioned() {
        return partitionBy != null;
    }
}
