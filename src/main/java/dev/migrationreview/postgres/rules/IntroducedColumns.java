package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import dev.migrationreview.sql.statement.TypeName;
import java.util.ArrayList;
import java.util.List;

/** Columns a statement gives a type: CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE. Design-advice rules read these. */
final class IntroducedColumns {

    private IntroducedColumns() {}

    /** @param definition null for ALTER COLUMN TYPE; @param primaryKey part of the table's primary key as written here */
    record Introduced(QualifiedName table, String column, TypeName type, ColumnDefinition definition, boolean primaryKey) {}

    static List<Introduced> of(StatementContext context) {
        List<Introduced> out = new ArrayList<>();
        Statement s = context.statement().statement();
        if (s instanceof Statement.CreateTable create) {
            List<String> pk = create.constraints().stream().filter(c -> c.type() == ConstraintType.PRIMARY_KEY)
                    .flatMap(c -> c.columns().stream()).toList();
            for (ColumnDefinition c : create.columns()) {
                if (c.type() != null) {
                    out.add(new Introduced(create.table(), c.name(), c.type(), c, pk.contains(c.name()) || inlinePk(c)));
                }
            }
        } else if (s instanceof Statement.AlterTable alter) {
            for (AlterTableAction a : alter.actions()) {
                if (a instanceof AlterTableAction.AddColumn add && add.column().type() != null) {
                    out.add(new Introduced(alter.table(), add.column().name(), add.column().type(), add.column(), inlinePk(add.column())));
                } else if (a instanceof AlterTableAction.AlterColumnType change && change.type() != null) {
                    boolean pk = context.schemaBefore().table(alter.table()).map(t -> t.constraints().stream()
                            .anyMatch(c -> c.type() == ConstraintType.PRIMARY_KEY && c.columns().contains(change.column()))).orElse(false);
                    out.add(new Introduced(alter.table(), change.column(), change.type(), null, pk));
                }
            }
        }
        return out;
    }

    private static boolean inlinePk(ColumnDefinition c) {
        return c.constraints().stream().map(ConstraintDefinition::type).anyMatch(t -> t == ConstraintType.PRIMARY_KEY);
    }
}
