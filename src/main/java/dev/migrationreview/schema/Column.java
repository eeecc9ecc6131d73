package dev.migrationreview.schema;

import dev.migrationreview.sql.statement.TypeName;

/**
 * @param defaultExpression DEFAULT text, or null
 * @param identity          null, {@code ALWAYS} or {@code BY DEFAULT}
 * @param generatedExpression generated column expression, or null
 * @param generatedVirtual  the generated column is computed when read (PostgreSQL 18's VIRTUAL), not stored
 */
public record Column(String name, TypeName type, boolean notNull, String defaultExpression, String identity, String generatedExpression,
        boolean generatedVirtual) implements java.io.Serializable {
    public Column(String name, TypeName type, boolean notNull, String defaultExpression, String identity, String generatedExpression) {
        this(name, type, notNull, defaultExpression, identity, generatedExpression, false);
    }
}
