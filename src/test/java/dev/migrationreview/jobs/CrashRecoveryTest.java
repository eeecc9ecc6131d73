package dev.migrationreview.jobs;

import dev.migrationreview.webhook.WebhookFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.migrationreview.webhook.WebhookFixtures.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server killed with SIGKILL in the middle of a review: after a restart on the same DATA_DIR the
 * review completes within a minute, with the scheduler's production heartbeat settings. The servers
 * are separate JVMs started from the test classpath.
 */
class CrashRecoveryTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final String SECRET = "crash-test-secret";
    private static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    private final List<Process> servers = new ArrayList<>();
    private Path dataDir;

    @AfterEach
    void stopServers() throws IOException, InterruptedException {
        for (Process server : servers) {
            server.destroyForcibly();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aReviewInterruptedByKill9CompletesAfterARestart() throws Exception {
        dataDir = Files.createTempDirectory("migration-review-crash-test");
        String pem = WebhookFixtures.privateKeyPem();
        Path reviews = dataDir.resolve(SlowPullRequestReviewer.LOG_FILE);

        Process first = start(pem, "10m", dataDir.resolve("first.out"));
        URI firstUri = awaitListening(first, dataDir.resolve("first.out"));
        HttpResponse<String> delivered = WebhookFixtures.deliverSigned(firstUri, SECRET, "pull_request",
                payload("pull_request/opened.payload.json"));
        assertEquals(202, delivered.statusCode(), delivered.body());
        Eventually.await(Duration.ofSeconds(60), "the first server to start the review",
                () -> read(reviews).contains("started " + first.pid() + " " + HEAD), () -> read(reviews));

        first.destroyForcibly(); // SIGKILL: no shutdown hook, the job stays claimed by a dead instance
        assertTrue(first.waitFor(20, TimeUnit.SECONDS));
        Instant killed = Instant.now();

        Process second = start(pem, "0s", dataDir.resolve("second.out"));
        awaitListening(second, dataDir.resolve("second.out"));
        Eventually.await(Duration.ofSeconds(60).minus(Duration.between(killed, Instant.now())),
                "the restarted server to complete the review within a minute of the kill",
                () -> read(reviews).contains("completed " + second.pid() + " " + HEAD),
                () -> read(reviews) + "\n--- second server ---\n" + read(dataDir.resolve("second.out")));
        assertTrue(!read(reviews).contains("completed " + first.pid()), "the first server never finished");
        System.out.println("Review completed " + Duration.between(killed, Instant.now()).toSeconds()
                + " s after the kill (restart included)");
    }

    private Process start(String pem, String reviewTime, Path output) throws IOException, URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String logback = Path.of(CrashRecoveryTest.class.getResource("server-process-logback.xml").toURI()).toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m",
                "-Dlogback.configurationFile=" + logback,
                "-Dmigration-review.test.reviewer=slow",
                "-Dmigration-review.test.review-time=" + reviewTime,
                "-cp", testClassPath(),
                "dev.migrationreview.cli.ServeCommand", "--port", "0")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("DATA_DIR", dataDir.toString());
        builder.environment().put("GITHUB_APP_ID", "29310");
        builder.environment().put("GITHUB_PRIVATE_KEY", pem);
        builder.environment().put("GITHUB_WEBHOOK_SECRET", SECRET);
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
