package dev.migrationreview.mysql;

import dev.migrationreview.dialect.DatabaseDialect;
import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.dialect.NameRules;
import dev.migrationreview.dialect.SessionSetting;
import dev.migrationreview.dialect.VersionRange;
import dev.migrationreview.sql.Dialect;
import java.util.List;
import java.util.Map;

/**
 * MySQL as the generic engine sees it. The rest of this folder (splitter, parser, online-DDL model) serves MariaDB
 * too, parameterised by {@link ServerFacts}; {@code dev.migrationreview.mariadb} holds only what MariaDB decides
 * differently.
 */
public final class MysqlDialect implements DatabaseDialect {
    /**
     * The releases the model covers: 5.7, 8.0 (every patch: 8.0.12 and 8.0.29 changed what is INSTANT), the 8.1 to
     * 8.3 innovation releases, 8.4 LTS and 9.x. There is no MySQL 6 or 7.
     */
    public static final List<VersionRange> SUPPORTED = List.of(VersionRange.of("5.7", "5.7"), VersionRange.of("8.0", "8.4"),
            VersionRange.of("9", "9"));

    private static final NameRules NAMES = new MysqlNames();

    @Override
    public Dialect id() {
        return Dialect.MYSQL;
    }

    @Override
    public VersionRange supportedVersions() {
        return VersionRange.of("5.7", "9");
    }

    @Override
    public boolean supports(DatabaseVersion version) {
        return SUPPORTED.stream().anyMatch(r -> r.contains(version));
    }

    @Override
    public String supportedDescription() {
        return "5.7, 8.0 to 8.4, 9.x";
    }

    @Override
    public NameRules names() {
        return NAMES;
    }

    @Override
    public Map<String, SessionSetting> sessionSettings() {
        return Map.of("lock_wait_timeout", SessionSetting.LOCK_TIMEOUT, "max_execution_time", SessionSetting.STATEMENT_TIMEOUT);
    }
}
