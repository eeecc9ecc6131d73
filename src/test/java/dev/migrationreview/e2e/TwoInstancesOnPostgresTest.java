package dev.migrationreview.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.github.ReviewCommentBody;
import dev.migrationreview.github.fake.FakeGitHubFixture;
import dev.migrationreview.jobs.Eventually;
import dev.migrationreview.webhook.WebhookFixtures;
import dev.migrationreview.webhook.WebhookSignature;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Two server processes share one PostgreSQL (embedded in the test) and one fake GitHub. Twenty pull
 * requests arrive at the first; both work on them; the first is killed with SIGKILL while it holds
 * reviews; the second finishes every one. Each pull request ends with exactly one check run, completed,
 * and one comment on its migration.
 */
class TwoInstancesOnPostgresTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final String SECRET = "two-instances-secret";
    private static final String CONFIG = ".github/migration-review.yml";
    private static final int PULL_REQUESTS = 20;

    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> servers = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process server : servers) {
            server.destroyForcibly();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        for (Path dir : dirs) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void twentyPullRequestsAreEachReviewedOnceWhenOneOfTwoInstancesIsKilledMidWork() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "SKIPPED: PostgreSQL refuses to run as root; .ci/run runs the build as an unprivileged user");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
             FakeGitHubFixture f = new FakeGitHubFixture()) {
            String base = f.git.commit("orders", Map.of(
                    CONFIG, "database-version: 16\nfail-on: medium\ntables:\n  orders: { rows: 5000000 }\n",
                    "db/migration/V1__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, c1 int,"
                            + " c2 int, c3 int, c4 int, c5 int, c6 int, c7 int, c8 int, c9 int, c10 int, c11 int, c12 int,"
                            + " c13 int, c14 int, c15 int, c16 int, c17 int, c18 int, c19 int, c20 int);\n"));
            Map<Integer, String> heads = new TreeMap<>();
            for (int n = 1; n <= PULL_REQUESTS; n++) {
                f.git.checkout("main", false);
                f.git.checkout("pr-" + n, true);
                String file = "db/migration/V" + (n + 1) + "__index_c" + n + ".sql";
                heads.put(n, f.git.commit("index c" + n, Map.of(file, "CREATE INDEX orders_c" + n + "_idx ON orders (c" + n + ");\n")));
                f.github.openPullRequest(n, base, heads.get(n));
            }

            String url = postgres.getJdbcUrl("postgres", "postgres");
            String pem = FakeGitHubFixture.pkcs1Pem(f.appKey);
            Process first = start("first", url, f, pem);
            Process second = start("second", url, f, pem);
            URI firstUri = awaitListening(first, "first");
            URI secondUri = awaitListening(second, "second");

            // as behind a load balancer: odd pull requests reach the first instance, even ones the second
            for (Map.Entry<Integer, String> pr : heads.entrySet()) {
                HttpResponse<String> answer = deliver(pr.getKey() % 2 == 1 ? firstUri : secondUri, pr.getKey(), pr.getValue(), base);
                assertEquals(202, answer.statusCode(), answer.body());
            }

            // kill -9 the first while it holds reviews: they stay claimed by a dead instance until the second revives them.
            // The kill may land between completing a check run and recording the job done: the revived job must then
            // reuse that run, not start a second one (issue 12, defect 2).
            List<String> heldByFirst = new ArrayList<>();
            Eventually.await(Duration.ofSeconds(90), "the first instance to have finished a review and hold others", () -> {
                heldByFirst.clear();
                heldByFirst.addAll(picked(url, first.pid()));
                return !heldByFirst.isEmpty() && output("first").contains("Reviewed ");
            }, () -> output("first"));
            first.destroyForcibly();
            assertTrue(first.waitFor(20, TimeUnit.SECONDS));
            Set<String> completedBeforeKill = new HashSet<>(completedRuns(f).keySet());
            int completedAtKill = completedBeforeKill.size();

            Eventually.await(Duration.ofSeconds(120), "every pull request's check run to complete",
                    () -> completedRuns(f).size() == PULL_REQUESTS,
                    () -> completedRuns(f).keySet() + "\n--- second ---\n" + output("second"));
            Thread.sleep(2000); // room for a duplicate, were one coming

            Map<String, Long> runsPerCommit = f.github.checkRuns().stream()
                    .collect(Collectors.groupingBy(r -> r.path("head_sha").asText(), TreeMap::new, Collectors.counting()));
            assertEquals(PULL_REQUESTS, runsPerCommit.size(), runsPerCommit.toString());
            runsPerCommit.forEach((sha, runs) -> assertEquals(1L, runs, "one check run for " + sha + ": " + runsPerCommit));
            for (ObjectNode run : f.github.checkRuns()) {
                assertEquals("failure", run.path("conclusion").asText(), run.toString());
            }
            Map<String, Long> commentsPerFinding = f.github.reviewComments().stream()
                    .collect(Collectors.groupingBy(c -> c.path("path").asText() + " "
                            + ReviewCommentBody.fingerprintIn(c.path("body").asText()).orElse("?"), TreeMap::new, Collectors.counting()));
            assertEquals(PULL_REQUESTS, commentsPerFinding.keySet().stream().map(k -> k.split(" ")[0]).distinct().count(),
                    "every pull request's migration has its comment: " + commentsPerFinding);
            commentsPerFinding.forEach((finding, comments) -> assertEquals(1L, comments, "one comment for " + finding));
            assertEquals(List.of(), f.github.violations());
            assertEquals(List.of(), f.github.unprocessable());

            String secondLog = output("second");
            for (String key : heldByFirst) {
                // a review whose check run the first had already completed was published; the revived job only records it
                String sha = heads.get(Integer.parseInt(key.substring(key.indexOf('#') + 1)));
                if (!completedBeforeKill.contains(sha)) {
                    assertTrue(secondLog.contains("Reviewed " + key + " at"), "the second instance finished " + key
                            + ", which the first held when killed:\n" + secondLog);
                    assertFalse(output("first").contains("Reviewed " + key + " at"));
                }
            }
            long byFirst = output("first").lines().filter(l -> l.contains("Reviewed ")).count();
            long bySecond = secondLog.lines().filter(l -> l.contains("Reviewed ")).count();
            assertTrue(byFirst > 0 && bySecond > 0, "both instances reviewed: " + byFirst + " and " + bySecond);
            assertEquals(0, count(url, "select count(*) from review_requests where generation <> done_generation "
                    + "or last_outcome <> 'reviewed'"), "every request done and reviewed");
            System.out.println("Two instances: " + heldByFirst.size() + " review(s) held by the killed instance, "
                    + completedAtKill + " of " + PULL_REQUESTS + " done at the kill; " + byFirst + " reviewed by the first, "
                    + bySecond + " by the second; one check run each");
        }
    }

    private Process start(String name, String databaseUrl, FakeGitHubFixture f, String pem) throws IOException, URISyntaxException {
        Path dataDir = Files.createTempDirectory("migration-review-" + name);
        dirs.add(dataDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String logback = Path.of(TwoInstancesOnPostgresTest.class.getResource(
                "/dev/migrationreview/jobs/server-process-logback.xml").toURI()).toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m",
                "-Dlogback.configurationFile=" + logback,
                "-Dmigration-review.github.content-spacing=0s",
                "-Dmigration-review.jobs.polling-interval=200ms",
                "-Dmigration-review.jobs.heartbeat-interval=1s",
                "-Dmigration-review.jobs.initial-backoff=200ms",
                "-cp", testClassPath(),
                "dev.migrationreview.cli.ServeCommand", "--port", "0")
                .redirectErrorStream(true)
                .redirectOutput(logFile(name).toFile());
        Map<String, String> env = builder.environment();
        env.put("DATA_DIR", dataDir.toString());
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_USERNAME", "postgres");
        env.put("GITHUB_APP_ID", FakeGitHubFixture.APP_ID);
        env.put("GITHUB_PRIVATE_KEY", pem);
        env.put("GITHUB_WEBHOOK_SECRET", SECRET);
        env.put("GITHUB_API_URL", f.github.apiUrl().toString());
        env.put("MANAGEMENT_PORT", "-1");
        env.remove("PORT");
        Process process = builder.start();
        servers.add(process);
        return process;
    }

    private Path logFile(String name) {
        return Path.of(System.getProperty("java.io.tmpdir"), "two-instances-" + ProcessHandle.current().pid() + "-" + name + ".out");
    }

    private String output(String name) {
        try {
            return Files.exists(logFile(name)) ? Files.readString(logFile(name)) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private URI awaitListening(Process process, String name) {
        URI[] uri = new URI[1];
        Eventually.await(Duration.ofSeconds(90), "the " + name + " server process to listen", () -> {
            Matcher matcher = LISTENING.matcher(output(name));
            if (matcher.find()) {
                uri[0] = URI.create(matcher.group(1));
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " server exited with " + process.exitValue() + ":\n" + output(name));
            }
            return false;
        }, () -> output(name));
        return uri[0];
    }

    private HttpResponse<String> deliver(URI server, int number, String head, String base) throws IOException {
        ObjectNode payload;
        try (InputStream in = getClass().getResourceAsStream("/github/webhooks/pull_request/opened.payload.json")) {
            payload = (ObjectNode) json.readTree(in);
        }
        payload.put("number", number);
        ObjectNode pull = (ObjectNode) payload.get("pull_request");
        pull.put("number", number).put("state", "open");
        ((ObjectNode) pull.get("head")).put("sha", head);
        ((ObjectNode) pull.get("base")).put("sha", base);
        ObjectNode repository = (ObjectNode) payload.get("repository");
        repository.put("name", FakeGitHubFixture.REPO).put("full_name", FakeGitHubFixture.OWNER + "/" + FakeGitHubFixture.REPO);
        ((ObjectNode) repository.get("owner")).put("login", FakeGitHubFixture.OWNER);
        payload.putObject("installation").put("id", FakeGitHubFixture.INSTALLATION);
        byte[] body = json.writeValueAsBytes(payload);
        return WebhookFixtures.deliver(server, "pull_request", UUID.randomUUID().toString(), body, WebhookSignature.sign(SECRET, body));
    }

    private static Map<String, ObjectNode> completedRuns(FakeGitHubFixture f) {
        Map<String, ObjectNode> completed = new LinkedHashMap<>();
        for (ObjectNode run : f.github.checkRuns()) {
            if ("completed".equals(run.path("status").asText())) {
                completed.put(run.path("head_sha").asText(), run);
            }
        }
        return completed;
    }

    /** The review jobs the process is working on: the scheduler names an instance host-pid. */
    private static List<String> picked(String url, long pid) {
        List<String> keys = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "");
             PreparedStatement s = c.prepareStatement("select task_instance from scheduled_tasks where task_name = "
                     + "'review-pull-request' and picked and picked_by like ?")) {
            s.setString(1, "%-" + pid);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "");
             PreparedStatement s = c.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Surefire runs tests from a manifest-only jar; it publishes the real class path in this property. */
    private static String testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path");
        if (classPath == null || classPath.isBlank()) {
            classPath = System.getProperty("java.class.path");
        }
        return String.join(File.pathSeparator, classPath.split(File.pathSeparator));
    }
}
