package dev.migrationreview.report;

import dev.migrationreview.analysis.EngineCheck;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.Rule;
import dev.migrationreview.sql.Dialect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What a reader of a report needs to know about a rule id: its default risk and what it catches. */
public record RuleDescription(String id, Risk risk, String summary) {

    /**
     * The given rules plus the engine's own checks, by id; where rules of several dialects share an id, the one
     * written for {@code dialect} describes it. Without that choice the description came from whichever rule the bean
     * context listed first, an order that changed with the JVM's flags.
     */
    public static List<RuleDescription> catalogue(List<Rule> rules, Dialect dialect) {
        List<Rule> preferred = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            if (r.dialect() == dialect) {
                preferred.add(r);
            }
        }
        for (Rule r : rules) {
            if (r.dialect() != dialect) {
                preferred.add(r);
            }
        }
        return catalogue(preferred);
    }

    /** The given rules plus the engine's own checks, by id; of rules sharing an id, the first describes it. */
    public static List<RuleDescription> catalogue(List<Rule> rules) {
        List<RuleDescription> out = new ArrayList<>();
        for (Rule r : rules) {
            if (out.stream().noneMatch(d -> d.id().equals(r.id()))) {
                out.add(new RuleDescription(r.id(), r.defaultRisk(), r.summary()));
            }
        }
        for (EngineCheck c : EngineCheck.values()) {
            out.add(new RuleDescription(c.id(), c.risk(), c.summary()));
        }
        out.sort(Comparator.comparing(RuleDescription::id));
        return out;
    }
}
