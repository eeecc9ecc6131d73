package dev.migrationreview.postgres.rules;

import dev.migrationreview.schema.Constraint;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.Table;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import java.util.List;

/**
 * The expand sequence for filling a column on a live table without a long lock: add it nullable, set the
 * default for new rows, backfill old rows in batches, then prove NOT NULL with a validated CHECK.
 */
final class BackfillRecipe {

    private BackfillRecipe() {}

    /** The key to batch by: the table's single-column primary key when the schema knows it, else {@code id}. */
    static String batchKey(Schema schema, QualifiedName table) {
        return schema.table(table).flatMap(t -> t.constraints().stream()
                        .filter(c -> c.type() == ConstraintType.PRIMARY_KEY && c.columns().size() == 1)
                        .map(c -> c.columns().get(0)).findFirst())
                .orElse("id");
    }

    static String batchedUpdate(String table, String key, String assignment, String pendingCondition) {
        return "-- repeat until it updates 0 rows, in a job or a migration without a transaction; pause between batches\n"
                + "UPDATE " + table + " SET " + assignment + "\n WHERE " + key + " IN (SELECT " + key + " FROM " + table
                + " WHERE " + pendingCondition + " LIMIT 10000);";
    }

    /** Steps 3-4: prove NOT NULL without a long lock (12+ uses the CHECK to skip SET NOT NULL's scan). */
    static String notNullSteps(String table, String tableName, String column, int version) {
        String check = PostgresRule.ident(tableName + "_" + column.replace("\"", "") + "_not_null");
        String s = "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID;\n"
                + "-- in the next migration (a separate transaction), so the scan runs under SHARE UPDATE EXCLUSIVE:\n"
                + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check + ";\n";
        if (version >= 12) {
            s += "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL;  -- no scan: the validated CHECK proves it\n"
                    + "ALTER TABLE " + table + " DROP CONSTRAINT " + check + ";";
        } else {
            s += "-- PostgreSQL " + version + " scans again on SET NOT NULL; keep the validated CHECK as the guarantee instead.";
        }
        return s;
    }

    /** The full four steps for a column that must end up filled (and NOT NULL when {@code notNull}). */
    static String fourSteps(Schema schema, QualifiedName table, String column, String type, String defaultExpression,
            boolean notNull, int version) {
        String t = PostgresRule.ident(table);
        String c = PostgresRule.ident(column);
        String key = PostgresRule.ident(batchKey(schema, table));
        StringBuilder s = new StringBuilder();
        s.append("-- 1. add the column nullable, without a volatile default: a catalog change, no rewrite\n");
        s.append("ALTER TABLE ").append(t).append(" ADD COLUMN ").append(c).append(' ').append(type).append(";\n");
        if (defaultExpression != null) {
            s.append("-- 2. new rows get the default from now on\n");
            s.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(c).append(" SET DEFAULT ").append(defaultExpression).append(";\n");
            s.append("-- 3. fill existing rows in batches\n");
            s.append(batchedUpdate(t, key, c + " = " + defaultExpression, c + " IS NULL")).append('\n');
        } else {
            s.append("-- 2. deploy code that writes the column, 3. fill existing rows in batches\n");
            s.append(batchedUpdate(t, key, c + " = <value>", c + " IS NULL")).append('\n');
        }
        if (notNull) {
            s.append("-- 4. enforce NOT NULL\n");
            s.append(notNullSteps(t, table.name(), c, version));
        }
        return s.toString().strip();
    }

    static boolean hasColumn(Schema schema, QualifiedName table, String column) {
        return schema.table(table).flatMap(t -> t.column(column)).isPresent();
    }

    static List<Constraint> constraints(Schema schema, QualifiedName table) {
        return schema.table(table).map(Table::constraints).orElse(List.of());
    }
}
