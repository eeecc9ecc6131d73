package dev.migrationreview.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.analysis.ChangeReviewer;
import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.github.fake.FakeGitHubFixture;
import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.report.FileReport;
import dev.migrationreview.report.Report;
import dev.migrationreview.report.StatementReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publishing against the fake GitHub, with the engine's side given as hand-built reports (what the engine
 * says is the engine's tests' business; here it is what gets posted, where, and how it is kept in sync).
 * The end-to-end tests run the same publisher with the real engine.
 */
class GitHubPullRequestReviewerTest {
    private static final String V1 = "db/migration/V1__init.sql";
    private static final String V2 = "db/migration/V2__index.sql";
    private static final String INDEX = "CREATE INDEX orders_status ON orders (status);";

    private FakeGitHubFixture f;
    private String base;
    private String head;

    @BeforeEach
    void repository() {
        f = new FakeGitHubFixture();
        StringBuilder v1 = new StringBuilder("CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n\n");
        v1.append("UPDATE orders SET status = 'new';\n");
        IntStream.rangeClosed(4, 20).forEach(i -> v1.append("-- line ").append(i).append('\n'));
        base = f.git.commit("init", Map.of(V1, v1.toString()));
        f.git.checkout("feature", true);
        head = f.git.commit("index", Map.of(V2, "-- speed up the status filter\n" + INDEX + "\n",
                V1, v1.toString().replace("-- line 20", "-- line twenty")));
        f.github.openPullRequest(7, base, head);
    }

    @AfterEach
    void close() throws Exception {
        assertEquals(List.of(), f.github.violations(), "requests GitHub's REST description does not allow");
        assertEquals(List.of(), f.github.unprocessable(), "requests GitHub would reject with 422");
        f.close();
    }

    private static Finding indexFinding(int line) {
        return new Finding("create-index-non-concurrent", Risk.HIGH, line, line, "Index built without CONCURRENTLY",
                "blocks writes to `orders` while the index builds", "build it with CREATE INDEX CONCURRENTLY",
                "CREATE INDEX CONCURRENTLY orders_status ON orders (status);");
    }

    private static Finding updateFinding() {
        return new Finding("update-without-where", Risk.MEDIUM, 3, 3, "Every row updated in one transaction",
                "rewrites every row of `orders`", "update in batches", null);
    }

    /** The engine's answer, from the head's actual files: the index finding until it is built concurrently. */
    private static Report reportFor(RepositoryFiles head) throws java.io.IOException {
        String v2 = head.read(V2).orElse("");
        List<Finding> v2Findings = v2.contains("CONCURRENTLY") ? List.of() : List.of(indexFinding(2));
        FileReport file2 = new FileReport(V2, "flyway", true, v2Findings.isEmpty() ? Risk.NONE : Risk.HIGH,
                List.of(new StatementReport(0, 2, 2, v2.lines().skip(1).findFirst().orElse(""), "CREATE INDEX", true, List.of(), List.of(), List.of(), v2Findings)));
        FileReport file1 = new FileReport(V1, "flyway", true, Risk.MEDIUM,
                List.of(new StatementReport(1, 3, 3, "UPDATE orders SET status = 'new';", "UPDATE", true, List.of(), List.of(), List.of(), List.of(updateFinding()))));
        Risk risk = v2Findings.isEmpty() ? Risk.MEDIUM : Risk.HIGH;
        return new Report("postgresql", "16", risk, List.of(file2, file1), List.of("orders: size unknown; set tables.orders.rows"));
    }

    private GitHubPullRequestReviewer reviewer(ChangeReviewer engine) {
        ConfigLoader defaults = new ConfigLoader() {
            @Override
            public ReviewConfig load(RepositoryFiles files) {
                return ReviewConfig.defaults();
            }

            @Override
            public ReviewConfig parse(String path, String yaml) {
                return ReviewConfig.defaults();
            }
        };
        return new GitHubPullRequestReviewer(f.client, engine, defaults, f.blobCache, "https://example.test/docs/rules/", Clock.systemUTC());
    }

    private GitHubPullRequestReviewer reviewer() {
        return reviewer((b, h, changed) -> reportFor(h));
    }

