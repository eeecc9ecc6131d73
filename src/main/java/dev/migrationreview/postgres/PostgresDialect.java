package dev.migrationreview.postgres;

import dev.migrationreview.dialect.DatabaseDialect;
import dev.migrationreview.dialect.NameRules;
import dev.migrationreview.dialect.SessionSetting;
import dev.migrationreview.dialect.VersionRange;
import dev.migrationreview.sql.Dialect;
import java.util.Map;

/** PostgreSQL as the generic engine sees it; the rest of this folder is its splitter, parser, effects model and rules. */
public final class PostgresDialect implements DatabaseDialect {
    /**
     * The majors the effects model is proven on (real servers, see docs/locks.md). Extending the model to another
     * major means extending this range, and nothing else outside this folder.
     */
    public static final VersionRange SUPPORTED = VersionRange.of("11", "18");

    private static final NameRules NAMES = new PostgresNames();

    @Override
    public Dialect id() {
        return Dialect.POSTGRESQL;
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
        return Map.of("lock_timeout", SessionSetting.LOCK_TIMEOUT, "statement_timeout", SessionSetting.STATEMENT_TIMEOUT);
    }
}
