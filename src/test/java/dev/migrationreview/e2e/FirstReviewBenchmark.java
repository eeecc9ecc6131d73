package dev.migrationreview.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.github.fake.FakeGitHubFixture;
import dev.migrationreview.webhook.WebhookFixtures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measured run, not a test (skipped unless {@code -Dbenchmark=true}): the whole app against the local fake
 * GitHub, webhook to completed check run, for a repository whose history holds 800 Flyway migrations. The
 * first review reads every file through the API (blob cache empty); the later push adds one migration and
 * reads only that blob. Each configuration runs on a fresh server, store and repository; the numbers are
 * medians. Run:
 *
 * <pre>./mvnw -B -o test -Dtest=FirstReviewBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Options: {@code -Dbenchmark.files=800}, {@code -Dbenchmark.rounds=3}, {@code -Dbenchmark.latency-ms=0,40}
 * (the fake waits that long before each answer, as a GitHub across the internet does),
 * {@code -Dbenchmark.parallelism=1,8} ({@code migration-review.github.fetch-parallelism}; 1 is one call at a time).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class FirstReviewBenchmark {
    private static final String SECRET = "benchmark-secret";
    private static final int PR = 1;

    @Test
    void firstReviewAndLaterPushOfAnEightHundredFileHistory() throws Exception {
        int files = Integer.getInteger("benchmark.files", 800);
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        List<String> lines = new ArrayList<>();
        for (String latency : System.getProperty("benchmark.latency-ms", "0,40").split(",")) {
            for (String parallelism : System.getProperty("benchmark.parallelism", "1,8").split(",")) {
                List<Long> first = new ArrayList<>();
                List<Long> later = new ArrayList<>();
                List<Long> blobCalls = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    long[] measured = run(files, Integer.parseInt(latency.trim()), Integer.parseInt(parallelism.trim()));
                    System.out.printf(Locale.ROOT, "latency %s ms, fetch-parallelism %s: first review %d ms, later push %d ms, %d blob calls%n",
                            latency.trim(), parallelism.trim(), measured[0], measured[1], measured[2]);
                    first.add(measured[0]);
                    later.add(measured[1]);
                    blobCalls.add(measured[2]);
                }
                lines.add(String.format(Locale.ROOT, "| %d | %s ms | %s | %d ms | %d ms | %s | %s |", files, latency.trim(),
                        parallelism.trim(), median(first), median(later), first, later));
                System.out.println("blob calls on the first review: " + blobCalls);
            }
        }
        System.out.println("| files | fake latency | fetch-parallelism | first review (median) | later push (median) | first, each round | later, each round |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        lines.forEach(System.out::println);
    }

    /** One fresh server, store and repository: {first review ms, later push ms, blob calls of the first}. */
    private long[] run(int files, int latencyMillis, int parallelism) throws Exception {
        Path dataDir = Files.createTempDirectory("benchmark-data");
        try (FakeGitHubFixture f = new FakeGitHubFixture()) {
            Map<String, String> history = new LinkedHashMap<>();
            history.put(".github/migration-review.yml", "database-version: 16\n");
            for (int i = 1; i < files; i++) {
                history.put(String.format(Locale.ROOT, "db/migration/V%d__step_%d.sql", i, i), migration(i));
            }
            String base = f.git.commit("history", history);
            f.git.checkout("feature", true);
            String head = f.git.commit("one more", Map.of(String.format(Locale.ROOT, "db/migration/V%d__step_%d.sql", files, files),
                    migration(files)));
            f.github.openPullRequest(PR, base, head);
            f.github.latency(Duration.ofMillis(latencyMillis));

            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("micronaut.server.port", -1);
            properties.put("micronaut.server.host", "127.0.0.1");
            properties.put("migration-review.data-dir", dataDir.toString());
            properties.put("migration-review.github.app-id", FakeGitHubFixture.APP_ID);
            properties.put("migration-review.github.private-key", FakeGitHubFixture.pkcs1Pem(f.appKey));
            properties.put("migration-review.github.webhook-secret", SECRET);
            properties.put("migration-review.github.api-url", f.github.apiUrl().toString());
            properties.put("migration-review.github.content-spacing", "0s");
            properties.put("migration-review.github.fetch-parallelism", parallelism);
            properties.put("migration-review.jobs.polling-interval", "100ms");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                URI uri = URI.create(server.getURL().toString());
                long firstMillis = reviewMillis(f, uri, base, head, 1);
                long blobCalls = f.github.requests().stream().filter(r -> r.contains("/git/blobs/")).count();

                String pushed = f.git.commit("and another", Map.of(String.format(Locale.ROOT, "db/migration/V%d__step_%d.sql",
                        files + 1, files + 1), migration(files + 1)));
                f.github.push(PR, pushed);
                long laterMillis = reviewMillis(f, uri, base, pushed, 2);
                return new long[] {firstMillis, laterMillis, blobCalls};
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** From sending the webhook to GitHub holding a completed check run for {@code head}. */
    private static long reviewMillis(FakeGitHubFixture f, URI server, String base, String head, int runsExpected) throws Exception {
        ObjectNode payload = WebhookFixtures.payload("pull_request/" + (runsExpected == 1 ? "opened" : "synchronize") + ".payload.json");
        payload.put("number", PR);
        ObjectNode pull = (ObjectNode) payload.get("pull_request");
        pull.put("number", PR).put("state", "open");
        ((ObjectNode) pull.get("head")).put("sha", head);
        ((ObjectNode) pull.get("base")).put("sha", base);
        ObjectNode repository = (ObjectNode) payload.get("repository");
        repository.put("name", FakeGitHubFixture.REPO).put("full_name", FakeGitHubFixture.OWNER + "/" + FakeGitHubFixture.REPO);
        ((ObjectNode) repository.get("owner")).put("login", FakeGitHubFixture.OWNER);
        payload.putObject("installation").put("id", FakeGitHubFixture.INSTALLATION);
        long start = System.nanoTime();
        int status = WebhookFixtures.deliverSigned(server, SECRET, "pull_request", payload).statusCode();
        if (status != 202) {
            throw new AssertionError("webhook answered " + status);
        }
        while (true) {
            ObjectNode run = f.github.latestCheckRun(head);
            if (run != null && "completed".equals(run.path("status").asText())) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (!List.of("success", "failure").contains(run.path("conclusion").asText())) {
                    throw new AssertionError("the review did not complete: " + new ObjectMapper().writeValueAsString(run.path("output")));
                }
                return millis;
            }
            if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
                throw new AssertionError("no completed check run after 5 minutes; requests: " + f.github.requests().size());
            }
            Thread.sleep(5);
        }
    }

    /** Small, ordinary migrations: a table, a column, an index, some data. */
    private static String migration(int i) {
        return switch (i % 4) {
            case 1 -> "CREATE TABLE t" + i + " (\n    id bigint PRIMARY KEY,\n    name text NOT NULL\n);\n";
            case 2 -> "ALTER TABLE t" + (i - 1) + " ADD COLUMN note text;\n";
            case 3 -> "-- flyway:executeInTransaction=false\nCREATE INDEX CONCURRENTLY t" + (i - 2) + "_name_idx ON t" + (i - 2) + " (name);\n";
            default -> "INSERT INTO t" + (i - 3) + " (id, name) VALUES (1, 'first');\n";
        };
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
