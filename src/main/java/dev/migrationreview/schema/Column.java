package dev.migrationreview.schema;

import dev.migrationreview.sql.statement.TypeName;

/**
 * @param defaultExpression DEFAULT text, or null
 * @param identity          null, {@code ALWAYS} or {@code BY DEFAULT}
 * @param generatedExpression stored generated column expression, or null
 */
public record Column(String name, TypeName type, boolean notNull, String defaultExpression, String identity, String generatedExpression) {}
