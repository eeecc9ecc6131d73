package dev.migrationreview.sql.statement;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;

/**
 * A table constraint as written.
 *
 * @param name              the constraint's name, or null when the statement lets the database choose
 * @param columns           the constrained columns (for CHECK: the columns the expression mentions, if known)
 * @param referencedTable   for FOREIGN_KEY: the referenced table
 * @param referencedColumns for FOREIGN_KEY: the referenced columns (empty: the primary key)
 * @param expression        for CHECK and EXCLUDE: the expression text
 * @param notValid          written with NOT VALID
 * @param usingIndex        for {@code ... USING INDEX idx}: the index name, else null
 * @param onDelete          for FOREIGN_KEY: the ON DELETE action as written, or null
 */
public record ConstraintDefinition(
        String name,
        ConstraintType type,
        List<String> columns,
        QualifiedName referencedTable,
        List<String> referencedColumns,
        String expression,
        boolean notValid,
        String usingIndex,
        String onDelete) implements java.io.Serializable {
    public ConstraintDefinition {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    public enum ConstraintType {
        PRIMARY_KEY,
        UNIQUE,
        FOREIGN_KEY,
        CHECK,
        EXCLUDE,
        NOT_NULL
    }
}
