package dev.migrationreview.analysis;

import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.SourceSpan;
import java.util.List;

/**
 * A rule with a fixed identity (id, default risk, one-line summary) whose findings sit on statements' lines. Every
 * dialect's rules are written this way; what differs per dialect (its lock vocabulary, its quoting) stays in the
 * dialect's own base class.
 */
public abstract class StatementRule implements Rule {
    private final String id;
    private final Risk defaultRisk;
    private final String summary;

    protected StatementRule(String id, Risk defaultRisk, String summary) {
        this.id = id;
        this.defaultRisk = defaultRisk;
        this.summary = summary;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Risk defaultRisk() {
        return defaultRisk;
    }

    @Override
    public final String summary() {
        return summary;
    }

    /** A finding on the whole statement; none when the computed risk is {@code none}. */
    public List<Finding> report(StatementContext context, Risk risk, String title, String message, String fix, String suggestion) {
        return risk == Risk.NONE ? List.of() : List.of(findingAt(context.statement().span(), risk, title, message, fix, suggestion));
    }

    /** A finding on these lines: a subcommand's, or another statement's of the file (file-level rules). */
    protected Finding findingAt(SourceSpan span, Risk risk, String title, String message, String fix, String suggestion) {
        return new Finding(id, risk, span.startLine(), span.endLine(), title, message, fix, suggestion);
    }
}
