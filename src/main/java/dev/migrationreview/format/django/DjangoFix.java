package dev.migrationreview.format.django;

import dev.migrationreview.format.MigrationFormat.Fix;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;

/**
 * Rules write fixes in SQL; a Django author gets them as Django operations: {@code AddIndexConcurrently} in a
 * migration with {@code atomic = False}, {@code AddConstraintNotValid} then {@code ValidateConstraint} in the next
 * migration, {@code db_default} or nullable-backfill-NOT NULL instead of a Python default on a NOT NULL field,
 * {@code SeparateDatabaseAndState} for renames the running code cannot follow, and backfills outside the schema
 * migration. Other SQL a rule proposes is wrapped in {@code migrations.RunSQL}.
 */
final class DjangoFix {
    private DjangoFix() {}

    static Fix of(String rule, String fix, String suggestion, String sql, Operation operation, MigrationScript script) {
        String op = operationName(operation.written());
        switch (rule) {
            case "create-index-non-concurrent" -> {
                if (op.equals("AddIndex")) {
                    return new Fix("Instead: build the index with `AddIndexConcurrently` (from `django.contrib.postgres.operations`),"
                            + " which lets reads and writes continue. It cannot run in a transaction, so put it in a migration of its"
                            + " own whose class sets `atomic = False`:" + python("""
                            from django.contrib.postgres.operations import AddIndexConcurrently
                            from django.db import migrations, models


                            class Migration(migrations.Migration):
                                atomic = False

                                operations = [
                                    %s,
                                ]""".formatted(source(operation, script).replaceFirst("(migrations\\.)?AddIndex\\(", "AddIndexConcurrently(")
                                    .replace("\n", "\n        ")))
                            + "\nIf the build fails it leaves an INVALID index: `RemoveIndexConcurrently` it and run the migration again.",
                            null);
                }
                if (op.equals("AddField") || op.equals("AlterField")) {
                    return new Fix("Instead: Django builds this index for the field (`db_index`, or a ForeignKey's own index). Add the"
                            + " field with `db_index=False`, then build the index with `AddIndexConcurrently` (a `models.Index` on the"
                            + " field) in a migration of its own whose class sets `atomic = False`, so reads and writes continue.", null);
                }
                return new Fix(inRunSql(fix), null);
            }
            case "drop-index-non-concurrent" -> {
                if (op.equals("RemoveIndex")) {
                    return new Fix("Instead: drop it with `RemoveIndexConcurrently` (from `django.contrib.postgres.operations`) in a"
                            + " migration of its own whose class sets `atomic = False`, so queries on the table are not blocked:"
                            + python(source(operation, script).replaceFirst("(migrations\\.)?RemoveIndex\\(", "RemoveIndexConcurrently(")), null);
                }
                return new Fix(inRunSql(fix), null);
            }
            case "concurrently-in-transaction" -> {
                return new Fix("Instead: Django runs every migration in a transaction unless its class sets `atomic = False`; put"
                        + " this operation in a migration of its own with `atomic = False`.", null);
            }
            case "add-check-constraint-validating" -> {
                if (op.equals("AddConstraint")) {
                    return new Fix("Instead: add the constraint with `AddConstraintNotValid` (from"
                            + " `django.contrib.postgres.operations`), which skips checking existing rows and needs only a brief lock,"
                            + " then check them with `ValidateConstraint(model_name=..., name=...)` in the next migration, which lets"
                            + " reads and writes continue:"
                            + python(source(operation, script).replaceFirst("(migrations\\.)?AddConstraint\\(", "AddConstraintNotValid(")), null);
                }
                return new Fix(inRunSql(fix), null);
            }
            case "add-foreign-key-validating" -> {
                return new Fix("Instead: Django validates a new foreign key at once, scanning the table while writes wait. Add the"
                        + " field with `SeparateDatabaseAndState`: the state operation is your AddField/AlterField, the database"
                        + " operations a `RunSQL` of the column and of the constraint with NOT VALID; then, in the next migration, a"
                        + " `RunSQL` of `ALTER TABLE ... VALIDATE CONSTRAINT ...`, which lets reads and writes continue.", null);
            }
            case "set-not-null-scan" -> {
                return new Fix("Instead: prove the column has no NULLs first without a long lock:"
                        + " `AddConstraintNotValid` a `CheckConstraint(condition=Q(<field>__isnull=False), name=...)`, then"
                        + " `ValidateConstraint` it in the next migration; after that the AlterField to `null=False` does not scan"
                        + " the table (PostgreSQL 12+), and a `RemoveConstraint` drops the check.", null);
            }
            case "drop-column-default" -> {
                if (op.equals("AddField") || op.equals("AlterField") || op.equals("AlterOrderWithRespectTo")) {
                    return new Fix("Instead: Django adds the column with the default to fill existing rows, then drops the database"
                            + " default, so the code still running during the deploy (which does not know the field) fails to insert."
                            + " Give the field `db_default=...` (Django 5.0+), which the database keeps, instead of `default=`; or add"
                            + " it with `null=True`, backfill it outside the schema migration, and make it NOT NULL in a later"
                            + " migration, once every running version writes it.", null);
                }
                return new Fix(fix, null);
            }
            case "add-column-not-null-without-default" -> {
                return new Fix("Instead: give the field `db_default=...` (Django 5.0+), or add it with `null=True`, backfill it"
                        + " outside the schema migration, then make it NOT NULL in a later migration.", null);
            }
            case "rename-column", "rename-table" -> {
                String what = rule.equals("rename-column") ? "column" : "table";
                return new Fix("Instead: the code still running during the deploy uses the old " + what + " name. Rename only in"
                        + " Django's state and keep the database name: wrap the rename in `SeparateDatabaseAndState(state_operations=["
                        + "<the rename>, <AlterField with db_column='old_name' / AlterModelTable with the old table>],"
                        + " database_operations=[])`; rename in the database later, once no running code uses the old name.", null);
            }
            case "drop-column", "drop-table" -> {
                return new Fix("Instead: first deploy code that no longer uses it: remove it from the model with"
                        + " `SeparateDatabaseAndState(state_operations=[<the removal>], database_operations=[])`, and drop it in"
                        + " the database in a later migration.", null);
            }
            default -> {
                return new Fix(inRunSql(fix), suggestion == null ? null : runSql(suggestion));
            }
        }
    }

