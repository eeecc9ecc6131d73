package dev.migrationreview.analysis;

import dev.migrationreview.config.Risk;

/**
 * Findings the engine itself reports, outside any {@link Rule}: they keep the review honest (nothing
 * silent, every ignore accounted for). Their ids share the rules' namespace, so config can turn them
 * off or change their risk like a rule's.
 */
public enum EngineCheck {
    STATEMENT_NOT_UNDERSTOOD("statement-not-understood",
            "A statement the engine could not work out; it is shown but not checked."),
    EDITED_APPLIED_MIGRATION("edited-applied-migration",
            "A migration that already ran is edited: it does not run again, and the tool's checksum check may refuse it.", Risk.HIGH),
    UNUSED_IGNORE("unused-ignore",
            "An ignore directive that silenced nothing: a stale comment or a misspelt rule id."),
    IGNORE_WITHOUT_REASON("ignore-without-reason",
            "An ignore directive without a reason; it silences nothing until it says why.");

    private final String id;
    private final String summary;
    private final Risk risk;

    EngineCheck(String id, String summary) {
        this(id, summary, Risk.INFO);
    }

    EngineCheck(String id, String summary, Risk risk) {
        this.id = id;
        this.summary = summary;
        this.risk = risk;
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
