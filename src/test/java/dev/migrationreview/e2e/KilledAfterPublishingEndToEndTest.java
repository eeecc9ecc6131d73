package dev.migrationreview.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.github.fake.FakeGitHubFixture;
import dev.migrationreview.jobs.Eventually;
import dev.migrationreview.webhook.WebhookFixtures;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The window defect 2 of issue 12 lives in: GitHub has stored the completed check run, the server has not yet
 * recorded the job as done. The server is a separate JVM reviewing against the fake GitHub; the fake kills it
 * with SIGKILL the moment the run completes, before the answer leaves. A second server on the same data
 * directory takes the job over and must find the run it already published instead of creating another.
 */
class KilledAfterPublishingEndToEndTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final String SECRET = "kill-test-secret";
    private static final int PR = 7;

    private final List<Process> servers = new ArrayList<>();
    private FakeGitHubFixture f;
    private Path dataDir;

    @AfterEach
    void stop() throws Exception {
        for (Process server : servers) {
            server.destroyForcibly();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        if (f != null) {
            f.close();
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aServerKilledRightAfterItsCheckRunCompletedLeavesExactlyOneCheckRun() throws Exception {
        f = new FakeGitHubFixture();
        dataDir = Files.createTempDirectory("migration-review-kill-test");
        String base = f.git.commit("orders", Map.of(
                ".github/migration-review.yml", "database-version: 16\nfail-on: medium\ntables:\n  orders: { rows: 5000000 }\n",
                "db/migration/V1__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL);\n"));
        f.git.checkout("feature", true);
        String risky = f.git.commit("index", Map.of("db/migration/V2__orders_status_index.sql",
                "CREATE INDEX orders_status_idx ON orders (status);\n"));
        f.github.openPullRequest(PR, base, risky);
        f.github.grant("release-captain", "write");

        Process first = start(dataDir.resolve("first.out"));
        URI firstUri = awaitListening(first, dataDir.resolve("first.out"));
        AtomicInteger completions = new AtomicInteger();
        f.github.onCheckRunCompleted(run -> {
            if (completions.incrementAndGet() == 1) {
                first.destroyForcibly(); // SIGKILL while GitHub's answer is still on its way
                try {
                    first.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        HttpResponse<String> delivered = WebhookFixtures.deliverSigned(firstUri, SECRET, "pull_request", opened(base, risky));
        assertEquals(202, delivered.statusCode(), delivered.body());
        Eventually.await(Duration.ofSeconds(90), "the first server to complete its check run and be killed",
                () -> completions.get() == 1 && !first.isAlive(), () -> read(dataDir.resolve("first.out")));
        assertEquals(1, f.github.checkRuns().size());
        assertEquals("failure", f.github.checkRuns().get(0).path("conclusion").asText());

        Process second = start(dataDir.resolve("second.out"));
        awaitListening(second, dataDir.resolve("second.out"));
        Eventually.await(Duration.ofSeconds(90), "the second server to take the job over and finish it",
                () -> read(dataDir.resolve("second.out")).contains("Reviewed acme/shop#" + PR),
                () -> read(dataDir.resolve("second.out")) + "\nrequests: " + f.github.requests());

        assertEquals(1, f.github.checkRuns().size(), "no second check run: " + f.github.checkRuns().stream()
                .map(r -> r.path("id").asText() + " " + r.path("external_id").asText() + " " + r.path("conclusion").asText()).toList());
        assertEquals(1, completions.get(), "the run was completed once");
        assertEquals(1, f.github.reviews().size());
        assertEquals(List.of(), f.github.violations());
    }

    private ObjectNode opened(String base, String head) {
        ObjectNode payload = WebhookFixtures.payload("pull_request/opened.payload.json");
        payload.put("number", PR);
        ObjectNode pull = (ObjectNode) payload.get("pull_request");
        pull.put("number", PR).put("state", "open");
        ((ObjectNode) pull.get("head")).put("sha", head);
        ((ObjectNode) pull.get("base")).put("sha", base);
        ObjectNode repository = (ObjectNode) payload.get("repository");
        repository.put("name", FakeGitHubFixture.REPO).put("full_name", FakeGitHubFixture.OWNER + "/" + FakeGitHubFixture.REPO);
        ((ObjectNode) repository.get("owner")).put("login", FakeGitHubFixture.OWNER);
        payload.putObject("installation").put("id", FakeGitHubFixture.INSTALLATION);
        return payload;
    }

    private Process start(Path output) throws IOException, URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String logback = Path.of(KilledAfterPublishingEndToEndTest.class
                .getResource("/dev/migrationreview/jobs/server-process-logback.xml").toURI()).toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m",
                "-Dlogback.configurationFile=" + logback,
                // a dead instance's job is taken over after 4 missed 1 s heartbeats rather than the production 20 s
                "-Dmigration-review.jobs.heartbeat-interval=1s",
                "-Dmigration-review.jobs.missed-heartbeats=4",
                "-Dmigration-review.jobs.polling-interval=200ms",
                "-Dmigration-review.github.content-spacing=0s",
                "-cp", testClassPath(),
                "dev.migrationreview.cli.ServeCommand", "--port", "0")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("DATA_DIR", dataDir.toString());
        builder.environment().put("GITHUB_APP_ID", FakeGitHubFixture.APP_ID);
        builder.environment().put("GITHUB_PRIVATE_KEY", FakeGitHubFixture.pkcs1Pem(f.appKey));
        builder.environment().put("GITHUB_WEBHOOK_SECRET", SECRET);
        builder.environment().put("GITHUB_API_URL", f.github.apiUrl().toString());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("PORT");
        Process process = builder.start();
        servers.add(process);
        return process;
    }

    private static URI awaitListening(Process process, Path output) {
        URI[] uri = new URI[1];
        Eventually.await(Duration.ofSeconds(90), "the server process to listen", () -> {
            Matcher matcher = LISTENING.matcher(read(output));
            if (matcher.find()) {
                uri[0] = URI.create(matcher.group(1));
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError("server process exited with " + process.exitValue() + ":\n" + read(output));
            }
            return false;
        }, () -> read(output));
        return uri[0];
    }

    /** Surefire runs tests from a manifest-only jar; it publishes the real class path in this property. */
    private static String testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path");
        if (classPath == null || classPath.isBlank()) {
            classPath = System.getProperty("java.class.path");
        }
        return String.join(File.pathSeparator, classPath.split(File.pathSeparator));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
