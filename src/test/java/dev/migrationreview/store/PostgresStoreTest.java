package dev.migrationreview.store;

import dev.migrationreview.github.BlobCache;
import dev.migrationreview.jobs.Eventually;
import dev.migrationreview.jobs.RecordingPullRequestReviewer;
import dev.migrationreview.webhook.WebhookFixtures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.migrationreview.webhook.WebhookFixtures.bytes;
import static dev.migrationreview.webhook.WebhookFixtures.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The shared store: the same migrations, job table and intake on a real PostgreSQL server, as
 * several instances use it (DATABASE_URL).
 */
class PostgresStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void deliveriesJobsAndBlobsWorkOnPostgresql() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "SKIPPED: PostgreSQL refuses to run as root; .ci/run runs the build as an unprivileged user");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(dev.migrationreview.EmbeddedPostgresDirectory.forThisUser()).setRegisterShutdownHook(false).start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
                    "micronaut.server.port", -1,
                    "migration-review.data-dir", dataDir.toString(),
                    "migration-review.database-url", url,
                    "migration-review.github.app-id", "29310",
                    "migration-review.github.private-key", WebhookFixtures.privateKeyPem(),
                    "migration-review.github.webhook-secret", "pg-secret",
                    "migration-review.test.reviewer", "recording",
                    "migration-review.jobs.polling-interval", "200ms")).getApplicationContext()) {
                EmbeddedServer server = context.getBean(EmbeddedServer.class);
                RecordingPullRequestReviewer reviewer = context.getBean(RecordingPullRequestReviewer.class);
                byte[] body = bytes(payload("pull_request/opened.payload.json"));
                String delivery = UUID.randomUUID().toString();
                String signature = dev.migrationreview.webhook.WebhookSignature.sign("pg-secret", body);

                HttpResponse<String> first = WebhookFixtures.deliver(server.getURI(), "pull_request", delivery, body, signature);
                Eventually.await(Duration.ofSeconds(30), "the review job on PostgreSQL",
                        () -> !reviewer.calls("review").isEmpty(), reviewer::calls);
                HttpResponse<String> again = WebhookFixtures.deliver(server.getURI(), "pull_request", delivery, body, signature);

                assertEquals(202, first.statusCode(), first.body());
                assertEquals(200, again.statusCode(), again.body());
                Thread.sleep(1000);
                assertEquals(1, reviewer.calls("review").size());

                BlobCache blobs = context.getBean(BlobCache.class);
                String content = "create index concurrently orders_status on orders (status);\n";
                blobs.put("3b18e512dba79e4c8300dd08aeb37f8e728b8dad", content);
                blobs.put("3b18e512dba79e4c8300dd08aeb37f8e728b8dad", content);
                assertEquals(content, blobs.get("3b18e512dba79e4c8300dd08aeb37f8e728b8dad").orElseThrow());
            }
        }
    }
}