    private PullRequestTarget target(String sha) {
        return new PullRequestTarget(FakeGitHubFixture.INSTALLATION, FakeGitHubFixture.OWNER, FakeGitHubFixture.REPO, 7, sha);
    }

    /** What the job layer does: try again after GitHub's advice, or shortly. Returns the number of attempts. */
    static int reviewWithRetries(PullRequestReviewer reviewer, PullRequestTarget target) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                reviewer.review(target);
                return attempt;
            } catch (GitHubRetryException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(e.retryAfter() == null ? 50 : e.retryAfter().toMillis());
            }
        }
    }

    @Test
    void failingCheckInlineCommentOnTheStatementAndOneCommentForLinesOutsideTheDiff() throws Exception {
        reviewer().review(target(head));

        ObjectNode run = f.github.latestCheckRun(head);
        assertEquals("migration-review", run.path("name").asText());
        assertEquals("completed", run.path("status").asText());
        assertEquals("failure", run.path("conclusion").asText());
        assertEquals("accept-risk", run.path("actions").path(0).path("identifier").asText());
        String summary = run.path("output").path("summary").asText();
        assertTrue(summary.contains("Overall risk: HIGH"), summary);
        assertTrue(summary.contains("set tables.orders.rows"), summary);
        assertTrue(summary.contains("does not change"), summary);
        List<JsonNode> annotations = f.github.annotations(run.path("id").asLong());
        assertEquals(2, annotations.size());
        assertEquals("failure", annotations.get(0).path("annotation_level").asText());
        assertEquals("warning", annotations.get(1).path("annotation_level").asText());

        assertEquals(1, f.github.reviews().size());
        assertEquals("COMMENTED", f.github.reviews().get(0).path("state").asText());
        List<ObjectNode> comments = f.github.reviewComments();
        assertEquals(1, comments.size());
        ObjectNode comment = comments.get(0);
        assertEquals(V2, comment.path("path").asText());
        assertEquals(2, comment.path("line").asInt());
        assertEquals("RIGHT", comment.path("side").asText());
        String body = comment.path("body").asText();
        assertTrue(body.contains("**HIGH risk** · Index built without CONCURRENTLY"), body);
        assertTrue(body.contains("```suggestion\nCREATE INDEX CONCURRENTLY orders_status ON orders (status);\n```"), body);
        assertTrue(body.contains("https://example.test/docs/rules/create-index-non-concurrent.md"), body);
        assertTrue(ReviewCommentBody.fingerprintIn(body).isPresent(), body);

        assertEquals(1, f.github.issueComments().size());
        String outside = f.github.issueComments().get(0).path("body").asText();
        assertTrue(outside.contains("`" + V1 + "` line 3"), outside);
    }

    @Test
    void reviewingAgainPostsNothingTwiceAndAFixingPushRemovesOrResolvesComments() throws Exception {
        GitHubPullRequestReviewer reviewer = reviewer();
        reviewer.review(target(head));
        reviewer.review(target(head));
        assertEquals(1, f.github.reviews().size(), "a second run on the same head must not post again");
        assertEquals(1, f.github.reviewComments().size());
        assertEquals(1, f.github.issueComments().size());

        long appComment = f.github.reviewComments().get(0).path("id").asLong();
        f.github.humanReply(appComment, "We only have 200 rows, fine?");
        String fixed = f.git.commit("concurrently", Map.of(V2, "-- speed up the status filter\n"
                + INDEX.replace("INDEX", "INDEX CONCURRENTLY") + "\n"));
        f.github.push(7, fixed);
        reviewer.review(target(fixed));
        reviewer.review(target(fixed));

        assertEquals("success", f.github.latestCheckRun(fixed).path("conclusion").asText());
        List<ObjectNode> comments = f.github.reviewComments();
        assertEquals(3, comments.size(), "the answered comment stays, with the person's reply and one 'resolved' reply: " + comments);
        List<ObjectNode> resolved = comments.stream().filter(c -> ReviewCommentBody.isResolvedReply(c.path("body").asText())).toList();
        assertEquals(1, resolved.size());
        assertEquals(appComment, resolved.get(0).path("in_reply_to_id").asLong());
        assertEquals(1, f.github.reviews().size(), "nothing new to say, so no new review");
    }

    @Test
    void aFixedCommentNobodyAnsweredIsDeleted() throws Exception {
        GitHubPullRequestReviewer reviewer = reviewer();
        reviewer.review(target(head));
        String fixed = f.git.commit("concurrently", Map.of(V2, "-- speed up the status filter\n"
                + INDEX.replace("INDEX", "INDEX CONCURRENTLY") + "\n"));
        f.github.push(7, fixed);
        reviewer.review(target(fixed));
        assertEquals(List.of(), f.github.reviewComments());
    }

    @Test
    void theReviewLandsOnceWhenTheReviewsEndpointAnswers502Twice() throws Exception {
        f.github.fail("pulls/create-review", 502, 2);
        int attempts = reviewWithRetries(reviewer(), target(head));
        assertEquals(3, attempts);
        assertEquals(1, f.github.reviews().size());
        assertEquals(1, f.github.reviewComments().size());
        assertEquals(1, f.github.checkRuns().size(), "a retry reuses the run it started rather than adding one");
        assertEquals("failure", f.github.latestCheckRun(head).path("conclusion").asText());
    }

    @Test
    void aRateLimitedReviewWaitsForTheResetGitHubNames() throws Exception {
        Instant reset = Instant.now().plusSeconds(2);
        f.github.rateLimitUntil(reset);
        GitHubRetryException limited = null;
        try {
            reviewer().review(target(head));
        } catch (GitHubRetryException e) {
            limited = e;
        }
        assertNotNull(limited, "a rate-limited call must ask to be retried");
        assertNotNull(limited.retryAfter(), "the wait comes from x-ratelimit-reset");
        assertTrue(limited.retryAfter().compareTo(Duration.ofSeconds(3)) <= 0, limited.retryAfter().toString());
        Thread.sleep(limited.retryAfter().toMillis());
        reviewer().review(target(head));
        assertFalse(Instant.now().isBefore(reset.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        assertEquals(1, f.github.reviews().size());
    }

    @Test
    void manyFindingsGoFiftyAnnotationsPerRequestAndLongOutputIsCutWithANote() throws Exception {
        StringBuilder sql = new StringBuilder();
        List<StatementReport> statements = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            String st = "CREATE INDEX i" + i + " ON orders (status);";
            sql.append(st).append('\n');
            Finding finding = new Finding("create-index-non-concurrent", Risk.HIGH, i, i, "Index built without CONCURRENTLY",
                    "blocks writes to `orders` while index i" + i + " builds. " + "x".repeat(1000), "use CONCURRENTLY", null);
            statements.add(new StatementReport(i - 1, i, i, st, "CREATE INDEX", true, List.of(), List.of(), List.of(), List.of(finding)));
        }
        String many = f.git.commit("many", Map.of("db/migration/V3__many.sql", sql.toString()));
        f.github.push(7, many);
        Report report = new Report("postgresql", "16", Risk.HIGH,
                List.of(new FileReport("db/migration/V3__many.sql", "flyway", true, Risk.HIGH, statements)), List.of());
        reviewer((b, h, changed) -> report).review(target(many));

        ObjectNode run = f.github.latestCheckRun(many);
        assertEquals(120, f.github.annotations(run.path("id").asLong()).size());
        long patches = f.github.requests().stream().filter(r -> r.startsWith("PATCH /repos/acme/shop/check-runs/")).count();
        assertEquals(3, patches, "120 annotations take three requests of at most 50");
        String text = run.path("output").path("text").asText();
        assertTrue(text.length() <= 65_535);
        assertTrue(text.contains("Cut here"), "a cut says so");
        assertEquals(120, f.github.reviewComments().size());
    }

    @Test
    void nothingIsPublishedForAHeadThePullRequestHasMovedOnFrom() throws Exception {
        String newer = f.git.commit("newer", Map.of("README.md", "later\n"));
        f.github.push(7, newer);
        reviewer().review(target(head));
        assertEquals(List.of(), f.github.checkRuns());
        assertEquals(List.of(), f.github.reviews());
    }

    @Test
    void aRecheckThatNamesNoCommitReviewsTheCurrentHead() throws Exception {
        reviewer().review(target(null));
        assertEquals("failure", f.github.latestCheckRun(head).path("conclusion").asText());
        assertEquals(1, f.github.reviews().size());
    }

    @Test
    void noMigrationChangesIsASuccessSaidPlainly() throws Exception {
        reviewer((b, h, changed) -> new Report("postgresql", "16", Risk.NONE, List.of(), List.of())).review(target(head));
        ObjectNode run = f.github.latestCheckRun(head);
        assertEquals("success", run.path("conclusion").asText());
        assertEquals("No migrations changed", run.path("output").path("title").asText());
        assertEquals(List.of(), f.github.reviews());
    }

    @Test
    void acceptingTheRiskPassesThatHeadsRunAndSaysWhoAcceptedWhat() throws Exception {
        GitHubPullRequestReviewer reviewer = reviewer();
        reviewer.review(target(head));
        long runId = f.github.latestCheckRun(head).path("id").asLong();
        reviewer.acceptRisk(target(head), runId, "octocat");
        ObjectNode run = f.github.latestCheckRun(head);
        assertEquals("success", run.path("conclusion").asText());
        String summary = run.path("output").path("summary").asText();
        assertTrue(summary.startsWith("**Risk accepted by @octocat**"), summary);
        assertTrue(summary.contains(head), summary);
        assertTrue(summary.contains("Overall risk: HIGH"), "the accepted findings stay in the summary: " + summary);
        assertEquals(0, run.path("actions").size());
    }

    @Test
    void givingUpCompletesTheRunNeutralWithTheReason() throws Exception {
        reviewer().giveUp(target(head), "GitHub answered 502 five times");
        ObjectNode run = f.github.latestCheckRun(head);
        assertEquals("neutral", run.path("conclusion").asText());
        assertTrue(run.path("output").path("summary").asText().contains("GitHub answered 502 five times"));
    }

    @Test
    void givingUpLeavesAPublishedVerdictForThatCommitAlone() throws Exception {
        reviewer().review(target(head));
        reviewer().giveUp(target(head), "the job failed after publishing");
        assertEquals("failure", f.github.latestCheckRun(head).path("conclusion").asText());
        assertEquals(1, f.github.checkRuns().size());
    }

    @Test
    void filesAreReadThroughTreesAndBlobsAndABlobIsFetchedOnlyOnce() throws Exception {
        Function<String, GitTreeFiles> at = sha -> new GitTreeFiles(f.client, FakeGitHubFixture.INSTALLATION, "acme", "shop", sha, f.blobCache, List.of("db"));
        GitTreeFiles first = at.apply(head);
        assertEquals(List.of(V1, V2), first.paths().stream().sorted().toList());
        assertTrue(first.read(V2).orElseThrow().contains(INDEX));
        assertTrue(first.read("nope.sql").isEmpty());
        long blobCalls = f.github.requests().stream().filter(r -> r.contains("/git/blobs/")).count();
        assertTrue(at.apply(head).read(V2).isPresent());
        assertEquals(blobCalls, f.github.requests().stream().filter(r -> r.contains("/git/blobs/")).count(),
                "a blob already in the cache costs no call");
    }

    @Test
    void aTruncatedTreeFallsBackToListingTheMigrationFolders() throws Exception {
        f.github.truncateTrees(true);
        GitTreeFiles files = new GitTreeFiles(f.client, FakeGitHubFixture.INSTALLATION, "acme", "shop", head, f.blobCache, List.of("db", "absent"));
        assertTrue(files.truncated());
        assertEquals(List.of(V1, V2), files.paths().stream().sorted().toList());
        assertTrue(files.read(V1).orElseThrow().startsWith("CREATE TABLE orders"));
        Map<String, Long> byKind = new LinkedHashMap<>();
        f.github.requests().forEach(r -> byKind.merge(r.replaceAll("\\?.*", "").replaceAll("/[0-9a-f]{40}", "/SHA"), 1L, Long::sum));
        assertTrue(byKind.keySet().stream().anyMatch(k -> k.contains("/contents/db")), byKind.toString());
    }
}
