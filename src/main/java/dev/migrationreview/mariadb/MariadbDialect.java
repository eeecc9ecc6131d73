package dev.migrationreview.mariadb;

import dev.migrationreview.dialect.DatabaseDialect;
import dev.migrationreview.dialect.NameRules;
import dev.migrationreview.dialect.SessionSetting;
import dev.migrationreview.dialect.VersionRange;
import dev.migrationreview.mysql.MysqlNames;
import dev.migrationreview.sql.Dialect;
import java.util.Map;

/**
 * MariaDB as the generic engine sees it. MariaDB forked from MySQL 5.5 and reads the same SQL, so its splitter,
 * parser and online-DDL engine are MySQL's ({@code dev.migrationreview.mysql}) with MariaDB's own version facts
 * ({@link MariadbServerFacts}); this folder may import {@code mysql}, never the other way round.
 */
public final class MariadbDialect implements DatabaseDialect {
    /** 10.3 (instant ADD COLUMN) to 11.8; 10.4 added instant DROP COLUMN and reordering. */
    public static final VersionRange SUPPORTED = VersionRange.of("10.3", "11.8");

    private static final NameRules NAMES = new MysqlNames();

    @Override
    public Dialect id() {
        return Dialect.MARIADB;
    }

    @Override
    public VersionRange supportedVersions() {
        return SUPPORTED;
    }

    @Override
    public NameRules names() {
        return NAMES;
    }

    @Override
    public Map<String, SessionSetting> sessionSettings() {
        // MariaDB calls the statement limit max_statement_time (seconds); MySQL's max_execution_time does not exist there
        return Map.of("lock_wait_timeout", SessionSetting.LOCK_TIMEOUT, "max_statement_time", SessionSetting.STATEMENT_TIMEOUT);
    }
}
