package dev.migrationreview.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIOException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.kohsuke.github.extras.HttpClientGitHubConnector;

/**
 * GitHub through hub4j ({@code org.kohsuke:github-api}): one {@link GitHub} signed in as the app (its own
 * RS256 JWT, so PKCS#1 keys work) and one per installation (its installation token, cached until shortly
 * before it expires), all over one {@link HttpClientGitHubConnector}.
 *
 * <p>GitHub's "not now" answers never make a worker sleep: the rate-limit and abuse-limit handlers throw
 * instead of waiting, and {@link #call} turns them, 5xx answers, timeouts and unreachable hosts into a
 * {@link GitHubRetryException} carrying GitHub's wait ({@code retry-after}, else {@code x-ratelimit-reset}),
 * which the durable job reschedules itself on. Other 4xx answers become {@link GitHubApiException}.
 * Content-creating calls are spaced (secondary limits), every call is reported to the metrics, and a
 * call GitHub does not answer within the request timeout is abandoned.
 */
public final class GitHubApi {

    /** One or more hub4j calls, as one installation. */
    public interface Call<T> {
        T apply(GitHub github) throws IOException;
    }

    /** GitHub said "later" (a rate limit, a timeout); passes through hub4j untouched as a {@link GHIOException}. */
    static final class RetryLater extends GHIOException {
        private final transient Duration wait;

        RetryLater(String message, Duration wait) {
            super(message);
            this.wait = wait;
        }
    }

    private final URI apiUrl;
    private final Clock clock;
    private final Connector connector;
    private final GitHub app;
    private final InstallationTokens tokens;
    private final Map<Long, GitHub> installations = new ConcurrentHashMap<>();

    public GitHubApi(GitHubAppCredentials credentials, HttpClient http, Clock clock, Duration requestTimeout,
            Duration contentSpacing, GitHubCallListener listener) {
        this.apiUrl = credentials.apiUrl();
        this.clock = clock;
        this.connector = new Connector(new HttpClientGitHubConnector(http), requestTimeout, contentSpacing, clock, listener);
        AppJwtSigner jwt = new AppJwtSigner(credentials.appId(), AppPrivateKey.parse(credentials.privateKeyPem()), clock);
        this.app = client(() -> "Bearer " + jwt.sign());
        this.tokens = new InstallationTokens(this::issueToken, clock);
    }

    /** Calls made to GitHub so far (for tests that count what a second push costs). */
    public long callCount() {
        return connector.calls.get();
    }

    /** Runs {@code call} as the installation; a token GitHub no longer accepts (401) is replaced once. */
    public <T> T call(long installationId, Call<T> call) throws GitHubRetryException {
        GitHub github = installations.computeIfAbsent(installationId, id -> client(() -> "token " + installationToken(id)));
        try {
            return mapped(() -> call.apply(github));
        } catch (GitHubApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            // the cached token was revoked or the clock is off: once more with a fresh one
            tokens.forget(installationId);
            return mapped(() -> call.apply(github));
        }
    }

    /** The repository as the installation sees it ({@code GET /repos/{owner}/{repo}}); hub4j's calls hang off it. */
    public GHRepository repository(long installationId, String owner, String repo) throws GitHubRetryException {
        return call(installationId, github -> github.getRepository(owner + "/" + repo));
    }

    private GitHub client(org.kohsuke.github.authorization.AuthorizationProvider authorization) {
        String endpoint = apiUrl.toString().endsWith("/") ? apiUrl.toString().substring(0, apiUrl.toString().length() - 1)
                : apiUrl.toString();
        try {
            return new GitHubBuilder()
                    .withEndpoint(endpoint)
                    .withConnector(connector)
                    .withAuthorizationProvider(authorization)
                    .withRateLimitHandler(new GitHubRateLimitHandler() {
                        @Override
                        public void onError(GitHubConnectorResponse response) throws IOException {
                            throw new RetryLater(describe(response) + ": the API rate limit is used up", waitFrom(response));
                        }
                    })
                    .withAbuseLimitHandler(new GitHubAbuseLimitHandler() {
                        @Override
                        public void onError(GitHubConnectorResponse response) throws IOException {
                            throw new RetryLater(describe(response) + ": a secondary rate limit", waitFrom(response));
                        }
                    })
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the GitHub client for " + apiUrl, e);
        }
    }

    private String installationToken(long installationId) throws IOException {
        try {
            return tokens.token(installationId);
        } catch (GitHubRetryException e) {
            throw new RetryLater(e.getMessage(), e.retryAfter());
        }
    }

    private InstallationTokens.Token issueToken(long installationId) throws GitHubRetryException {
        return mapped(() -> {
            GHAppInstallationToken token = app.getApp().getInstallationById(installationId).createToken().create();
            return new InstallationTokens.Token(token.getToken(), token.getExpiresAt().toInstant());
        });
    }

