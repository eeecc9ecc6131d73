package dev.migrationreview.rulepages;

import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.report.RuleDescription;
import dev.migrationreview.report.RuleDocs;
import dev.migrationreview.sql.Dialect;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;
import java.util.Optional;

/**
 * The rule pages, served by the app itself: the review comments link here (through PUBLIC_URL), so a
 * link works wherever the app runs. Rendered from the Markdown packaged in the jar, with raw HTML in
 * it escaped and unsafe link schemes dropped.
 */
@Controller("/rules")
public class RulePageController {
    private final ReviewEngine engine;
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    public RulePageController(ReviewEngine engine) {
        this.engine = engine;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    public String index() {
        List<RuleDescription> catalogue = RuleDescription.catalogue(engine.rules());
        StringBuilder list = new StringBuilder("<h1>migration-review rules</h1><table><tr><th>rule</th><th>risk</th><th>what it finds</th></tr>");
        for (RuleDescription rule : catalogue) {
            list.append("<tr><td><a href=\"/rules/").append(escape(rule.id())).append("\">").append(escape(rule.id()))
                    .append("</a></td><td>").append(escape(rule.risk().configName())).append("</td><td>")
                    .append(escape(rule.summary())).append("</td></tr>");
        }
        return page("migration-review rules", list.append("</table>").toString());
    }

    /** {@code /rules/<id>}, and {@code /rules/<id>.md} as the pages link to each other and older comments link. */
    @Get("/{page}")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> rule(@PathVariable String page) {
        String id = page.endsWith(".md") ? page.substring(0, page.length() - 3) : page;
        Optional<String> markdown = RuleDocs.markdown(id);
        if (markdown.isEmpty()) {
            return HttpResponse.<String>status(HttpStatus.NOT_FOUND).body(page("No such rule",
                    "<h1>No such rule</h1><p>There is no rule <code>" + escape(id) + "</code>. <a href=\"/rules\">All rules</a>.</p>"));
        }
        String html = renderer.render(parser.parse(markdown.get()));
        return HttpResponse.ok(page(id + " · migration-review", html + "<p><a href=\"/rules\">All rules</a></p>"));
    }

    /**
     * {@code /rules/mysql/<id>}: the MySQL and MariaDB page of a rule, as the review comments of a MySQL or MariaDB
     * repository link it (a shared id such as drop-column has a page per dialect family).
     */
    @Get("/mysql/{page}")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> mysqlRule(@PathVariable String page) {
        String id = page.endsWith(".md") ? page.substring(0, page.length() - 3) : page;
        Optional<String> markdown = RuleDocs.markdown(id, Dialect.MYSQL);
        if (markdown.isEmpty()) {
            return HttpResponse.<String>status(HttpStatus.NOT_FOUND).body(page("No such rule",
                    "<h1>No such rule</h1><p>There is no rule <code>" + escape(id) + "</code>. <a href=\"/rules\">All rules</a>.</p>"));
        }
        String html = renderer.render(parser.parse(markdown.get()));
        return HttpResponse.ok(page(id + " (MySQL, MariaDB) · migration-review", html + "<p><a href=\"/rules\">All rules</a></p>"));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<style>body{font-family:system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.5}"
                + "pre{background:#f6f6f6;padding:.6em;overflow-x:auto}code{background:#f3f3f3}"
                + "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}table{border-collapse:collapse}</style>"
                + "</head><body>" + body + "</body></html>";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
