package dev.migrationreview.analysis;

import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.sql.statement.Statement;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The statements of one file judged so far, as each statement sees them: a fixed-length view of one
 * growing list. Handing every statement a copy of everything before it made a review's cost grow with the
 * square of the file's length; a view costs nothing, and the start of the open transaction is kept as the
 * walk goes, so "the statements in my transaction" is a slice, not a search.
 */
public final class EarlierStatements extends AbstractList<JudgedStatement> implements RandomAccess {

    /** One file's walk: append each statement once it is judged, take a view for the next. */
    static final class Log {
        private final List<JudgedStatement> all = new ArrayList<>();
        /** For each length of the log, where the transaction open at its end began (its first statement). */
        private final List<Integer> transactionStart = new ArrayList<>(List.of(0));

        void add(JudgedStatement j) {
            all.add(j);
            boolean boundary = !j.inTransaction() || j.statement().statement() instanceof Statement.TransactionControl;
            transactionStart.add(boundary ? all.size() : transactionStart.get(transactionStart.size() - 1));
        }

        EarlierStatements view() {
            return new EarlierStatements(this, all.size());
        }
    }

    private final Log log;
    private final int size;

    private EarlierStatements(Log log, int size) {
        this.log = log;
        this.size = size;
    }

    @Override
    public JudgedStatement get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        return log.all.get(index);
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * The statements before this one since the last statement outside a transaction or the last
     * BEGIN/COMMIT/ROLLBACK, in file order.
     */
    public List<JudgedStatement> sinceTransactionStart() {
        return subList(log.transactionStart.get(size), size);
    }
}
