package dev.migrationreview.github;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.report.RuleDocs;
import dev.migrationreview.sql.Dialect;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an inline comment: risk, title, what happens, the safe way, a suggestion GitHub can apply
 * in one click when the rewrite is mechanical, the rule's page, and a hidden marker carrying the
 * fingerprint by which the next push finds this comment again.
 */
public final class ReviewCommentBody {
    private static final Pattern FINGERPRINT = Pattern.compile("<!-- migration-review:fp=([0-9a-f]+(?:-\\d+)?) -->");
    private static final Pattern RESOLVED = Pattern.compile("<!-- migration-review:resolved=([0-9a-f]+(?:-\\d+)?) -->");

    private final String rulesDocsUrl;

    /** @param rulesDocsUrl where rule pages live ({@link RuleDocs#link}); blank: the comment names the rule without a link */
    public ReviewCommentBody(String rulesDocsUrl) {
        this.rulesDocsUrl = rulesDocsUrl == null ? "" : rulesDocsUrl;
    }

    /**
     * @param withSuggestion false when the comment covers fewer lines than the suggestion replaces
     * @param dialect        the reviewed database: a rule id shared by dialects has a page for each
     */
    public String render(PublishedFinding published, boolean withSuggestion, Dialect dialect) {
        Finding f = published.finding();
        StringBuilder body = new StringBuilder();
        body.append("**").append(f.risk().configName().toUpperCase(Locale.ROOT)).append(" risk** · ").append(f.title()).append("\n\n");
        body.append(f.message()).append("\n\n");
        if (f.fix() != null && !f.fix().isBlank()) {
            body.append(instead(f.fix())).append("\n\n");
        }
        if (withSuggestion && f.suggestion() != null) {
            body.append("```suggestion\n").append(f.suggestion().stripTrailing()).append("\n```\n\n");
        }
        body.append(RuleDocs.link(rulesDocsUrl, f.rule(), dialect).map(url -> "Rule [`" + f.rule() + "`](" + url + ")")
                        .orElse("Rule `" + f.rule() + "`"))
                .append(" · to ignore it here: `").append(commentMarker(published.path())).append(" migration-review:ignore ")
                .append(f.rule()).append(" <reason>`\n");
        body.append(marker(published.fingerprint()));
        return body.toString();
    }

    /** The ignore directive is a comment in the file's own language: Ruby and Python comment with {@code #}. */
    static String commentMarker(String path) {
        return path.endsWith(".rb") || path.endsWith(".py") ? "#" : "--";
    }

    /** The engine's fix text usually opens with "Instead:" already; the label is added only when it does not. */
    static String instead(String fix) {
        return fix.regionMatches(true, 0, "Instead", 0, 7) ? fix : "**Instead:** " + fix;
    }

    public static String marker(String fingerprint) {
        return "<!-- migration-review:fp=" + fingerprint + " -->";
    }

    public static String resolvedReply(String fingerprint) {
        return "Resolved: this finding no longer appears in the latest push.\n<!-- migration-review:resolved=" + fingerprint + " -->";
    }

    public static Optional<String> fingerprintIn(String body) {
        Matcher m = FINGERPRINT.matcher(body == null ? "" : body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static boolean isResolvedReply(String body) {
        return body != null && RESOLVED.matcher(body).find();
    }
}
