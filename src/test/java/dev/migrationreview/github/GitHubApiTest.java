package dev.migrationreview.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.github.fake.FakeGitHubFixture;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;

/** The hub4j client against the fake GitHub: what GitHub's answers become for the job layer. */
class GitHubApiTest {
    private static final long INSTALLATION = FakeGitHubFixture.INSTALLATION;
    private FakeGitHubFixture f;

    @BeforeEach
    void start() {
        f = new FakeGitHubFixture();
        String sha = f.git.commit("init", Map.of("a.sql", "select 1;\n"));
        f.github.openPullRequest(1, sha, sha);
    }

    @AfterEach
    void stop() throws Exception {
        assertEquals(List.of(), f.github.violations());
        f.close();
    }

    @Test
    void serverErrorsAskForARetryWithTheJobsOwnBackoff() {
        f.github.fail("pulls/get", 502, 1);
        GitHubRetryException e = assertThrows(GitHubRetryException.class, () -> pull(1));
        assertNull(e.retryAfter());
        assertTrue(e.getMessage().contains("502") && e.getMessage().contains("/repos/acme/shop/pulls/1"), e.getMessage());
    }

    @Test
    void aSecondaryRateLimitWaitsAsLongAsRetryAfterSays() {
        f.github.fail("issues/create-comment", 403, 1, Map.of("retry-after", "7"));
        GitHubRetryException e = assertThrows(GitHubRetryException.class,
                () -> comment("hi"));
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
    }

    @Test
    void aForbiddenThatIsNotARateLimitAndANotFoundAreNotRetried() {
        f.github.fail("pulls/get", 403, 1);
        GitHubApiException forbidden = assertThrows(GitHubApiException.class, () -> pull(1));
        assertEquals(403, forbidden.status());
        GitHubApiException missing = assertThrows(GitHubApiException.class, () -> pull(2));
        assertEquals(404, missing.status());
    }

    @Test
    void aRevokedTokenIsReplacedOnceAndTheCallGoesThrough() throws Exception {
        pull(1);
        f.github.revokeTokens();
        pull(1);
        assertEquals(2, f.github.requests().stream().filter(r -> r.contains("/access_tokens")).count());
    }

    @Test
    void listsFollowEveryPage() throws Exception {
        for (int i = 0; i < 130; i++) {
            comment("comment " + i);
        }
        GHRepository repo = f.client.repository(INSTALLATION, "acme", "shop");
        assertEquals(130, f.client.call(INSTALLATION, gh -> repo.getPullRequest(1).listComments().withPageSize(100).toList()).size());
        assertEquals(2, f.github.requests().stream().filter(r -> r.startsWith("GET /repos/acme/shop/issues/1/comments")).count());
    }

    @Test
    void contentCreatingCallsAreSpacedButReadsAreNot() throws Exception {
        List<String> calls = new ArrayList<>();
        GitHubApi spaced = new GitHubApi(
                new GitHubAppCredentials(FakeGitHubFixture.APP_ID, FakeGitHubFixture.pkcs1Pem(f.appKey), "s", f.github.apiUrl()),
                HttpClient.newHttpClient(), Clock.systemUTC(), Duration.ofSeconds(10), Duration.ofMillis(300),
                (method, status, remaining) -> calls.add(method + " " + status));
        GHRepository repo = spaced.repository(INSTALLATION, "acme", "shop");
        GHPullRequest pull = spaced.call(INSTALLATION, gh -> repo.getPullRequest(1));
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            String body = "spaced " + i;
            spaced.call(INSTALLATION, gh -> pull.comment(body));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(elapsed.compareTo(Duration.ofMillis(600)) >= 0, "three posts 300 ms apart took only " + elapsed);
        assertEquals(List.of("GET 200", "GET 200", "POST 201", "GET 200", "GET 200", "POST 201", "POST 201", "POST 201"), calls,
                "the app and its installation, the token, the repository and the pull request, then the comments");
    }

    @Test
    void aTimeoutIsARetryNotAWorkerHeldForEver() throws Exception {
        GitHubApi impatient = new GitHubApi(
                new GitHubAppCredentials(FakeGitHubFixture.APP_ID, FakeGitHubFixture.pkcs1Pem(f.appKey), "s", f.github.apiUrl()),
                HttpClient.newHttpClient(), Clock.systemUTC(), Duration.ofSeconds(3), Duration.ZERO, GitHubCallListener.NONE);
        impatient.repository(INSTALLATION, "acme", "shop");
        f.github.latency(Duration.ofSeconds(12));
        long start = System.nanoTime();
        GitHubRetryException e = assertThrows(GitHubRetryException.class, () -> impatient.repository(INSTALLATION, "acme", "shop"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0, "gave up after the timeout");
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        f.github.latency(Duration.ZERO);
    }

    private GHPullRequest pull(int number) throws GitHubRetryException {
        GHRepository repo = f.client.repository(INSTALLATION, "acme", "shop");
        return f.client.call(INSTALLATION, gh -> repo.getPullRequest(number));
    }

    private void comment(String body) throws GitHubRetryException {
        GHRepository repo = f.client.repository(INSTALLATION, "acme", "shop");
        f.client.call(INSTALLATION, gh -> repo.getPullRequest(1).comment(body));
    }
}
