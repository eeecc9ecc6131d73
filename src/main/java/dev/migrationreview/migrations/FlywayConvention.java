package dev.migrationreview.migrations;

import dev.migrationreview.sql.Dialect;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway SQL migrations: {@code V<version>__<description>.sql} in version order, then
 * {@code R__<description>.sql} in description order; {@code U<version>__} undo scripts are never applied.
 */
final class FlywayConvention {
    static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    static final Pattern UNDO = Pattern.compile("U(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    private static final Pattern HEADER_NO_TRANSACTION =
            Pattern.compile("\\s*--\\s*flyway:executeInTransaction\\s*=\\s*false\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONF_NO_TRANSACTION =
            Pattern.compile("(?m)^\\s*(?:flyway\\.)?executeInTransaction\\s*=\\s*false\\s*$");

    /*
     * Statements Flyway's PostgreSQL parser (flyway-database-postgresql 10) recognises as unable to run in a
     * transaction; a script containing one is executed without a transaction, statement by statement.
     */
    private static final List<Pattern> NON_TRANSACTIONAL = List.of(
            Pattern.compile("^(CREATE|DROP) (DATABASE|TABLESPACE|SUBSCRIPTION)\\b"),
            Pattern.compile("^ALTER SYSTEM\\b"),
            Pattern.compile("^(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY\\b"),
            Pattern.compile("^REINDEX( VERBOSE)? (SCHEMA|DATABASE|SYSTEM)\\b"),
            Pattern.compile("^VACUUM\\b"),
            Pattern.compile("^DISCARD ALL\\b"));
    private static final Pattern ALTER_TYPE_ADD_VALUE = Pattern.compile("^ALTER TYPE( .*)? ADD VALUE\\b");

    private FlywayConvention() {}

    static boolean isVersioned(String fileName) {
        return VERSIONED.matcher(fileName).matches();
    }

    static boolean isRepeatable(String fileName) {
        return REPEATABLE.matcher(fileName).matches();
    }

    static boolean isUndo(String fileName) {
        return UNDO.matcher(fileName).matches();
    }

    /** Flyway's version with {@code _} read as {@code .} ({@code V2_31_1} is version {@code 2.31.1}); null for R__. */
    static String version(String fileName) {
        Matcher m = VERSIONED.matcher(fileName);
        return m.matches() ? m.group(1).replace('_', '.') : null;
    }

    /** The description Flyway orders repeatable migrations by. */
    static String description(String fileName) {
        Matcher v = VERSIONED.matcher(fileName);
        if (v.matches()) {
            return v.group(2).replace('_', ' ');
        }
        Matcher r = REPEATABLE.matcher(fileName);
        return r.matches() ? r.group(1).replace('_', ' ') : fileName;
    }

    /**
     * @param sidecar the {@code <script>.sql.conf} next to the script, if any
     * @param databaseVersion production's major version: before PostgreSQL 12 {@code ALTER TYPE ... ADD VALUE}
     *                        cannot run in a transaction and Flyway knows it
     */
    static MigrationScript script(String path, String content, Optional<String> sidecar, Dialect dialect, int databaseVersion) {
        ScriptLines lines = new ScriptLines(content);
        boolean transactional = !declaresNoTransaction(lines, sidecar)
                && !(dialect == Dialect.POSTGRESQL && hasNonTransactionalStatement(content, databaseVersion));
        return new MigrationScript(path, MigrationTool.FLYWAY, version(fileName(path)), content, lines.whole(transactional));
    }

    private static boolean declaresNoTransaction(ScriptLines lines, Optional<String> sidecar) {
        if (sidecar.isPresent() && CONF_NO_TRANSACTION.matcher(sidecar.get()).find()) {
            return true;
        }
        for (int i = 1; i <= lines.count(); i++) {
            if (HEADER_NO_TRANSACTION.matcher(lines.line(i)).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNonTransactionalStatement(String content, int databaseVersion) {
        for (ScriptStatements.Statement s : ScriptStatements.of(content)) {
            for (Pattern p : NON_TRANSACTIONAL) {
                if (p.matcher(s.text()).lookingAt()) {
                    return true;
                }
            }
            if (databaseVersion < 12 && ALTER_TYPE_ADD_VALUE.matcher(s.text()).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
