package dev.migrationreview.github;

import dev.migrationreview.analysis.ChangeReviewer;
import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.setup.AppCredentials;
import dev.migrationreview.setup.AppCredentialsStore;
import dev.migrationreview.setup.ServerSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wires the GitHub side. Its beans are created on first use by a job (the job layer asks through a
 * {@code BeanProvider}), which is after the app has credentials: from the environment, or registered
 * through the set-up page while the server runs.
 *
 * <p>Settings: {@code migration-review.github.content-spacing} (default 1s: GitHub's secondary limits ask
 * for about a second between content-creating requests), {@code migration-review.github.request-timeout}
 * (30s), {@code migration-review.github.rules-docs-url} (where the rule pages linked from comments live; default:
 * this server's own pages, {@code PUBLIC_URL/rules/}, else {@code migration-review.docs-url}),
 * {@code migration-review.on-review-error} ({@link OnReviewError}), {@code migration-review.github.fetch-parallelism}
 * (8: blob calls in flight at once per instance, for the first review of a long history).
 */
@Factory
public class GitHubBeans {

    @Singleton
    GitHubAppCredentials gitHubAppCredentials(AppCredentialsStore store, ServerSettings settings) {
        AppCredentials app = store.current().orElseThrow(() -> new IllegalStateException(
                "no GitHub App credentials yet: register the app on the set-up page, or set GITHUB_APP_ID and GITHUB_PRIVATE_KEY_PATH"));
        return new GitHubAppCredentials(app.appId(), app.privateKeyPem(), app.webhookSecret(), settings.apiUrl());
    }

    @Singleton
    GitHubApi gitHubApi(GitHubAppCredentials credentials,
            @Value("${migration-review.github.request-timeout:30s}") Duration requestTimeout,
            @Value("${migration-review.github.content-spacing:1s}") Duration contentSpacing, GitHubCallListener listener) {
        // hub4j follows redirects itself, without the Authorization header, as GitHub asks
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        return new GitHubApi(credentials, http, Clock.systemUTC(), requestTimeout, contentSpacing, listener);
    }

    @Singleton
    BlobCache blobCache(DataSource dataSource) {
        return new JdbcBlobCache(dataSource);
    }

    @Singleton
    PullRequestReviewer pullRequestReviewer(GitHubApi client, ChangeReviewer changeReviewer, ConfigLoader configLoader,
            BlobCache blobCache, ServerSettings settings, @Value("${migration-review.github.rules-docs-url:}") String rulesDocsUrl,
            @Value("${migration-review.docs-url:}") String docsUrl,
            @Value("${migration-review.on-review-error:failure}") String onReviewError, GitHubAppCredentials credentials,
            @Value("${migration-review.github.fetch-parallelism:8}") int fetchParallelism) {
        if (fetchParallelism < 1) {
            throw new IllegalStateException("migration-review.github.fetch-parallelism must be at least 1, got " + fetchParallelism);
        }
        // a URL as a placeholder default would be cut at its colon, so the defaults are applied here
        String links = !rulesDocsUrl.isBlank() ? rulesDocsUrl
                : settings.publicUrl().map(url -> url + "/rules/").orElse(docsUrl);
        return new GitHubPullRequestReviewer(client, changeReviewer, configLoader, blobCache, links, Clock.systemUTC(),
                OnReviewError.parse(onReviewError), credentials.appId(), blobFetcher(fetchParallelism));
    }

    /**
     * The pool file reads fan out on, shared by all jobs of this instance so that the bound holds per instance
     * (GitHub's secondary limits count concurrent requests). Idle threads end, so it needs no shutdown.
     */
    private static ExecutorService blobFetcher(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "github-fetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
