package dev.migrationreview.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTrackerTest {
    private final PostgresStatementParser parser = new PostgresStatementParser();

    /** The session state in force at each statement of {@code sql}, the file running in a transaction or not. */
    private List<SessionState> states(String sql, boolean toolTransaction) {
        SessionTracker tracker = new SessionTracker();
        List<SessionState> out = new ArrayList<>();
        for (ParsedStatement s : parser.parse(sql)) {
            SessionState state = tracker.state();
            out.add(state);
            tracker.after(s, toolTransaction || state.explicitTransaction());
        }
        return out;
    }

    @Test
    void setLastsUntilResetAndZeroMeansNoTimeout() {
        List<SessionState> s = states("""
                SET lock_timeout = '5s';
                SELECT 1;
                SET statement_timeout TO 0;
                RESET lock_timeout;
                SELECT 2;
                """, false);
        assertEquals(new SessionState(null, null, false), s.get(0));
        assertEquals(new SessionState("5s", null, false), s.get(1));
        assertEquals(new SessionState("5s", null, false), s.get(3));
        assertEquals(SessionState.INITIAL, s.get(4));
    }

    @Test
    void setLocalEndsWithTheExplicitTransactionAndDoesNothingOutsideOne() {
        List<SessionState> s = states("""
                SET LOCAL lock_timeout = '1s';
                BEGIN;
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE orders ADD COLUMN note text;
                COMMIT;
                SELECT 1;
                """, false);
        assertEquals(SessionState.INITIAL, s.get(1));
        assertEquals(new SessionState(null, null, true), s.get(2));
        assertEquals(new SessionState("2s", null, true), s.get(3));
        assertEquals(SessionState.INITIAL, s.get(5));
    }

    @Test
    void setLocalInsideTheToolsTransactionLastsToTheEndOfTheFile() {
        List<SessionState> s = states("SET LOCAL lock_timeout = '3s';\nALTER TABLE orders ADD COLUMN note text;\n", true);
        assertEquals(new SessionState("3s", null, false), s.get(1));
    }
}
