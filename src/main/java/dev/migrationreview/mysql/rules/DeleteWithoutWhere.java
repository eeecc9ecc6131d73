package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;

/** DELETE of every row in one statement: row locks, undo and replica lag for its whole duration (the PostgreSQL rule's id). */
@Singleton
public final class DeleteWithoutWhere extends WholeTableRowChange {

    public DeleteWithoutWhere() {
        super("delete-without-where", "DELETE");
    }

    @Override
    protected QualifiedName everyRowOf(StatementContext context) {
        return context.statement().statement() instanceof Statement.Delete change && !change.hasWhere() ? change.table() : null;
    }

    @Override
    protected String batchingTool() {
        return " (`pt-archiver` does this for deletes)";
    }
}
