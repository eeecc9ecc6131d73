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

class GitHubRestClientTest {
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
        GitHubRetryException e = assertThrows(GitHubRetryException.class, () -> f.client.get(INSTALLATION, "/repos/acme/shop/pulls/1"));
        assertNull(e.retryAfter());
        assertTrue(e.getMessage().contains("GET /repos/acme/shop/pulls/1 answered 502"), e.getMessage());
    }

    @Test
    void aSecondaryRateLimitWaitsAsLongAsRetryAfterSays() {
        f.github.fail("issues/create-comment", 403, 1, Map.of("retry-after", "7"));
        GitHubRetryException e = assertThrows(GitHubRetryException.class,
                () -> f.client.post(INSTALLATION, "/repos/acme/shop/issues/1/comments", Map.of("body", "hi")));
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
    }

    @Test
    void aForbiddenThatIsNotARateLimitAndANotFoundAreNotRetried() {
        f.github.fail("pulls/get", 403, 1);
        GitHubApiException forbidden = assertThrows(GitHubApiException.class, () -> f.client.get(INSTALLATION, "/repos/acme/shop/pulls/1"));
        assertEquals(403, forbidden.status());
        GitHubApiException missing = assertThrows(GitHubApiException.class, () -> f.client.get(INSTALLATION, "/repos/acme/shop/pulls/2"));
        assertEquals(404, missing.status());
    }

    @Test
    void aRevokedTokenIsReplacedOnceAndTheCallGoesThrough() throws Exception {
        f.client.get(INSTALLATION, "/repos/acme/shop/pulls/1");
        f.github.revokeTokens();
        f.client.get(INSTALLATION, "/repos/acme/shop/pulls/1");
        assertEquals(2, f.github.requests().stream().filter(r -> r.contains("/access_tokens")).count());
    }

    @Test
    void listsFollowEveryPage() throws Exception {
        for (int i = 0; i < 130; i++) {
            f.client.post(INSTALLATION, "/repos/acme/shop/issues/1/comments", Map.of("body", "comment " + i));
        }
        assertEquals(130, f.client.getAll(INSTALLATION, "/repos/acme/shop/issues/1/comments").size());
        assertEquals(2, f.github.requests().stream().filter(r -> r.startsWith("GET /repos/acme/shop/issues/1/comments")).count());
    }

    @Test
    void contentCreatingCallsAreSpacedButReadsAreNot() throws Exception {
        List<String> calls = new ArrayList<>();
        GitHubRestClient spaced = new GitHubRestClient(
                new GitHubAppCredentials(FakeGitHubFixture.APP_ID, FakeGitHubFixture.pkcs1Pem(f.appKey), "s", f.github.apiUrl()),
                HttpClient.newHttpClient(), Clock.systemUTC(), Duration.ofSeconds(10), Duration.ofMillis(300),
                (method, status, remaining) -> calls.add(method + " " + status));
        spaced.get(INSTALLATION, "/repos/acme/shop/pulls/1");
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            spaced.post(INSTALLATION, "/repos/acme/shop/issues/1/comments", Map.of("body", "spaced " + i));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(elapsed.compareTo(Duration.ofMillis(600)) >= 0, "three posts 300 ms apart took only " + elapsed);
        assertEquals(List.of("POST 201", "GET 200", "POST 201", "POST 201", "POST 201"), calls, "the token request, then the calls");
    }
}
