package dev.migrationreview.postgres.rules;

import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.ConstraintDefinition;

/** The name PostgreSQL gives a constraint written without one, so VALIDATE can name it. */
final class ConstraintNames {

    private ConstraintNames() {}

    static String nameOf(QualifiedName table, ConstraintDefinition c) {
        if (c.name() != null) {
            return c.name();
        }
        String cols = c.columns().isEmpty() ? "" : "_" + String.join("_", c.columns());
        String suffix = switch (c.type()) {
            case FOREIGN_KEY -> "_fkey";
            case CHECK -> "_check";
            case UNIQUE -> "_key";
            case PRIMARY_KEY -> "_pkey";
            case EXCLUDE -> "_excl";
            case NOT_NULL -> "_not_null";
        };
        if (c.type() == ConstraintDefinition.ConstraintType.PRIMARY_KEY) {
            cols = "";
        }
        if (c.type() == ConstraintDefinition.ConstraintType.CHECK && c.columns().size() > 1) {
            cols = "";
        }
        String name = table.name() + cols + suffix;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
