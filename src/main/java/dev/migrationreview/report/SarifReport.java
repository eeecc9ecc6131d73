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
    /** Where the rule pages are published; {@code <id>.md} is appended. */
    public static final String DEFAULT_DOCS_BASE = "https://github.com/migration-review/migration-review/blob/main/docs/rules/";
    public static final String FINGERPRINT_KEY = "migrationReviewFinding/v1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SarifReport() {
    }

    public static String render(Report report, List<RuleDescription> catalogue, String toolVersion) {
        return render(report, catalogue, toolVersion, DEFAULT_DOCS_BASE);
    }

    public static String render(Report report, List<RuleDescription> catalogue, String toolVersion, String docsBase) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "migration-review");
        driver.put("semanticVersion", toolVersion);
        driver.put("informationUri", docsBase.replaceFirst("docs/rules/?$", ""));
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
            r.put("helpUri", docsBase + id + ".md");
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
}
