package dev.migrationreview.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.jobs.Eventually;
import dev.migrationreview.jobs.RecordingPullRequestReviewer;
import dev.migrationreview.jobs.ServiceMeters;
import dev.migrationreview.webhook.WebhookFixtures;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static dev.migrationreview.webhook.WebhookFixtures.deliverSigned;
import static dev.migrationreview.webhook.WebhookFixtures.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's status page on the management port: installations, recent reviews linked to their pull
 * requests and checks, failures with their reason, the queue and GitHub's rate limit. Not on the public port.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorStatusPageTest implements TestPropertyProvider {
    private static final String SECRET = "status-secret";

    @Inject
    EmbeddedServer server;
    @Inject
    ManagementServer management;
    @Inject
    RecordingPullRequestReviewer reviewer;
    @Inject
    ServiceMeters meters;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.server.port", "-1",
                "migration-review.management.port", "0",
                "migration-review.data-dir", dev.migrationreview.jobs.TemporaryDataDir.create("migration-review-status-test").toString(),
                "migration-review.github.app-id", "29310",
                "migration-review.github.private-key", WebhookFixtures.privateKeyPem(),
                "migration-review.github.webhook-secret", SECRET,
                "migration-review.test.reviewer", "recording",
                "migration-review.jobs.polling-interval", "200ms",
                "migration-review.jobs.max-attempts", "2",
                "migration-review.jobs.initial-backoff", "100ms");
    }

    @Test
    void showsInstallationsReviewsFailuresQueueAndRateLimitOnLoopbackOnly() throws Exception {
        assertEquals(200, deliverSigned(server.getURI(), SECRET, "installation", payload("installation/created.payload.json")).statusCode());
        reviewer.failReviews(2, Duration.ofMillis(100));
        ObjectNode opened = payload("pull_request/opened.payload.json");
        assertEquals(202, deliverSigned(server.getURI(), SECRET, "pull_request", opened).statusCode());
        Eventually.await(Duration.ofSeconds(30), "the review to be given up after two 502s",
                () -> !reviewer.calls("giveUp").isEmpty(), reviewer::calls);
        meters.githubRateLimitRemaining(4321);

        URI status = URI.create("http://127.0.0.1:" + management.port() + "/");
        String[] page = new String[1];
        Eventually.await(Duration.ofSeconds(10), "the failure on the status page", () -> {
            HttpResponse<String> response = WebhookFixtures.get(status);
            page[0] = response.body();
            return response.statusCode() == 200 && response.body().contains("gave-up");
        }, () -> page[0]);
        assertPage(page[0]);

        JsonNode health = new ObjectMapper().readTree(WebhookFixtures.get(status.resolve("/health")).body());
        assertEquals("UP", health.path("details").path("store").asText(), health.toString());
        assertEquals("UP", health.path("details").path("jobs").asText(), health.toString());

        assertEquals(404, WebhookFixtures.get(server.getURI().resolve("/status")).statusCode(), "not on the public port");
    }

    private static void assertPage(String page) {
        assertTrue(page.contains("Codertocat") && page.contains("Hello-World"), "the installation: " + page);
        assertTrue(page.contains("href=\"https://github.com/Codertocat/Hello-World/pull/2\""), "links the pull request: " + page);
        assertTrue(page.contains("href=\"https://github.com/Codertocat/Hello-World/pull/2/checks?sha=ec26c3e57ca3a959ca5aad62de7213c562f8c821\""),
                "links the check runs of the reviewed commit: " + page);
        assertTrue(page.contains("GitHub answered 502 Bad Gateway"), "the failure's reason: " + page);
        assertTrue(page.matches("(?s).*<p id=\"queue\">0 waiting, 0 running.*"), page);
        assertTrue(page.contains("4321 calls left"), page);
    }
}
