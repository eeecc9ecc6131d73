package dev.migrationreview.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.cli.LiquibaseReviewTest;
import dev.migrationreview.cli.RailsReviewTest;
import dev.migrationreview.github.ReviewCommentBody;
import dev.migrationreview.github.fake.FakeGitHubFixture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole app against the fake GitHub: the real server receives signed webhooks (GitHub's own example
 * payloads, pointed at the test's repository), the job runs, the real engine reviews migrations read
 * through trees and blobs from a real git repository, and the check run and comments land on the fake,
 * which holds every request to GitHub's published REST description.
 */
class PullRequestReviewEndToEndTest {
    private static final String SECRET = "e2e-webhook-secret";
    private static final String CONFIG = ".github/migration-review.yml";
    private static final String V1 = "db/migration/V1__create_orders.sql";
    private static final String V2 = "db/migration/V2__orders_status_index.sql";
    private static final int PR = 7;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeGitHubFixture f;
    private EmbeddedServer server;
    private Path dataDir;
    private String base;

    @BeforeEach
    void start() throws Exception {
        f = new FakeGitHubFixture();
        dataDir = Files.createTempDirectory("e2e-data");
        base = f.git.commit("orders", Map.of(
                CONFIG, "database-version: 16\nfail-on: medium\ntables:\n  orders: { rows: 5000000 }\n",
                V1, "CREATE TABLE orders (\n    id bigint PRIMARY KEY,\n    status text NOT NULL\n);\n"));
        f.git.checkout("feature", true);
        startServer(Map.of());
    }

    /** The server on this test's data directory, with {@code extra} settings over the defaults of this suite. */
    private void startServer(Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("migration-review.data-dir", dataDir.toString());
        properties.put("migration-review.github.app-id", FakeGitHubFixture.APP_ID);
        properties.put("migration-review.github.private-key", FakeGitHubFixture.pkcs1Pem(f.appKey));
        properties.put("migration-review.github.webhook-secret", SECRET);
        properties.put("migration-review.github.api-url", f.github.apiUrl().toString());
        properties.put("migration-review.github.content-spacing", "0s");
        properties.put("migration-review.public-url", "https://migration-review.example.com");
        properties.put("migration-review.jobs.polling-interval", "200ms");
        properties.put("migration-review.jobs.initial-backoff", "200ms");
        properties.put("migration-review.jobs.max-backoff", "10s");
        properties.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private void restartServer(Map<String, Object> extra) {
        server.getApplicationContext().close();
        startServer(extra);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertEquals(List.of(), f.github.violations(), "requests GitHub's REST description does not allow");
            assertEquals(List.of(), f.github.unprocessable(), "requests GitHub would reject with 422");
        } finally {
            server.getApplicationContext().close();
            f.close();
            try (var walk = Files.walk(dataDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aRiskyMigrationFailsTheCheckWithCommentsOnItsLinesAndTheFixingPushClearsThem() throws Exception {
        String risky = f.git.commit("index on status", Map.of(V2,
                "-- the status filter on the orders page\nCREATE INDEX orders_status_idx\n    ON orders (status);\n"));
        f.github.openPullRequest(PR, base, risky);
        assertEquals(202, deliver("opened", risky).statusCode());
        JsonNode run = awaitCompletedRun(risky);

        assertEquals("failure", run.path("conclusion").asText(), run.path("output").toString());
        List<ObjectNode> comments = f.github.reviewComments();
        assertTrue(comments.stream().anyMatch(c -> c.path("path").asText().equals(V2)), comments.toString());
        for (ObjectNode c : comments) {
            assertEquals(V2, c.path("path").asText());
            assertEquals(3, c.path("line").asInt(), "the statement ends on line 3: " + c);
            assertTrue(c.path("start_line").isNull() || c.path("start_line").asInt() == 2, c.toString());
            assertTrue(ReviewCommentBody.fingerprintIn(c.path("body").asText()).isPresent());
        }
        assertTrue(comments.stream().anyMatch(c -> c.path("body").asText().contains("create-index-non-concurrent")), comments.toString());
        assertEquals(1, f.github.reviews().size());
        String body = comments.stream().filter(c -> c.path("body").asText().contains("create-index-non-concurrent"))
                .findFirst().orElseThrow().path("body").asText();
        assertTrue(body.matches("(?s)^\\*\\*(MEDIUM|HIGH|CRITICAL) risk\\*\\* · .*"), "opens with the risk at or above fail-on: " + body);
        assertTrue(body.contains("CREATE INDEX CONCURRENTLY orders_status_idx"), "the safe way, for this statement: " + body);
        assertTrue(body.contains("](https://migration-review.example.com/rules/create-index-non-concurrent)"),
                "links the app's own rule page through PUBLIC_URL: " + body);

        String fixed = f.git.commit("build it concurrently", Map.of(V2,
                "-- the status filter on the orders page\n-- flyway:executeInTransaction=false\n"
                        + "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY orders_status_idx\n    ON orders (status);\n"));
        f.github.push(PR, fixed);
        long blobCallsBefore = blobCalls();
        assertEquals(202, deliver("synchronize", fixed).statusCode());
        JsonNode fixedRun = awaitCompletedRun(fixed);

        assertEquals("success", fixedRun.path("conclusion").asText(), fixedRun.path("output").toString());
        assertTrue(f.github.reviewComments().stream().noneMatch(c -> c.path("body").asText().contains("create-index-non-concurrent")),
                f.github.reviewComments().toString());
        assertTrue(blobCalls() - blobCallsBefore <= 1, "the second push reads only the blob it changed (config and V1 are cached)");
    }

    @Test
    void aLiquibaseChangelogGetsCommentsOnItsXmlAndYamlLinesWithLiquibaseFixes() throws Exception {
        String changelogs = "src/main/resources/db/changelog/";
        Map<String, String> liquibase = new HashMap<>();
        liquibase.put(V1, null);
        liquibase.put(changelogs + "db.changelog-master.xml", LiquibaseReviewTest.MASTER);
        liquibase.put(changelogs + "changes/001-orders.xml", LiquibaseReviewTest.ORDERS);
        liquibase.put(changelogs + "changes/002-customers.yaml", LiquibaseReviewTest.CUSTOMERS);
        liquibase.put(CONFIG, "database-version: 16\nfail-on: medium\ntables:\n  orders: { rows: 5000000 }\n  customers: { rows: 2000000 }\n");
        String liquibaseBase = f.git.commit("orders and customers in Liquibase", liquibase);
        String change = f.git.commit("indexes and a foreign key", Map.of(
                changelogs + "changes/001-orders.xml", LiquibaseReviewTest.ORDERS_WITH_INDEX_AND_KEY,
                changelogs + "changes/002-customers.yaml", LiquibaseReviewTest.CUSTOMERS_WITH_INDEX));
        f.github.openPullRequest(PR, liquibaseBase, change);
        assertEquals(202, deliver("opened", change).statusCode());
        JsonNode run = awaitCompletedRun(change);

        assertEquals("failure", run.path("conclusion").asText(), run.path("output").toString());
        List<ObjectNode> comments = f.github.reviewComments();
        ObjectNode xmlIndex = comments.stream().filter(c -> c.path("path").asText().endsWith("001-orders.xml")
                && c.path("body").asText().contains("create-index-non-concurrent")).findFirst().orElseThrow(() -> new AssertionError(comments));
        assertEquals(18, xmlIndex.path("line").asInt(), "the <createIndex> element ends on line 18: " + xmlIndex);
        assertEquals(16, xmlIndex.path("start_line").asInt(), xmlIndex.toString());
        assertTrue(xmlIndex.path("body").asText().contains("runInTransaction=\"false\""), xmlIndex.toString());
        assertTrue(xmlIndex.path("body").asText().contains("<sql>CREATE INDEX CONCURRENTLY orders_status_idx ON orders(status)</sql>"),
                xmlIndex.toString());
        ObjectNode foreignKey = comments.stream().filter(c -> c.path("path").asText().endsWith("001-orders.xml")
                && c.path("body").asText().contains("add-foreign-key-validating")).findFirst().orElseThrow(() -> new AssertionError(comments));
        assertEquals(21, foreignKey.path("line").asInt(), foreignKey.toString());
        assertTrue(foreignKey.path("body").asText().contains("VALIDATE CONSTRAINT orders_customer_fk"), foreignKey.toString());
        ObjectNode yamlIndex = comments.stream().filter(c -> c.path("path").asText().endsWith("002-customers.yaml")
                && c.path("body").asText().contains("create-index-non-concurrent")).findFirst().orElseThrow(() -> new AssertionError(comments));
        assertEquals(26, yamlIndex.path("line").asInt(), yamlIndex.toString());
        assertEquals(21, yamlIndex.path("start_line").asInt(), yamlIndex.toString());
        assertTrue(yamlIndex.path("body").asText().contains("runInTransaction: false"), yamlIndex.toString());
        assertTrue(comments.stream().noneMatch(c -> c.path("line").asInt() < 16 && c.path("path").asText().endsWith("001-orders.xml")),
                "changeSet 1 ran before: nothing on its lines " + comments);
    }

    /** A Django project: its first migration creates {@code orders.Order}; the pull request adds a field and an index. */
    static final String DJANGO_ORDERS = """
            from django.db import migrations, models


            class Migration(migrations.Migration):

                initial = True

                dependencies = []

                operations = [
                    migrations.CreateModel(
                        name="Order",
                        fields=[
                            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                            ("status", models.CharField(max_length=20)),
                            ("created", models.DateTimeField(auto_now_add=True)),
                        ],
                    ),
                ]
            """;

    static final String DJANGO_PRIORITY_AND_INDEX = """
            from django.db import migrations, models


            class Migration(migrations.Migration):

                dependencies = [
                    ("orders", "0001_initial"),
                ]

                operations = [
                    migrations.AddField(
                        model_name="order",
                        name="priority",
                        field=models.IntegerField(default=0),
                    ),
                    migrations.AddIndex(
                        model_name="order",
                        index=models.Index(fields=["status"], name="orders_status_idx"),
                    ),
                ]
            """;

    @Test
    void aDjangoMigrationGetsCommentsOnItsPythonOperationsWithDjangoFixes() throws Exception {
        Map<String, String> django = new HashMap<>();
        django.put(V1, null);
        django.put(CONFIG, "database-version: 16\nfail-on: medium\ntables:\n  orders_order: { rows: 5000000 }\n");
        django.put("manage.py", "import sys\n");
        django.put("requirements.txt", "Django==5.1.4\npsycopg[binary]==3.2.3\n");
        django.put("shop/settings.py", "DATABASES = {\n    \"default\": {\"ENGINE\": \"django.db.backends.postgresql\", \"NAME\": \"shop\"},\n}\n");
        django.put("orders/__init__.py", "");
        django.put("orders/migrations/__init__.py", "");
        django.put("orders/migrations/0001_initial.py", DJANGO_ORDERS);
        String djangoBase = f.git.commit("orders in Django", django);
        String migration = "orders/migrations/0002_order_priority_status_index.py";
        String change = f.git.commit("priority and an index on status", Map.of(migration, DJANGO_PRIORITY_AND_INDEX));
        f.github.openPullRequest(PR, djangoBase, change);
        assertEquals(202, deliver("opened", change).statusCode());
        JsonNode run = awaitCompletedRun(change);

        assertEquals("failure", run.path("conclusion").asText(), run.path("output").toString());
        List<ObjectNode> comments = f.github.reviewComments();
        assertTrue(comments.stream().allMatch(c -> c.path("path").asText().equals(migration)), comments.toString());
        ObjectNode index = comments.stream().filter(c -> c.path("body").asText().contains("create-index-non-concurrent"))
                .findFirst().orElseThrow(() -> new AssertionError(comments));
        assertEquals(19, index.path("line").asInt(), "the AddIndex call ends on line 19: " + index);
        assertEquals(16, index.path("start_line").asInt(), index.toString());
        assertTrue(index.path("body").asText().contains("AddIndexConcurrently"), index.toString());
        assertTrue(index.path("body").asText().contains("atomic = False"), index.toString());
        ObjectNode field = comments.stream().filter(c -> c.path("body").asText().contains("drop-column-default")).findFirst()
                .orElseThrow(() -> new AssertionError("the AddField's dropped default: " + comments));
        assertEquals(15, field.path("line").asInt(), "the AddField call ends on line 15: " + field);
        assertEquals(11, field.path("start_line").asInt(), field.toString());
        assertTrue(field.path("body").asText().contains("db_default"), "the Django fix for a NOT NULL field with a default: " + field);
        assertTrue(comments.stream().noneMatch(c -> c.path("line").asInt() < 11), "nothing on the header: " + comments);
    }

    @Test
    void aRailsMigrationGetsItsCommentOnTheRubyLineWithTheRailsFix() throws Exception {
        Map<String, String> rails = new HashMap<>(RailsReviewTest.baseFiles());
        rails.put(V1, null);
        rails.put(CONFIG, "fail-on: medium\ntables:\n  orders: { rows: 5000000 }\n");
        String railsBase = f.git.commit("a Rails application with orders", rails);
        String change = f.git.commit("index orders by customer, drop status", Map.of(RailsReviewTest.ADD_INDEX_PATH, RailsReviewTest.ADD_INDEX,
                "db/migrate/20240201100000_remove_status_from_orders.rb", """
                        class RemoveStatusFromOrders < ActiveRecord::Migration[7.1]
                          def change
                            safety_assured { remove_column :orders, :status, :string }
                          end
                        end
                        """));
        f.github.openPullRequest(PR, railsBase, change);
        assertEquals(202, deliver("opened", change).statusCode());
        JsonNode run = awaitCompletedRun(change);

        assertEquals("failure", run.path("conclusion").asText(), run.path("output").toString());
        List<ObjectNode> comments = f.github.reviewComments();
        ObjectNode index = comments.stream().filter(c -> c.path("path").asText().equals(RailsReviewTest.ADD_INDEX_PATH)
                && c.path("body").asText().contains("create-index-non-concurrent")).findFirst().orElseThrow(() -> new AssertionError(comments));
        assertEquals(3, index.path("line").asInt(), "`add_index :orders, :customer_id` is line 3: " + index);
        String body = index.path("body").asText();
        assertTrue(body.contains("disable_ddl_transaction!") && body.contains("add_index :orders, :customer_id, algorithm: :concurrently"),
                "the fix is written for Rails: " + body);
        String summary = run.path("output").path("summary").asText();
        assertTrue(summary.contains("db/schema.rb at the base commit stands for the 1 migration it records"), summary);
        // what safety_assured waved through is listed for the reviewer, above the notes, and is no comment
        int acknowledged = summary.indexOf("### Acknowledged by the author");
        assertTrue(acknowledged >= 0 && acknowledged < summary.indexOf("### Notes"), summary);
        assertTrue(summary.contains("- Acknowledged with safety_assured: db/migrate/20240201100000_remove_status_from_orders.rb:3 "
                + "drop-column"), summary);
        assertTrue(summary.substring(acknowledged).contains("drop-column"), summary);
        assertTrue(comments.stream().noneMatch(c -> c.path("path").asText().endsWith("remove_status_from_orders.rb")
                && c.path("body").asText().contains("drop-column")), comments.toString());
    }

    @Test
    void theSameDeliveryTwicePublishesOneReview() throws Exception {
        String risky = f.git.commit("index on status", Map.of(V2, "CREATE INDEX orders_status_idx ON orders (status);\n"));
        f.github.openPullRequest(PR, base, risky);
        String delivery = UUID.randomUUID().toString();
        assertEquals(202, deliver("opened", risky, delivery).statusCode());
        assertEquals(200, deliver("opened", risky, delivery).statusCode(), "a redelivery is acknowledged, not repeated");
        awaitCompletedRun(risky);
        Thread.sleep(1000); // room for a second job, were one queued
        assertEquals(1, f.github.reviews().size());
        assertEquals(1, f.github.checkRuns().size());
    }

    @Test
    void aPullRequestWithoutMigrationsPassesQuickly() throws Exception {
        String docs = f.git.commit("docs", Map.of("README.md", "# shop\n"));
        f.github.openPullRequest(PR, base, docs);
        deliver("opened", docs);
        JsonNode run = awaitCompletedRun(docs);
        assertEquals("success", run.path("conclusion").asText());
        assertEquals("No migrations changed", run.path("output").path("title").asText());
        assertEquals(List.of(), f.github.reviews());
    }

    @Test
    void theReviewLandsWhenTheReviewsEndpointAnswers502Twice() throws Exception {
        String risky = f.git.commit("index on status", Map.of(V2, "CREATE INDEX orders_status_idx ON orders (status);\n"));
        f.github.openPullRequest(PR, base, risky);
        f.github.fail("pulls/create-review", 502, 2);
        deliver("opened", risky);
        awaitCompletedRun(risky);
        assertEquals(1, f.github.reviews().size());
        assertEquals(3, f.github.requests().stream().filter(r -> r.startsWith("POST /repos/acme/shop/pulls/7/reviews")).count());
    }

    @Test
    void aRateLimitedReviewWaitsForTheReset() throws Exception {
        String risky = f.git.commit("index on status", Map.of(V2, "CREATE INDEX orders_status_idx ON orders (status);\n"));
        f.github.openPullRequest(PR, base, risky);
        Instant reset = Instant.now().plusSeconds(3);
        f.github.rateLimitUntil(reset);
        deliver("opened", risky);
        awaitCompletedRun(risky);
        assertEquals(1, f.github.reviews().size());
        assertEquals(1, f.github.rateLimitedAt().size(), "one refused call, then a wait for the reset rather than more tries");
        Instant resumed = f.github.firstServedAfterRateLimit();
        assertTrue(!resumed.isBefore(reset.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                "resumed at " + resumed + ", before the reset at " + reset);
    }

    @Test
    void aFindingOnLinesOutsideTheDiffGoesToOnePullRequestCommentNotA422() throws Exception {
        // the base already holds an unsafe file; the pull request edits only its last line
        String unsafe = "CREATE INDEX orders_status_idx ON orders (status);\n" + "-- filler\n".repeat(12) + "-- end\n";
        f.git.checkout("main", false);
        String baseWithV2 = f.git.commit("v2", Map.of(V2, unsafe));
        f.git.checkout("edit", true);
        String edited = f.git.commit("touch the end", Map.of(V2, unsafe.replace("-- end", "-- the end")));
        f.github.openPullRequest(PR, baseWithV2, edited);
        deliver("opened", edited);
        JsonNode run = awaitCompletedRun(edited);
        String summary = run.path("output").path("summary").asText();
        assertEquals("failure", run.path("conclusion").asText(), summary);
        assertTrue(summary.contains("does not change"), summary);
        assertEquals(1, f.github.issueComments().size());
        assertEquals(List.of(), f.github.reviewComments());
    }

    @Test
    void acceptingTheRiskFromTheCheckRunButtonPassesTheCheckForThatCommit() throws Exception {
        String risky = f.git.commit("index on status", Map.of(V2, "CREATE INDEX orders_status_idx ON orders (status);\n"));
        f.github.openPullRequest(PR, base, risky);
        deliver("opened", risky);
        JsonNode run = awaitCompletedRun(risky);
        assertEquals("failure", run.path("conclusion").asText());
        assertEquals("accept-risk", run.path("actions").path(0).path("identifier").asText());

        ObjectNode click = payload("check_run/requested_action");
        ObjectNode checkRun = (ObjectNode) click.get("check_run");
        checkRun.put("id", run.path("id").asLong()).put("head_sha", risky).put("name", "migration-review");
        ((ObjectNode) checkRun.get("app")).put("id", Long.parseLong(FakeGitHubFixture.APP_ID));
        ((ObjectNode) checkRun.get("pull_requests").get(0)).put("number", PR);
        ((ObjectNode) click.get("requested_action")).put("identifier", "accept-risk");
        ((ObjectNode) click.get("sender")).put("login", "release-captain");
        f.github.grant("release-captain", "write");
        assertTrue(send("check_run", click).statusCode() / 100 == 2);

        await(() -> "success".equals(f.github.latestCheckRun(risky).path("conclusion").asText()), Duration.ofSeconds(30),
                "the accepted run to pass");
        String summary = f.github.latestCheckRun(risky).path("output").path("summary").asText();
        assertTrue(summary.startsWith("**Risk accepted by @release-captain**"), summary);
        assertTrue(summary.contains("create-index-non-concurrent"), "what was accepted stays on record: " + summary);
    }

    @Test
    void aReviewThatCannotCompleteFailsTheCheckAndReRunReviewsThatCommitAfresh() throws Exception {
        restartServer(Map.of("migration-review.jobs.max-attempts", 2));
        String docs = f.git.commit("docs", Map.of("README.md", "# shop\n"));
        f.github.openPullRequest(PR, base, docs);
        f.github.fail("pulls/get", 502, 1000); // GitHub is down for longer than the job retries
        deliver("opened", docs);
        JsonNode gaveUp = awaitCompletedRun(docs);
        assertEquals("failure", gaveUp.path("conclusion").asText(), "an unreviewed commit must not pass a required check");
        assertTrue(gaveUp.path("output").path("title").asText().startsWith("Review could not be completed"), gaveUp.toString());
        assertTrue(gaveUp.path("output").path("summary").asText().contains("502"), gaveUp.toString());

        f.github.fail("pulls/get", 502, 0); // GitHub is back; someone clicks Re-run on the failed check
        ObjectNode rerun = payload("check_run/rerequested");
        ObjectNode checkRun = (ObjectNode) rerun.get("check_run");
        checkRun.put("id", gaveUp.path("id").asLong()).put("head_sha", docs).put("name", "migration-review");
        ((ObjectNode) checkRun.get("app")).put("id", Long.parseLong(FakeGitHubFixture.APP_ID));
        // GitHub's example is of a run on no pull request; ours is on #7
        checkRun.withArray("pull_requests").removeAll().addObject().put("number", PR)
                .put("url", f.github.apiUrl() + "/repos/acme/shop/pulls/" + PR);
        assertEquals(202, send("check_run", rerun).statusCode());

        await(() -> f.github.checkRuns().size() == 2 && "completed".equals(f.github.latestCheckRun(docs).path("status").asText()),
                Duration.ofSeconds(60), "the re-run's check run to complete; requests so far: " + f.github.requests());
        JsonNode reviewed = f.github.latestCheckRun(docs);
        assertEquals("success", reviewed.path("conclusion").asText(), reviewed.toString());
        assertEquals("No migrations changed", reviewed.path("output").path("title").asText());
    }

    @Test
    void reRunAllChecksAndARecheckCommentEachReviewAFinishedCommitAgain() throws Exception {
        String risky = f.git.commit("index on status", Map.of(V2, "CREATE INDEX orders_status_idx ON orders (status);\n"));
        f.github.openPullRequest(PR, base, risky);
        deliver("opened", risky);
        assertEquals("failure", awaitCompletedRun(risky).path("conclusion").asText());

        ObjectNode suite = payload("check_suite/rerequested");
        ObjectNode checkSuite = (ObjectNode) suite.get("check_suite");
        checkSuite.put("head_sha", risky);
        ((ObjectNode) checkSuite.get("app")).put("id", Long.parseLong(FakeGitHubFixture.APP_ID));
        ((ObjectNode) checkSuite.get("pull_requests").get(0)).put("number", PR);
        assertEquals(202, send("check_suite", suite).statusCode());
        awaitCompletedRuns(risky, 2);

        ObjectNode comment = payload("issue_comment/created");
        ((ObjectNode) comment.get("issue")).put("number", PR).putObject("pull_request")
                .put("url", f.github.apiUrl() + "/repos/acme/shop/pulls/" + PR);
        ((ObjectNode) comment.get("comment")).put("body", "Fixed the stats, please look again.\n/migration-review recheck\n");
        ((ObjectNode) comment.get("sender")).put("type", "User");
        assertEquals(202, send("issue_comment", comment).statusCode());
        awaitCompletedRuns(risky, 3);

        assertTrue(f.github.checkRuns().stream().allMatch(r -> "failure".equals(r.path("conclusion").asText())), f.github.checkRuns().toString());
        assertEquals(3, f.github.checkRuns().stream().map(r -> r.path("external_id").asText()).distinct().count(),
                "each request has its own run");
        assertEquals(1, f.github.reviews().size(), "the comments are in place already: nothing is posted twice");
    }

    // ---- MySQL (issue #9): a repository whose config says dialect: mysql ----

    @Test
    void aMysqlMigrationThatCopiesATableFailsTheCheckWithTheOnlineRouteOnItsLine() throws Exception {
        String mysqlV1 = "db/migration/V1__create_orders.sql";
        String mysqlV2 = "db/migration/V2__longer_order_notes.sql";
        String mysqlBase = f.git.commit("orders in MySQL", Map.of(
                CONFIG, "dialect: mysql\ndatabase-version: \"8.0.35\"\nfail-on: medium\ntables:\n  orders: { rows: 5000000 }\n",
                mysqlV1, "CREATE TABLE orders (\n    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n    note VARCHAR(50) NULL\n"
                        + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"));
        // utf8mb4: 50 characters are 200 bytes, 100 are 400; past 255 bytes the row format changes and MySQL copies the table
        String widen = f.git.commit("longer notes", Map.of(mysqlV2,
                "SET SESSION lock_wait_timeout = 5;\nALTER TABLE orders\n    MODIFY note VARCHAR(100) NULL;\n"));
        f.github.openPullRequest(PR, mysqlBase, widen);
        base = mysqlBase;
        assertEquals(202, deliver("opened", widen).statusCode());
        JsonNode run = awaitCompletedRun(widen);

        assertEquals("failure", run.path("conclusion").asText(), run.path("output").toString());
        List<ObjectNode> comments = f.github.reviewComments();
        ObjectNode copy = comments.stream().filter(c -> c.path("path").asText().equals(mysqlV2)
                && c.path("body").asText().contains("varchar-length-bytes")).findFirst().orElseThrow(() -> new AssertionError(comments));
        assertEquals(3, copy.path("line").asInt(), "the ALTER ends on line 3: " + copy);
        assertTrue(copy.path("start_line").isNull() || copy.path("start_line").asInt() == 2, copy.toString());
        String body = copy.path("body").asText();
        assertTrue(body.contains("ALGORITHM=COPY"), "says what the server does: " + body);
        assertTrue(body.contains("gh-ost") && body.contains("--table=orders"), "the online route for this table: " + body);
        assertTrue(comments.stream().noneMatch(c -> c.path("body").asText().contains("create-index-non-concurrent")),
                "no PostgreSQL rule on a MySQL repository: " + comments);
    }

    private void awaitCompletedRuns(String sha, int count) throws InterruptedException {
        await(() -> f.github.checkRuns().stream().filter(r -> sha.equals(r.path("head_sha").asText())
                        && "completed".equals(r.path("status").asText())).count() == count,
                Duration.ofSeconds(60), count + " completed check runs on " + sha + "; requests so far: " + f.github.requests());
    }

    private long blobCalls() {
        return f.github.requests().stream().filter(r -> r.contains("/git/blobs/")).count();
    }

    private JsonNode awaitCompletedRun(String sha) throws InterruptedException {
        await(() -> {
            ObjectNode run = f.github.latestCheckRun(sha);
            return run != null && "completed".equals(run.path("status").asText());
        }, Duration.ofSeconds(60), "the check run on " + sha + " to complete; requests so far: " + f.github.requests());
        return f.github.latestCheckRun(sha);
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private HttpResponse<String> deliver(String action, String headSha) throws Exception {
        return deliver(action, headSha, UUID.randomUUID().toString());
    }

    private HttpResponse<String> deliver(String action, String headSha, String deliveryId) throws Exception {
        ObjectNode payload = payload("pull_request/" + action);
        payload.put("number", PR);
        ObjectNode pull = (ObjectNode) payload.get("pull_request");
        pull.put("number", PR).put("state", "open");
        ((ObjectNode) pull.get("head")).put("sha", headSha);
        ((ObjectNode) pull.get("base")).put("sha", base);
        return send("pull_request", payload, deliveryId);
    }

    private ObjectNode payload(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/github/webhooks/" + name + ".payload.json")) {
            return (ObjectNode) json.readTree(in);
        }
    }

    /** Points GitHub's example payload at the test's repository and installation, signs it and posts it. */
    private HttpResponse<String> send(String event, ObjectNode payload) throws Exception {
        return send(event, payload, UUID.randomUUID().toString());
    }

    private HttpResponse<String> send(String event, ObjectNode payload, String deliveryId) throws Exception {
        ObjectNode repository = (ObjectNode) payload.get("repository");
        repository.put("name", FakeGitHubFixture.REPO).put("full_name", FakeGitHubFixture.OWNER + "/" + FakeGitHubFixture.REPO);
        ((ObjectNode) repository.get("owner")).put("login", FakeGitHubFixture.OWNER);
        payload.putObject("installation").put("id", FakeGitHubFixture.INSTALLATION);
        byte[] body = json.writeValueAsBytes(payload);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/webhooks"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
