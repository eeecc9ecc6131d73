package dev.migrationreview.sql.statement;

import java.util.List;

/**
 * A column as a CREATE TABLE or ADD COLUMN defines it.
 *
 * @param defaultExpression the DEFAULT expression's SQL text, or null
 * @param identity          null, {@code ALWAYS} or {@code BY DEFAULT} for {@code GENERATED ... AS IDENTITY}
 * @param generatedExpression the expression of {@code GENERATED ALWAYS AS (...) [STORED | VIRTUAL]}, or null
 * @param generatedVirtual  written VIRTUAL, or with neither STORED nor VIRTUAL (PostgreSQL 18's default)
 * @param constraints       column constraints (PRIMARY KEY, UNIQUE, REFERENCES, CHECK) written inline, as
 *                          table constraints on this one column; NOT NULL is {@code notNull}
 * @param serial            true when written as serial/bigserial/smallserial (an implicit sequence default)
 */
public record ColumnDefinition(
        String name,
        TypeName type,
        boolean notNull,
        String defaultExpression,
        String identity,
        String generatedExpression,
        boolean serial,
        List<ConstraintDefinition> constraints,
        boolean generatedVirtual) implements java.io.Serializable {
    public ColumnDefinition {
        constraints = List.copyOf(constraints);
    }

    public ColumnDefinition(String name, TypeName type, boolean notNull, String defaultExpression, String identity,
            String generatedExpression, boolean serial, List<ConstraintDefinition> constraints) {
        this(name, type, notNull, defaultExpression, identity, generatedExpression, serial, constraints, false);
    }
}
