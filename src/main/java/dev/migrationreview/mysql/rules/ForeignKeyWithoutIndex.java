package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.config.Risk;
import dev.migrationreview.schema.Constraint;
import dev.migrationreview.schema.Index;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.Table;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * InnoDB needs an index on both sides of a foreign key: on the referencing side it builds one silently (an index build
 * hidden in the ALTER), on the referenced side its absence fails the statement.
 */
@Singleton
public final class ForeignKeyWithoutIndex extends MysqlRule {

    public ForeignKeyWithoutIndex() {
        super("foreign-key-without-index", Risk.MEDIUM,
                "A foreign key without an index on its columns: MySQL builds one inside the ALTER, and without one on the referenced columns the statement fails");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter) || TableSize.of(context, alter.table()).isNew()) {
            return List.of();
        }
        Schema schema = context.schemaBefore();
        Optional<Table> table = schema.table(alter.table());
        if (table.isEmpty()) {
            return List.of();
        }
        for (AlterTableAction a : alter.actions()) {
            if (!(a instanceof AlterTableAction.AddConstraint add) || add.constraint().type() != ConstraintType.FOREIGN_KEY) {
                continue;
            }
            ConstraintDefinition fk = add.constraint();
            Optional<Table> referenced = fk.referencedTable() == null ? Optional.empty() : schema.table(fk.referencedTable());
            if (referenced.isPresent() && !fk.referencedColumns().isEmpty()
                    && !leadingIndex(schema, referenced.get(), fk.referencedColumns(), List.of())) {
                String message = "`" + fk.referencedTable().name() + "` has no primary key, unique key or index whose first columns are ("
                        + String.join(", ", fk.referencedColumns()) + "). InnoDB requires one, so the statement fails with error 1822"
                        + " (\"Missing index for constraint\"), and DDL that ran before it in this file stays applied.";
                String fix = "Instead: index the referenced columns first, in its own statement:" + sqlBlock("ALTER TABLE "
                        + ident(fk.referencedTable()) + " ADD INDEX " + ident(fk.referencedTable().name() + "_" + String.join("_", fk.referencedColumns()) + "_idx")
                        + " (" + String.join(", ", fk.referencedColumns().stream().map(MysqlRule::ident).toList()) + "), ALGORITHM=INPLACE, LOCK=NONE;")
                        + "\nA foreign key should reference the primary key or a unique key.";
                return report(context, Risk.CRITICAL, "No index on the referenced columns: the foreign key cannot be added", message, fix, null);
            }
            if (!leadingIndex(schema, table.get(), fk.columns(), addedIndexes(alter))) {
                TableSize size = TableSize.of(context, alter.table());
                String index = alter.table().name() + "_" + String.join("_", fk.columns()) + "_idx";
                String message = "No index of `" + alter.table().name() + "` starts with (" + String.join(", ", fk.columns()) + "). InnoDB needs"
                        + " one for the foreign key, so this ALTER also builds it — a read of the whole table " + size.describe()
                        + " hidden in the statement — and names it after the constraint; while the key exists that index cannot be dropped."
                        + size.unknownSizeNote();
                String fix = "Instead: create the index yourself, named, in place, in its own statement before the foreign key:"
                        + sqlBlock("ALTER TABLE " + ident(alter.table()) + " ADD INDEX " + ident(index) + " ("
                                + String.join(", ", fk.columns().stream().map(MysqlRule::ident).toList()) + "), ALGORITHM=INPLACE, LOCK=NONE;");
                Risk risk = size.sizeClass() == dev.migrationreview.analysis.risk.SizeClass.SMALL ? Risk.LOW : Risk.MEDIUM;
                return report(context, risk, "The foreign key's columns have no index: MySQL builds one inside this ALTER", message, fix, null);
            }
        }
        return List.of();
    }

    private static List<List<String>> addedIndexes(Statement.AlterTable alter) {
        List<List<String>> out = new ArrayList<>();
        for (AlterTableAction a : alter.actions()) {
            if (a instanceof AlterTableAction.AddIndex i) {
                out.add(i.columns());
            } else if (a instanceof AlterTableAction.AddConstraint c && (c.constraint().type() == ConstraintType.PRIMARY_KEY
                    || c.constraint().type() == ConstraintType.UNIQUE)) {
                out.add(c.constraint().columns());
            }
        }
        return out;
    }

    /** Whether a key or index of the table (or one added by the same statement) starts with these columns. */
    private static boolean leadingIndex(Schema schema, Table table, List<String> columns, List<List<String>> added) {
        List<List<String>> candidates = new ArrayList<>(added);
        for (Constraint c : table.constraints()) {
            if (c.type() == ConstraintType.PRIMARY_KEY || c.type() == ConstraintType.UNIQUE) {
                candidates.add(c.columns());
            }
        }
        for (Index i : schema.indexesOn(table.name())) {
            candidates.add(i.elements());
        }
        for (List<String> candidate : candidates) {
            if (candidate.size() >= columns.size()) {
                boolean leads = true;
                for (int k = 0; k < columns.size() && leads; k++) {
                    leads = column(candidate.get(k)).equals(column(columns.get(k)));
                }
                if (leads) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The column an index part names: without backticks, prefix length or direction, lower case. */
    private static String column(String part) {
        String p = part.strip().replace("`", "");
        int cut = p.length();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '(' || c == ' ') {
                cut = i;
                break;
            }
        }
        return AsciiCase.lower(p.substring(0, cut));
    }

}
