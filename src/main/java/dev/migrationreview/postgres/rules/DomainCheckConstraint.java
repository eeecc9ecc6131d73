package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

@Singleton
public final class DomainCheckConstraint extends PostgresRule {

    public DomainCheckConstraint() {
        super("domain-check-constraint", Risk.MEDIUM,
                "A CHECK on a domain is verified against every column of that domain, and cannot be changed without rewriting them");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        String kind = context.statement().kind().toUpperCase(Locale.ROOT);
        String text = sql(context).toUpperCase(Locale.ROOT);
        boolean alter = kind.startsWith("ALTER DOMAIN") && text.contains("ADD") && (text.contains("CHECK") || text.contains("CONSTRAINT"))
                && !text.contains("NOT VALID");
        boolean create = kind.startsWith("CREATE DOMAIN") && text.contains("CHECK");
        if (!alter && !create) {
            return List.of();
        }
        if (alter) {
            return report(context, Risk.MEDIUM, "Domain constraint is checked against every column using it",
                    "ALTER DOMAIN ... ADD CONSTRAINT scans every table with a column of this domain, locking each one while it does.",
                    "Instead: add it NOT VALID, then run `ALTER DOMAIN ... VALIDATE CONSTRAINT` in a separate migration.",
                    suggest(context, s -> beforeSemicolon(s, " NOT VALID")));
        }
        return report(context, Risk.INFO, "CHECK on a domain is hard to change later",
                "This domain carries a CHECK. Changing the rule later means ALTER DOMAIN, which re-checks every column of the domain"
                        + " in every table under lock, and columns cannot drop the domain without a type change.",
                "Prefer a plain type with a CHECK constraint on each table (which can be added NOT VALID and validated without blocking).",
                null);
    }
}
