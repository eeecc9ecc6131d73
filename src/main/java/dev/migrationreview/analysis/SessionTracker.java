package dev.migrationreview.analysis;

import dev.migrationreview.dialect.InstalledDialects;
import dev.migrationreview.dialect.SessionSetting;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.statement.Statement;
import dev.migrationreview.format.ConnectionSetting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a file's own session settings that matter to its dialect, statement by statement:
 * {@code SET} lasts for the session, {@code SET LOCAL} until the transaction ends (and does nothing
 * outside one), {@code RESET} restores the default, {@code BEGIN}/{@code COMMIT} open and close an
 * explicit transaction.
 */
final class SessionTracker {
    /** The settings that matter to a review, by the dialect's name for them. */
    private final Map<String, SessionSetting> tracked;

    private final Map<String, String> session = new HashMap<>();
    /** Present key with null value: SET LOCAL to the default (0) inside the transaction. */
    private final Map<String, String> local = new HashMap<>();
    private boolean explicitTransaction;
    private final List<ConnectionSetting> fromConnection;

    /** @param tracked the dialect's settings that matter ({@code lock_timeout} is PostgreSQL's lock wait limit) */
    SessionTracker(Map<String, SessionSetting> tracked) {
        this(tracked, List.of());
    }

    /**
     * @param tracked    the dialect's settings that matter
     * @param connection what the tool's connection has set before the file's first statement: the session starts with it
     */
    SessionTracker(Map<String, SessionSetting> tracked, List<ConnectionSetting> connection) {
        this.tracked = Map.copyOf(tracked);
        List<ConnectionSetting> started = new ArrayList<>();
        for (ConnectionSetting setting : connection) {
            String name = AsciiCase.lower(setting.name());
            String value = meaningful(setting.value());
            // 0 is no limit: nothing to start from, and nothing to tell
            if (tracked.containsKey(name) && value != null) {
                started.add(setting);
                session.put(name, value);
            }
        }
        this.fromConnection = List.copyOf(started);
    }

    /** The connection's settings this session started from: the limits of the dialect's settings that matter, in order. */
    List<ConnectionSetting> fromConnection() {
        return fromConnection;
    }

    /** PostgreSQL's settings, the default dialect's. */
    SessionTracker() {
        this(InstalledDialects.require(Dialect.POSTGRESQL).sessionSettings());
    }

    SessionState state() {
        return new SessionState(effective(SessionSetting.LOCK_TIMEOUT), effective(SessionSetting.STATEMENT_TIMEOUT), explicitTransaction);
    }

    private String effective(SessionSetting setting) {
        for (Map.Entry<String, SessionSetting> e : tracked.entrySet()) {
            if (e.getValue() == setting) {
                String name = e.getKey();
                return local.containsKey(name) ? local.get(name) : session.get(name);
            }
        }
        return null;
    }

    /** Applies what {@code statement} does to the session; {@code inTransaction} is whether it ran inside one. */
    void after(ParsedStatement statement, boolean inTransaction) {
        if (statement.statement() instanceof Statement.SetParameter set) {
            String name = set.name() == null ? "" : AsciiCase.lower(set.name());
            String value = meaningful(set.value());
            if (name.equals("all") && set.value() == null) {
                session.clear();
                local.clear();
            } else if (tracked.containsKey(name)) {
                if (set.local()) {
                    if (inTransaction) {
                        local.put(name, value);
                    }
                } else {
                    local.remove(name);
                    if (value == null) {
                        session.remove(name);
                    } else {
                        session.put(name, value);
                    }
                }
            }
        } else if (statement.statement() instanceof Statement.TransactionControl tc && tc.command() != null) {
            String command = AsciiCase.upper(tc.command().trim());
            if (command.startsWith("BEGIN") || command.startsWith("START")) {
                explicitTransaction = true;
            } else if (command.startsWith("COMMIT") || command.equals("END") || command.startsWith("END ")
                    || command.startsWith("ABORT") || command.startsWith("PREPARE")
                    || (command.startsWith("ROLLBACK") && !command.contains(" TO "))) {
                explicitTransaction = false;
                local.clear();
            }
        }
    }

    /** The value as written, or null when it means "no timeout" (0, DEFAULT, RESET). */
    private static String meaningful(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1).trim();
        }
        String lower = AsciiCase.lower(v);
        if (lower.isEmpty() || lower.equals("default") || lower.matches("0+\\s*(ms|s|min|h|d)?")) {
            return null;
        }
        return value.trim();
    }
}
