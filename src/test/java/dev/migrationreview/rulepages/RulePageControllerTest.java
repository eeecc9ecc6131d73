package dev.migrationreview.rulepages;

import dev.migrationreview.webhook.WebhookFixtures;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app serves its own rule pages, rendered from the Markdown in the jar, so the links in its comments work. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulePageControllerTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.server.port", "-1",
                "migration-review.data-dir", dev.migrationreview.jobs.TemporaryDataDir.create("migration-review-rules-test").toString(),
                "migration-review.test.reviewer", "recording");
    }

    @Test
    void aRulePageIsItsMarkdownAsHtmlWithItsExamples() {
        HttpResponse<String> page = WebhookFixtures.get(server.getURI().resolve("/rules/create-index-non-concurrent"));

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("<h1>"), page.body());
        assertTrue(page.body().contains("CONCURRENTLY"), page.body());
        assertTrue(page.body().contains("<h2>Example: Flagged (bad.sql)</h2>"), page.body());
        assertTrue(page.body().contains("<code class=\"language-sql\">"), page.body());
        assertEquals(page.body(), WebhookFixtures.get(server.getURI().resolve("/rules/create-index-non-concurrent.md")).body(),
                "the .md links between pages work too");
    }

    @Test
    void theIndexListsEveryRuleAndAnUnknownOneIsA404() {
        HttpResponse<String> index = WebhookFixtures.get(server.getURI().resolve("/rules"));
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("href=\"/rules/create-index-non-concurrent\""), index.body());

        HttpResponse<String> unknown = WebhookFixtures.get(server.getURI().resolve("/rules/no-such-rule"));
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("no-such-rule"), unknown.body());
        assertEquals(404, WebhookFixtures.get(server.getURI().resolve("/rules/..%2Fapplication.yml")).statusCode());
    }

    @Test
    void aMysqlRepositorysLinksReachTheMysqlPageOfASharedRule() {
        HttpResponse<String> mysql = WebhookFixtures.get(server.getURI().resolve("/rules/mysql/drop-column"));
        assertEquals(200, mysql.statusCode(), mysql.body());
        assertTrue(mysql.body().contains("MySQL and MariaDB page"), mysql.body());
        assertTrue(WebhookFixtures.get(server.getURI().resolve("/rules/drop-column")).body().contains("ACCESS EXCLUSIVE"));
        assertEquals(404, WebhookFixtures.get(server.getURI().resolve("/rules/mysql/no-such-rule")).statusCode());
    }
}
