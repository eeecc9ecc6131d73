package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every foreign key locks its referenced table against writes until COMMIT; several in one transaction stack up. */
@Singleton
public final class ForeignKeysToSeveralTables extends PostgresRule {

    public ForeignKeysToSeveralTables() {
        super("foreign-keys-to-several-tables", Risk.LOW,
                "Foreign keys to several existing tables in one transaction block writes to all of them until COMMIT");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!context.inTransaction()) {
            return List.of();
        }
        Set<QualifiedName> before = new LinkedHashSet<>();
        for (JudgedStatement j : FileScope.sameTransaction(context)) {
            before.addAll(referencedExisting(context, j.statement().statement()));
        }
        Set<QualifiedName> all = new LinkedHashSet<>(before);
        all.addAll(referencedExisting(context, context.statement().statement()));
        if (all.size() < 2 || before.size() >= 2 || all.size() == before.size()) {
            return List.of();
        }
        List<String> names = all.stream().map(t -> "`" + t + "`").toList();
        String message = "Foreign keys in this transaction reference " + String.join(", ", names) + ". Each takes a SHARE ROW EXCLUSIVE lock"
                + " on the referenced table, which blocks writes (INSERT, UPDATE, DELETE) to it until the transaction commits, so writes"
                + " to all of them wait together, and waiting for one lock while holding the others invites deadlocks.";
        String fix = "Instead: add each foreign key in its own migration, NOT VALID (a brief lock), and validate them afterwards one by one.";
        return report(context, Risk.LOW, "Foreign keys lock " + all.size() + " tables in one transaction", message, fix, null);
    }

    private static List<QualifiedName> referencedExisting(StatementContext context, Statement statement) {
        List<ConstraintDefinition> fks = new ArrayList<>();
        if (statement instanceof Statement.CreateTable create) {
            fks.addAll(create.constraints());
            create.columns().forEach(c -> fks.addAll(c.constraints()));
        } else if (statement instanceof Statement.AlterTable alter) {
            for (AlterTableAction a : alter.actions()) {
                if (a instanceof AlterTableAction.AddConstraint add) {
                    fks.add(add.constraint());
                } else if (a instanceof AlterTableAction.AddColumn add) {
                    ColumnDefinition c = add.column();
                    fks.addAll(c.constraints());
                }
            }
        }
        return fks.stream().filter(c -> c.type() == ConstraintType.FOREIGN_KEY && c.referencedTable() != null)
                .map(c -> c.referencedTable().qualified()).filter(t -> !context.isNew(t)).distinct().toList();
    }
}
