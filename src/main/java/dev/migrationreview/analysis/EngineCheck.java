package dev.migrationreview.analysis;

import dev.migrationreview.config.Risk;

/**
 * Findings the engine itself reports, outside any {@link Rule}: they keep the review honest (nothing
 * silent, every ignore accounted for). Their ids share the rules' namespace, so config can turn them
 * off or change their risk like a rule's.
 */
public enum EngineCheck {
    STATEMENT_NOT_UNDERSTOOD("statement-not-understood", Risk.INFO,
            "A statement the engine could not work out; it is shown but not checked."),
    UNUSED_IGNORE("unused-ignore", Risk.INFO,
            "An ignore directive that silenced nothing: a stale comment or a misspelt rule id."),
    IGNORE_WITHOUT_REASON("ignore-without-reason", Risk.INFO,
            "An ignore directive without a reason; it silences nothing until it says why."),
    MIGRATION_REFUSED("migration-refused", Risk.HIGH,
            "Migrations the tool refuses to run (Django: conflicting leaf migrations, a dependency cycle, a dependency on a"
                    + " missing migration): the deploy's migrate step stops before running any of them"),
    UNTERMINATED_LITERAL("unterminated-literal", Risk.HIGH,
            "A quote, quoted identifier, dollar-quoted body or block comment that is never closed: the database reads the"
                    + " rest of the file into it, so the migration fails or runs something else");

    private final String id;
    private final Risk risk;
    private final String summary;

    EngineCheck(String id, Risk risk, String summary) {
        this.id = id;
        this.risk = risk;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public Risk risk() {
        return risk;
    }

    public String summary() {
        return summary;
    }

    public static boolean isEngineCheck(String ruleId) {
        for (EngineCheck c : values()) {
            if (c.id.equals(ruleId)) {
                return true;
            }
        }
        return false;
    }
}
