package dev.migrationreview.report;

import dev.migrationreview.analysis.Report;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as SARIF 2.1.0 for GitHub code scanning: one run, the rules that appear (with their page as
 * {@code helpUri}), one result per finding anchored to its lines, with a partial fingerprint so that code
 * scanning follows a finding across pushes as the App's comments do.
 */
public final class SarifReport {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String FINGERPRINT_KEY = "migrationReviewFinding/v1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SarifReport() {
    }

    /** Without a docs URL: no links; each rule's help says how to read its page with {@code explain}. */
    public static String render(Report report, List<RuleDescription> catalogue, String toolVersion) {
        return render(report, catalogue, toolVersion, "");
    }

    /** @param docsUrl where rule pages live ({@link RuleDocs#link}); blank for none */
    public static String render(Report report, List<RuleDescription> catalogue, String toolVersion, String docsUrl) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "migration-review");
        driver.put("semanticVersion", toolVersion);
        if (docsUrl != null && !docsUrl.isBlank()) {
            int placeholder = docsUrl.indexOf(RuleDocs.ID_PLACEHOLDER);
            driver.put("informationUri", placeholder < 0 ? docsUrl.trim() : docsUrl.substring(0, placeholder));
        }
        ArrayNode rules = driver.putArray("rules");

        List<FindingFingerprint.Fingerprinted> all = FindingFingerprint.all(report);
        Map<String, Integer> ruleIndex = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (FindingFingerprint.Fingerprinted f : all) {
            if (!ruleIndex.containsKey(f.finding().rule())) {
                ruleIndex.put(f.finding().rule(), order.size());
                order.add(f.finding().rule());
            }
        }
        for (String id : order) {
            RuleDescription d = catalogue.stream().filter(c -> c.id().equals(id)).findFirst()
                    .orElse(new RuleDescription(id, Risk.INFO, id));
            ObjectNode r = rules.addObject();
            r.put("id", id);
            r.put("name", id);
            r.putObject("shortDescription").put("text", d.summary());
            RuleDocs.link(docsUrl, id, dialectOf(report)).ifPresent(uri -> r.put("helpUri", uri));
            r.putObject("help").put("text", d.summary() + " Details: `migration-review explain " + id + "`.");
            r.putObject("defaultConfiguration").put("level", level(d.risk()));
            r.putObject("properties").put("risk", d.risk().configName());
        }

        ArrayNode results = run.putArray("results");
        for (FindingFingerprint.Fingerprinted f : all) {
            Finding finding = f.finding();
            ObjectNode r = results.addObject();
            r.put("ruleId", finding.rule());
            r.put("ruleIndex", ruleIndex.get(finding.rule()));
            r.put("level", level(finding.risk()));
            String text = finding.message() + (finding.fix() == null || finding.fix().isBlank() ? "" : "\nInstead: " + FixText.withoutLabel(finding.fix()));
            r.putObject("message").put("text", text);
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            artifact.put("uri", f.file().path());
            artifact.put("uriBaseId", "%SRCROOT%");
            ObjectNode region = physical.putObject("region");
            region.put("startLine", Math.max(1, finding.line()));
            region.put("endLine", Math.max(Math.max(1, finding.line()), finding.endLine()));
            r.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
            r.putObject("properties").put("risk", finding.risk().configName());
        }
        return JsonReport.write(root);
    }

    /** SARIF has three levels; the report's six risks fold into them. */
    static String level(Risk risk) {
        return switch (risk) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM, LOW -> "warning";
            case INFO -> "note";
            case NONE -> "none";
        };
    }

    /** The reviewed dialect, whose page of a shared rule id the link names; PostgreSQL for reports that name none. */
    private static dev.migrationreview.sql.Dialect dialectOf(Report report) {
        try {
            return dev.migrationreview.sql.Dialect.fromConfigName(report.dialect());
        } catch (IllegalArgumentException | NullPointerException e) {
            return dev.migrationreview.sql.Dialect.POSTGRESQL;
        }
    }
}
