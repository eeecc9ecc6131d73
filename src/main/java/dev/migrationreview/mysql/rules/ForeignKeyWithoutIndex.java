package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.config.Risk;
import dev.migrationreview.mysql.LeadingIndex;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.Table;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
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
                    && !LeadingIndex.exists(schema, referenced.get().name(), referenced, fk.referencedColumns(), null)) {
                String message = "`" + fk.referencedTable().name() + "` has no primary key, unique key or index whose first columns are ("
                        + String.join(", ", fk.referencedColumns()) + "). InnoDB requires one, so the statement fails with error 1822"
                        + " (\"Missing index for constraint\"), and DDL that ran before it in this file stays applied.";
                String fix = "Instead: index the referenced columns first, in its own statement:" + sqlBlock("ALTER TABLE "
                        + ident(fk.referencedTable()) + " ADD INDEX " + ident(fk.referencedTable().name() + "_" + String.join("_", fk.referencedColumns()) + "_idx")
                        + " (" + String.join(", ", fk.referencedColumns().stream().map(MysqlRule::ident).toList()) + "), ALGORITHM=INPLACE, LOCK=NONE;")
                        + "\nA foreign key should reference the primary key or a unique key.";
                return report(context, Risk.CRITICAL, "No index on the referenced columns: the foreign key cannot be added", message, fix, null);
            }
            if (!LeadingIndex.exists(schema, table.get().name(), table, fk.columns(), alter)) {
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


}
