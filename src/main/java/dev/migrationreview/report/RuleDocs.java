package dev.migrationreview.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A rule's documentation: its page (docs/rules/&lt;id&gt;.md) with its examples (the history, a migration it
 * flags, the safe version it does not), all packaged in the jar; and where a report links to it. Shared by
 * {@code explain}, SARIF, the app's comments and the app's own rule pages, so they all say the same.
 */
public final class RuleDocs {
    /** Rule ids are kebab-case; anything else names no page (and no path outside the pages). */
    private static final String RULE_ID = "[a-z0-9][a-z0-9-]{0,99}";
    /** Where a docs URL names the rule; without it the id is appended. */
    public static final String ID_PLACEHOLDER = "{id}";

    private RuleDocs() {
    }

    public static boolean isRuleId(String text) {
        return text != null && text.matches(RULE_ID);
    }

    /** The page and its examples as one Markdown document; empty when there is no such rule. */
    public static Optional<String> markdown(String ruleId) {
        if (!isRuleId(ruleId)) {
            return Optional.empty();
        }
        Optional<String> page = resource("docs/rules/" + ruleId + ".md");
        if (page.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(page.get());
        example(out, ruleId, "History the examples run against", "base.sql");
        example(out, ruleId, "Flagged", "bad.sql");
        example(out, ruleId, "Not flagged", "good.sql");
        return Optional.of(out.toString());
    }

    /**
     * The link to a rule's page under a docs URL: {@code {id}} replaced when the URL has it
     * ({@code https://github.com/ORG/REPO/blob/main/docs/rules/{id}.md}), else the id appended
     * ({@code https://migration-review.example.com/rules/}). Empty when no docs URL is configured.
     */
    public static Optional<String> link(String docsUrl, String ruleId) {
        if (docsUrl == null || docsUrl.isBlank()) {
            return Optional.empty();
        }
        String base = docsUrl.trim();
        if (base.contains(ID_PLACEHOLDER)) {
            return Optional.of(base.replace(ID_PLACEHOLDER, ruleId));
        }
        return Optional.of(base + (base.endsWith("/") ? "" : "/") + ruleId);
    }

    private static void example(StringBuilder out, String ruleId, String heading, String file) {
        resource("docs/rules/examples/" + ruleId + "/" + file).ifPresent(sql ->
                out.append(String.format("%n## Example: %s (%s)%n%n```sql%n%s%n```%n", heading, file, sql.stripTrailing())));
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = RuleDocs.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the jar: " + e.getMessage(), e);
        }
    }
}
