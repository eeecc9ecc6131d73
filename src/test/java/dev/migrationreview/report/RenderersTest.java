package dev.migrationreview.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Report;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationreview.config.Risk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenderersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Report report = SampleReports.orderStatus();

    @Test
    void jsonMatchesTheGoldenFile() throws IOException {
        assertEquals(resource("/report/order-status.v1.json"), JsonReport.render(report));
    }

    @Test
    void jsonFieldsComeInReportFormatV1Order() throws IOException {
        JsonNode root = MAPPER.readTree(JsonReport.render(report));
        assertEquals(List.of("format", "dialect", "databaseVersion", "risk", "files", "notes"), names(root));
        assertEquals("migration-review/v1", root.get("format").asText());
        JsonNode file = root.get("files").get(0);
        assertEquals(List.of("path", "tool", "transactional", "risk", "statements"), names(file));
        JsonNode statement = file.get("statements").get(0);
        assertEquals(List.of("index", "startLine", "endLine", "sql", "kind", "understood", "locks", "rewrites", "scans", "findings"),
                names(statement));
        assertEquals(List.of("relation", "mode"), names(statement.get("locks").get(0)));
        assertEquals("public.orders", statement.get("locks").get(0).get("relation").asText());
        assertEquals(List.of("rule", "risk", "line", "endLine", "title", "message", "fix", "suggestion"),
                names(statement.get("findings").get(0)));
        assertTrue(statement.get("findings").get(0).get("suggestion").isNull());
        assertEquals("public.orders", file.get("statements").get(1).get("scans").get(0).asText());
    }

    @Test
    void textPutsEachFindingOnItsLineThenTheFix() {
        String text = TextReport.render(report, false);
        assertTrue(text.contains("db/migration/V7__order_status.sql:6  HIGH  create-index-non-concurrent  builds `orders_status_idx`"), text);
        assertTrue(text.contains("\n    Instead: build it with CONCURRENTLY"), text);
        assertTrue(text.contains("    Replace lines 6-6 with:\n      CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status_code);"), text);
        assertTrue(text.contains("3 findings in 2 files (4 statements). Overall risk: HIGH"), text);
        assertTrue(text.contains("note: Table sizes unknown for public.orders."), text);
        assertFalse(text.contains("\u001b["), "no colour when not asked");
        assertTrue(TextReport.render(report, true).contains("\u001b[31mHIGH\u001b[0m"));
    }

    @Test
    void sarifHasWhatGitHubCodeScanningRequires() throws IOException {
        List<RuleDescription> catalogue = List.of(
                new RuleDescription("create-index-non-concurrent", Risk.HIGH, "CREATE INDEX without CONCURRENTLY blocks writes."),
                new RuleDescription("add-column-not-null-default", Risk.LOW, "Adding a NOT NULL column with a default."));
        JsonNode root = MAPPER.readTree(SarifReport.render(report, concat(catalogue, RuleDescription.catalogue(List.of())), "1.2.3"));
        assertEquals("2.1.0", root.get("version").asText());
        assertEquals(SarifReport.SCHEMA, root.get("$schema").asText());
        JsonNode run = root.get("runs").get(0);
        JsonNode driver = run.get("tool").get("driver");
        assertEquals("migration-review", driver.get("name").asText());
        List<String> ruleIds = new ArrayList<>();
        driver.get("rules").forEach(r -> ruleIds.add(r.get("id").asText()));
        assertEquals(List.of("add-column-not-null-default", "create-index-non-concurrent", "statement-not-understood"), ruleIds);
        JsonNode indexRule = driver.get("rules").get(1);
        assertEquals(SarifReport.DEFAULT_DOCS_BASE + "create-index-non-concurrent.md", indexRule.get("helpUri").asText());
        assertEquals("CREATE INDEX without CONCURRENTLY blocks writes.", indexRule.get("shortDescription").get("text").asText());

        JsonNode results = run.get("results");
        assertEquals(3, results.size());
        JsonNode high = results.get(1);
        assertEquals("create-index-non-concurrent", high.get("ruleId").asText());
        assertEquals(1, high.get("ruleIndex").asInt());
        assertEquals("error", high.get("level").asText());
        JsonNode location = high.get("locations").get(0).get("physicalLocation");
        assertEquals("db/migration/V7__order_status.sql", location.get("artifactLocation").get("uri").asText());
        assertEquals(6, location.get("region").get("startLine").asInt());
        assertEquals(6, location.get("region").get("endLine").asInt());
        assertTrue(high.get("message").get("text").asText().contains("Instead: build it with CONCURRENTLY"));
        assertEquals(Set.of("warning", "error", "note"), Set.of(results.get(0).get("level").asText(), high.get("level").asText(),
                results.get(2).get("level").asText()));
        String fp = high.get("partialFingerprints").get(SarifReport.FINGERPRINT_KEY).asText();
        assertEquals(FindingFingerprint.of("create-index-non-concurrent", "db/migration/V7__order_status.sql",
                "CREATE INDEX orders_status_idx ON orders (status_code)"), fp);
        assertNotEquals(fp, results.get(0).get("partialFingerprints").get(SarifReport.FINGERPRINT_KEY).asText());
    }

    @Test
    void markdownShowsRiskTableAndEachFindingWithItsFix() {
        String md = MarkdownReport.render(report);
        assertTrue(md.startsWith("### migration-review: risk **HIGH**\n\n3 findings in 2 migration files (postgresql 16)."), md);
        assertTrue(md.contains("| `db/migration/V7__order_status.sql` | 3–4 | ALTER TABLE | public.orders AccessExclusiveLock | low |"), md);
        assertTrue(md.contains("| `db/migration/V7__order_status.sql` | 8–10 | CREATE FOO (not understood) |  | info |"), md);
        assertTrue(md.contains("#### risk **HIGH** `create-index-non-concurrent` — `db/migration/V7__order_status.sql` line 6"), md);
        assertTrue(md.contains("**Instead:** build it with CONCURRENTLY"), md);
        assertTrue(md.contains("```sql\nCREATE INDEX CONCURRENTLY orders_status_idx ON orders (status_code);\n```"), md);
        assertTrue(md.contains("<details><summary>Notes</summary>\n\n- Table sizes unknown for public.orders.\n"), md);
    }

    private static List<RuleDescription> concat(List<RuleDescription> a, List<RuleDescription> b) {
        List<RuleDescription> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RenderersTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
