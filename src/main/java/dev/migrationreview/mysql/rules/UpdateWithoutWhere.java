package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;

/** UPDATE of every row in one statement: row locks, undo and replica lag for its whole duration (the PostgreSQL rule's id). */
@Singleton
public final class UpdateWithoutWhere extends WholeTableRowChange {

    public UpdateWithoutWhere() {
        super("update-without-where", "UPDATE");
    }

    @Override
    protected QualifiedName everyRowOf(StatementContext context) {
        return context.statement().statement() instanceof Statement.Update change && !change.hasWhere() ? change.table() : null;
    }
}
