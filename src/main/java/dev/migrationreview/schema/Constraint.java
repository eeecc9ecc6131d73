package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import java.util.List;

/**
 * A constraint as it stands in the schema.
 *
 * @param validated false for a constraint added NOT VALID and not yet validated
 */
public record Constraint(
        String name,
        ConstraintType type,
        List<String> columns,
        QualifiedName referencedTable,
        List<String> referencedColumns,
        String expression,
        boolean validated) implements java.io.Serializable {
    public Constraint {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