    private interface IoCall<T> {
        T get() throws IOException;
    }

    private <T> T mapped(IoCall<T> call) throws GitHubRetryException {
        try {
            return call.get();
        } catch (IOException | GHException | UncheckedIOException e) {
            throw retryOrThrow(e);
        }
    }

    /**
     * What hub4j's exception means for the job: a retry (rate limits, 5xx, 429, no answer) or an error
     * naming the call and GitHub's message. Paged lists wrap the cause in unchecked exceptions, so the
     * chain is searched.
     */
    private static GitHubRetryException retryOrThrow(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetryLater later) {
                return new GitHubRetryException(later.getMessage(), later.wait, e);
            }
            if (t instanceof GHFileNotFoundException notFound) {
                throw new GitHubApiException(404, "GitHub answered 404: " + notFound.getMessage());
            }
            if (t instanceof HttpException http) {
                int status = http.getResponseCode();
                String message = "GitHub answered " + (status > 0 ? status : "nothing") + " for " + http.getUrl() + ": "
                        + http.getMessage();
                if (status <= 0 || status >= 500 || status == 429) {
                    return new GitHubRetryException(message, null, e);
                }
                throw new GitHubApiException(status, message);
            }
            if (t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException)) {
                Thread.currentThread().interrupt();
                return new GitHubRetryException("interrupted while calling GitHub", null, e);
            }
        }
        if (e instanceof RuntimeException runtime && !(e instanceof UncheckedIOException) && !(e instanceof GHException)) {
            throw runtime;
        }
        return new GitHubRetryException("GitHub could not be reached: " + e.getMessage(), null, e);
    }

    private static String describe(GitHubConnectorResponse response) {
        return response.request().method() + " " + response.request().url().getPath() + " answered " + response.statusCode();
    }

    /** GitHub's own advice first ({@code retry-after} seconds), then the primary limit's reset time. */
    private Duration waitFrom(GitHubConnectorResponse response) {
        String retryAfter = response.header("retry-after");
        if (retryAfter != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
            } catch (NumberFormatException ignored) {
                // an HTTP date instead of seconds: fall through to the reset header
            }
        }
        String reset = response.header("x-ratelimit-reset");
        if (reset != null && "0".equals(response.header("x-ratelimit-remaining"))) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(reset.trim()) - clock.instant().getEpochSecond()));
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    /**
     * hub4j's {@link HttpClientGitHubConnector} with what every call needs on top: a deadline (the connector
     * sets none, and a worker must not hang on a silent GitHub), spacing of content-creating calls, and
     * the metrics.
     */
    private static final class Connector implements GitHubConnector {
        private final GitHubConnector delegate;
        private final Duration timeout;
        private final Duration spacing;
        private final Clock clock;
        private final GitHubCallListener listener;
        private final AtomicLong calls = new AtomicLong();
        private final Object spacingLock = new Object();
        private final ExecutorService senders;
        private Instant lastContentCall = Instant.EPOCH;

        Connector(GitHubConnector delegate, Duration timeout, Duration spacing, Clock clock, GitHubCallListener listener) {
            this.delegate = delegate;
            this.timeout = timeout;
            this.spacing = spacing;
            this.clock = clock;
            this.listener = listener;
            AtomicInteger n = new AtomicInteger();
            this.senders = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "github-call-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
            String method = request.method();
            if (!"GET".equals(method)) {
                awaitSpacing();
            }
            calls.incrementAndGet();
            Future<GitHubConnectorResponse> sent = senders.submit(() -> delegate.send(request));
            GitHubConnectorResponse response;
            try {
                response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                sent.cancel(true);
                listener.called(method, 0, -1);
                throw new RetryLater("GitHub did not answer " + method + " " + request.url().getPath() + " within " + timeout, null);
            } catch (InterruptedException e) {
                sent.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while calling GitHub");
            } catch (ExecutionException e) {
                listener.called(method, 0, -1);
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("GitHub could not be reached for " + method + " " + request.url().getPath() + ": "
                        + e.getCause(), e.getCause());
            }
            String remaining = response.header("x-ratelimit-remaining");
            long left = -1;
            try {
                left = remaining == null ? -1 : Long.parseLong(remaining.trim());
            } catch (NumberFormatException ignored) {
                // not a number: report none
            }
            listener.called(method, response.statusCode(), left);
            return response;
        }

        private void awaitSpacing() throws IOException {
            synchronized (spacingLock) {
                Duration wait = Duration.between(clock.instant(), lastContentCall.plus(spacing));
                if (!wait.isNegative() && !wait.isZero()) {
                    try {
                        Thread.sleep(wait.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while spacing GitHub calls");
                    }
                }
                lastContentCall = clock.instant();
            }
        }
    }
}