    /** A statement as the Django operation that runs it. */
    static String runSql(String sql) {
        String s = sql.strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1);
        }
        return "migrations.RunSQL(\n    sql=\"\"\"" + s.replace("\"\"\"", "\\\"\\\"\\\"") + "\"\"\",\n)";
    }

    /** The rule's fix with a note on how a Django migration runs SQL. */
    private static String inRunSql(String fix) {
        if (fix == null || !fix.contains("```sql")) {
            return fix;
        }
        boolean concurrently = fix.toUpperCase(java.util.Locale.ROOT).contains("CONCURRENTLY");
        return fix + "\nIn a Django migration, run such SQL with `migrations.RunSQL(sql=...)`"
                + (concurrently ? ", in a migration of its own whose class sets `atomic = False` (CONCURRENTLY cannot run in a"
                        + " transaction)." : ".");
    }

    /** The operation's own lines as the author wrote them, indentation removed. */
    private static String source(Operation operation, MigrationScript script) {
        String[] lines = script.content().split("\n", -1);
        int first = operation.span().startLine();
        int last = Math.min(lines.length, operation.span().endLine());
        if (first < 1 || first > last) {
            return operation.written();
        }
        StringBuilder text = new StringBuilder();
        for (int i = first - 1; i < last; i++) {
            text.append(lines[i].replace("\r", "")).append(i < last - 1 ? "\n" : "");
        }
        String code = text.toString().stripIndent().strip();
        return code.endsWith(",") ? code.substring(0, code.length() - 1) : code;
    }

    private static String python(String code) {
        return "\n```python\n" + code + "\n```";
    }

    /** {@code AddIndex} of {@code migrations.AddIndex(...)}. */
    static String operationName(String written) {
        int paren = written.indexOf('(');
        String callee = paren < 0 ? written : written.substring(0, paren);
        int dot = callee.lastIndexOf('.');
        return (dot < 0 ? callee : callee.substring(dot + 1)).strip();
    }
}
