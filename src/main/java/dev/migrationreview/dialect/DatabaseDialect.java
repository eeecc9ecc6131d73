package dev.migrationreview.dialect;

import dev.migrationreview.sql.Dialect;
import java.util.Map;

/**
 * What one database decides that the generic engine must ask about: its name rules, the versions its model
 * covers, and the session settings that change a review. A dialect is one folder
 * ({@code dev.migrationreview.postgres}) with one class implementing this, listed in
 * {@code META-INF/services/dev.migrationreview.dialect.DatabaseDialect}; its splitter, parser, effects model,
 * schema rules and rules are beans of that folder, each answering {@code dialect()} with the same {@link Dialect}.
 */
public interface DatabaseDialect {
    Dialect id();

    /** The versions the dialect's model covers; any other {@code database-version} is a config error. */
    VersionRange supportedVersions();

    /** Whether the model covers this version; a dialect whose releases leave gaps (MySQL has no 6 or 7) says so here. */
    default boolean supports(DatabaseVersion version) {
        return supportedVersions().contains(version);
    }

    /** The covered versions in words, for the error naming {@code database-version}. */
    default String supportedDescription() {
        return supportedVersions().toString();
    }

    NameRules names();

    /** The session settings that matter to a review, by the name the database gives them (lower case). */
    Map<String, SessionSetting> sessionSettings();
}
