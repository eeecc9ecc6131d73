package dev.migrationreview.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.github.PullRequestTarget;
import dev.migrationreview.jobs.Eventually;
import dev.migrationreview.jobs.RecordingPullRequestReviewer;
import dev.migrationreview.store.Installation;
import dev.migrationreview.store.InstallationDirectory;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.migrationreview.webhook.WebhookFixtures.bytes;
import static dev.migrationreview.webhook.WebhookFixtures.deliver;
import static dev.migrationreview.webhook.WebhookFixtures.deliverSigned;
import static dev.migrationreview.webhook.WebhookFixtures.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookEndpointTest implements TestPropertyProvider {
    private static final String SECRET = "webhook-secret-for-tests";
    private static final String OPENED_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    @Inject
    EmbeddedServer server;
    @Inject
    RecordingPullRequestReviewer reviewer;
    @Inject
    DataSource dataSource;
    @Inject
    InstallationDirectory installations;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Map<String, String> getProperties() {
        Path dataDir = dev.migrationreview.jobs.TemporaryDataDir.create("migration-review-webhook-test");
        return Map.of(
                "micronaut.server.port", "-1",
                "migration-review.data-dir", dataDir.toString(),
                "migration-review.github.app-id", "29310",
                "migration-review.github.private-key", WebhookFixtures.privateKeyPem(),
                "migration-review.github.webhook-secret", SECRET,
                "migration-review.test.reviewer", "recording",
                "migration-review.jobs.polling-interval", "200ms");
    }

    @BeforeEach
    void clean() throws SQLException {
        reviewer.reset();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from deliveries");
            statement.executeUpdate("delete from review_requests");
            statement.executeUpdate("delete from installation_repositories");
            statement.executeUpdate("delete from installations");
        }
    }

    @Test
    void unsignedOrWronglySignedDeliveriesAreRejectedAndLeaveNothingBehind() throws SQLException {
        byte[] body = bytes(payload("pull_request/opened.payload.json"));
        URI uri = server.getURI();

        HttpResponse<String> missing = deliver(uri, "pull_request", UUID.randomUUID().toString(), body, null);
        HttpResponse<String> wrongSecret = deliver(uri, "pull_request", UUID.randomUUID().toString(), body,
                WebhookSignature.sign("not-the-secret", body));
        byte[] tampered = body.clone();
        tampered[tampered.length - 2] = (byte) ' ';
        HttpResponse<String> tamperedBody = deliver(uri, "pull_request", UUID.randomUUID().toString(), tampered,
                WebhookSignature.sign(SECRET, body));

        assertEquals(401, missing.statusCode(), missing.body());
        assertEquals(401, wrongSecret.statusCode(), wrongSecret.body());
        assertEquals(401, tamperedBody.statusCode(), tamperedBody.body());
        assertEquals(0, count("select count(*) from deliveries"), "no delivery stored");
        assertEquals(0, count("select count(*) from review_requests"), "no review requested");
        assertEquals(0, count("select count(*) from scheduled_tasks where task_name = 'review-pull-request'"), "no job queued");
        assertEquals(List.of(), reviewer.calls());
    }

    @Test
    void aSignedPullRequestIsAnsweredAtOnceAndReviewedByAJob() {
        HttpResponse<String> response = deliverSigned(server.getURI(), SECRET, "pull_request",
                payload("pull_request/opened.payload.json"));

        assertEquals(202, response.statusCode(), response.body());
        Eventually.await(Duration.ofSeconds(20), "the review job", () -> !reviewer.calls("review").isEmpty(), reviewer::calls);
        assertEquals(new PullRequestTarget(1, "Codertocat", "Hello-World", 2, OPENED_HEAD),
                reviewer.calls("review").get(0).target());
    }

    @Test
    void theSameDeliveryTwiceIsOneReview() throws SQLException {
        byte[] body = bytes(payload("pull_request/opened.payload.json"));
        String deliveryId = UUID.randomUUID().toString();
        String signature = WebhookSignature.sign(SECRET, body);

        HttpResponse<String> first = deliver(server.getURI(), "pull_request", deliveryId, body, signature);
        Eventually.await(Duration.ofSeconds(20), "the review job", () -> !reviewer.calls("review").isEmpty(), reviewer::calls);
        HttpResponse<String> redelivery = deliver(server.getURI(), "pull_request", deliveryId, body, signature);

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(200, redelivery.statusCode(), redelivery.body());
        assertTrue(redelivery.body().startsWith("duplicate"), redelivery.body());
        assertEquals(1, count("select count(*) from deliveries"));
        sleepPastPolling();
        assertEquals(1, reviewer.calls("review").size(), reviewer.calls().toString());
    }

    @Test
    void concurrentCopiesOfDeliveriesForANewPullRequestAreAllAnsweredAndReviewedOnce() throws Exception {
        byte[] body = bytes(payload("pull_request/opened.payload.json"));
        String signature = WebhookSignature.sign(SECRET, body);
        String sameDelivery = UUID.randomUUID().toString();
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // Half are copies of one delivery, half are distinct deliveries for the same new pull request.
                String id = i % 2 == 0 ? sameDelivery : UUID.randomUUID().toString();
                answers.add(senders.submit(() -> deliver(server.getURI(), "pull_request", id, body, signature)));
            }
            for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(response.statusCode() == 200 || response.statusCode() == 202, response.statusCode() + " " + response.body());
            }
        } finally {
            senders.shutdownNow();
        }
        Eventually.await(Duration.ofSeconds(20), "the review job", () -> !reviewer.calls("review").isEmpty(), reviewer::calls);
        sleepPastPolling();
        assertEquals(1, reviewer.calls("review").size(), reviewer.calls().toString());
        assertEquals(5, count("select count(*) from deliveries"));
    }

    @Test
    void twoEventsForTheSameHeadAreOneReview() {
        // GitHub sends both pull_request.synchronize and check_suite.requested for one push.
        deliverSigned(server.getURI(), SECRET, "pull_request", payload("pull_request/synchronize.payload.json"));
        Eventually.await(Duration.ofSeconds(20), "the review job", () -> !reviewer.calls("review").isEmpty(), reviewer::calls);
        ObjectNode suite = payload("check_suite/requested.payload.json");
        ObjectNode checkSuite = (ObjectNode) suite.path("check_suite");
        checkSuite.put("head_sha", OPENED_HEAD);
        checkSuite.putArray("pull_requests").addObject().put("number", 2);
        suite.putObject("installation").put("id", 1);
        HttpResponse<String> second = deliverSigned(server.getURI(), SECRET, "check_suite", suite);

        assertEquals(202, second.statusCode(), second.body());
        assertTrue(second.body().startsWith("unchanged"), second.body());
        sleepPastPolling();
        assertEquals(1, reviewer.calls("review").size(), reviewer.calls().toString());
    }

    @Test
    void aRecheckCommentReviewsTheCurrentHeadAgain() {
        ObjectNode comment = payload("issue_comment/created.with-installation.payload.json");
        ((ObjectNode) comment.path("comment")).put("body", "/migration-review recheck");
        ((ObjectNode) comment.path("issue")).putObject("pull_request").put("url", "https://api.github.com/repos/x/y/pulls/1");

        HttpResponse<String> response = deliverSigned(server.getURI(), SECRET, "issue_comment", comment);

        assertEquals(202, response.statusCode(), response.body());
        Eventually.await(Duration.ofSeconds(20), "the review job", () -> !reviewer.calls("review").isEmpty(), reviewer::calls);
        assertEquals(null, reviewer.calls("review").get(0).target().headSha());
    }

    @Test
    void acceptRiskOnOurRunReachesTheReviewer() {
        ObjectNode click = payload("check_run/requested_action.payload.json");
        ((ObjectNode) click.path("check_run").path("app")).put("id", 29310);
        ((ObjectNode) click.path("requested_action")).put("identifier", "accept-risk");

        HttpResponse<String> response = deliverSigned(server.getURI(), SECRET, "check_run", click);

        assertEquals(202, response.statusCode(), response.body());
        Eventually.await(Duration.ofSeconds(20), "the accept-risk job", () -> !reviewer.calls("acceptRisk").isEmpty(),
                reviewer::calls);
        RecordingPullRequestReviewer.Call call = reviewer.calls("acceptRisk").get(0);
        assertEquals("1494503112 codebytere", call.detail());
        assertEquals("5bd5f196a46b8222fb7484f05faba41a73cf34bd", call.target().headSha());
    }

    @Test
    void installationsAreKeptInTheStore() {
        assertEquals(200, deliverSigned(server.getURI(), SECRET, "installation", payload("installation/created.payload.json")).statusCode());
        assertEquals(List.of("Codertocat/Hello-World"), installations.find(957387).orElseThrow().repositories());

        assertEquals(200, deliverSigned(server.getURI(), SECRET, "installation_repositories",
                payload("installation_repositories/added.payload.json")).statusCode());
        Installation grown = installations.find(957387).orElseThrow();
        assertEquals(List.of("Codertocat/Hello-World", "Codertocat/Space"), grown.repositories());

        assertEquals(200, deliverSigned(server.getURI(), SECRET, "installation", payload("installation/suspend.payload.json")).statusCode());
        assertTrue(installations.find(16598467).orElseThrow().suspended());

        assertEquals(200, deliverSigned(server.getURI(), SECRET, "installation", payload("installation/deleted.payload.json")).statusCode());
        assertTrue(installations.find(2).isEmpty());
        assertEquals(List.of(957387L, 16598467L), installations.all().stream().map(Installation::id).sorted().toList());
    }

    @Test
    void aBodyOverGitHubs25MegabyteLimitIsRefused() throws SQLException {
        byte[] body = new byte[25 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = deliver(server.getURI(), "pull_request", UUID.randomUUID().toString(), body,
                WebhookSignature.sign(SECRET, body));
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(0, count("select count(*) from deliveries"));
    }

    @Test
    void pingAnswersAndUnhandledEventsAreNoContent() {
        HttpResponse<String> ping = deliverSigned(server.getURI(), SECRET, "ping", payload("ping/with-app_id.payload.json"));
        HttpResponse<String> closed = deliverSigned(server.getURI(), SECRET, "pull_request", payload("pull_request/closed.payload.json"));
        HttpResponse<String> star = deliverSigned(server.getURI(), SECRET, "star", payload("ping/with-app_id.payload.json"));

        assertEquals(200, ping.statusCode(), ping.body());
        assertEquals(204, closed.statusCode(), closed.body());
        assertEquals(204, star.statusCode(), star.body());
        assertEquals(List.of(), reviewer.calls());
    }

    @Test
    void theStoreIsPrunedByOneRecurringJob() throws SQLException {
        assertEquals(1, count("select count(*) from scheduled_tasks where task_name = 'prune-store'"));
    }

    @Test
    void healthTellsAnAnonymousCallerTheStatusOnly() throws IOException {
        HttpResponse<String> health = WebhookFixtures.get(server.getURI().resolve("/health"));

        assertEquals(200, health.statusCode(), health.body());
        JsonNode body = json.readTree(health.body());
        assertEquals("UP", body.path("status").asText());
        assertTrue(body.path("details").isMissingNode(), "no details for anonymous callers: " + health.body());
        assertTrue(!health.body().contains("jdbc:") && !health.body().contains("migration-review-webhook-test"),
                "no store URL or data path: " + health.body());
    }

    @Test
    void aSignedDeliveryWithAnOverlongOrMalformedHeaderIsA400WithAPlainMessage() throws SQLException {
        byte[] body = bytes(payload("pull_request/opened.payload.json"));
        String signature = WebhookSignature.sign(SECRET, body);

        HttpResponse<String> longId = deliver(server.getURI(), "pull_request", "d".repeat(101), body, signature);
        HttpResponse<String> oddEvent = deliver(server.getURI(), "pull_request<script>", UUID.randomUUID().toString(), body, signature);
        HttpResponse<String> longEvent = deliver(server.getURI(), "e".repeat(61), UUID.randomUUID().toString(), body, signature);

        assertEquals(400, longId.statusCode(), longId.body());
        assertTrue(longId.body().startsWith("X-GitHub-Delivery must be"), longId.body());
        assertEquals(400, oddEvent.statusCode(), oddEvent.body());
        assertEquals(400, longEvent.statusCode(), longEvent.body());
        assertTrue(longEvent.body().startsWith("X-GitHub-Event must be"), longEvent.body());
        assertEquals(0, count("select count(*) from deliveries"));
        assertEquals(202, deliver(server.getURI(), "pull_request", "d".repeat(100), body, signature).statusCode(),
                "100 characters still fit");
    }

    @Test
    void anInternalErrorIsAGeneric500WithAReferenceAndNoInternalText() {
        // a signed payload whose owner login overflows the store's column: the store fails inside the intake
        ObjectNode opened = payload("pull_request/opened.payload.json");
        ((ObjectNode) opened.path("repository").path("owner")).put("login", "o".repeat(300));
        ((ObjectNode) opened.path("repository")).put("full_name", "o".repeat(300) + "/Hello-World");

        HttpResponse<String> response = deliverSigned(server.getURI(), SECRET, "pull_request", opened);

        assertEquals(500, response.statusCode(), response.body());
        assertTrue(response.body().matches("internal error; the server's log has the details under reference [0-9a-f]{12}\\n"),
                response.body());
    }

    @Test
    void metricsCountDeliveriesAndJobsInPrometheusFormat() {
        deliverSigned(server.getURI(), SECRET, "pull_request", payload("pull_request/opened.payload.json"));
        deliver(server.getURI(), "pull_request", UUID.randomUUID().toString(), new byte[] {'{', '}'}, null);
        Eventually.await(Duration.ofSeconds(20), "the review job", () -> !reviewer.calls("review").isEmpty(), reviewer::calls);

        HttpResponse<String> metrics = WebhookFixtures.get(server.getURI().resolve("/metrics"));

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), metrics.headers().toString());
        String text = metrics.body();
        for (String expected : List.of(
                "migration_review_webhook_deliveries_total{event=\"pull_request\",outcome=\"queued\"}",
                "migration_review_webhook_deliveries_total{event=\"pull_request\",outcome=\"unauthorized\"}",
                "migration_review_jobs_queued ", "migration_review_jobs_running ",
                "migration_review_jobs_failed_total{task=\"review-pull-request\"}",
                "migration_review_review_duration_seconds_count{outcome=\"published\"}",
                "migration_review_github_rate_limit_remaining ")) {
            assertTrue(text.contains(expected), "missing " + expected + " in\n" + text);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Long enough for a wrongly queued second job to have run (polling is 200 ms, execution is immediate). */
    private static void sleepPastPolling() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
