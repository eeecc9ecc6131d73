package dev.migrationreview.analysis;

import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.Dialect;
import java.util.List;

/**
 * One check a reviewer makes. A rule is a small class found by injection ({@code List<Rule>}) or by
 * {@link java.util.ServiceLoader}; adding one edits no registry. Its page is {@code docs/rules/<id>.md}
 * and its examples live beside its tests.
 */
public interface Rule {
    /** Kebab-case, naming the operation: {@code create-index-non-concurrent}. */
    String id();

    /** The dialect the rule was written for (its page and examples are in its terms). */
    Dialect dialect();

    /**
     * Whether the rule judges statements of this dialect. One rule may serve several: MySQL and MariaDB share
     * most rules and their ids, so a rule of both answers true for each and is one class with one page.
     */
    default boolean appliesTo(Dialect dialect) {
        return dialect() == dialect;
    }

    /** The risk before size, duration and deploy strategy adjust it. */
    Risk defaultRisk();

    /** One line: what the rule catches. */
    String summary();

    /**
     * Judges one statement in its context. File-level rules (one finding per file) look at
     * {@link StatementContext#earlier()} and report on the last statement they concern.
     */
    List<Finding> check(StatementContext context);

    /**
     * Whether the rule also judges statements of an edited migration that the edit left as they were (history
     * that databases already ran): only rules about the edit itself do.
     */
    default boolean judgesUnchangedStatements() {
        return false;
    }
}
