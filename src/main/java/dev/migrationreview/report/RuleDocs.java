package dev.migrationreview.report;

import dev.migrationreview.sql.Dialect;
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
        return markdown(ruleId, Dialect.POSTGRESQL);
    }

    /**
     * The page for a dialect: where a rule id is shared between dialects (drop-column is one rule for PostgreSQL and
     * MySQL), each dialect family has its own page in its own terms; a rule of one dialect only is found whatever the
     * dialect asked for, so {@code explain table-copy} works without config.
     */
    public static Optional<String> markdown(String ruleId, Dialect dialect) {
        if (!isRuleId(ruleId)) {
            return Optional.empty();
        }
        for (String path : candidatePaths(ruleId, dialect)) {
            Optional<String> page = resource("docs/rules/" + path + ".md");
            if (page.isPresent()) {
                StringBuilder out = new StringBuilder(page.get());
                example(out, path, "History the examples run against", "base.sql");
                example(out, path, "Flagged", "bad.sql");
                example(out, path, "Not flagged", "good.sql");
                return Optional.of(out.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * Where the dialect's page of the rule lives under docs/rules, without {@code .md}: {@code mysql/drop-column} for a
     * MySQL or MariaDB page, else the id.
     */
    public static String pagePath(String ruleId, Dialect dialect) {
        for (String path : candidatePaths(ruleId, dialect)) {
            if (resource("docs/rules/" + path + ".md").isPresent()) {
                return path;
            }
        }
        return ruleId;
    }

    /** The folder of a dialect's own pages under docs/rules; empty for PostgreSQL, whose pages came first. */
    public static Optional<String> pageFolder(Dialect dialect) {
        return dialect == Dialect.MYSQL || dialect == Dialect.MARIADB ? Optional.of("mysql") : Optional.empty();
    }

    private static java.util.List<String> candidatePaths(String ruleId, Dialect dialect) {
        java.util.List<String> paths = new java.util.ArrayList<>();
        pageFolder(dialect).ifPresent(folder -> paths.add(folder + "/" + ruleId));
        paths.add(ruleId);
        for (Dialect other : Dialect.values()) {
            pageFolder(other).map(folder -> folder + "/" + ruleId).filter(p -> !paths.contains(p)).ifPresent(paths::add);
        }
        return paths;
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

    /** Like {@link #link(String, String)}, to the dialect's own page of the rule ({@code mysql/drop-column}). */
    public static Optional<String> link(String docsUrl, String ruleId, Dialect dialect) {
        return link(docsUrl, pagePath(ruleId, dialect));
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
