package dev.migrationreview.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's REST calls to GitHub, as the installation (or as the app for token requests). Plain
 * {@code java.net.http} rather than hub4j: every call goes through one place that maps GitHub's
 * "not now" answers (5xx, timeouts, primary and secondary rate limits) to {@link GitHubRetryException}
 * with the wait GitHub asked for, spaces content-creating calls, and speaks the line-based review comment
 * fields ({@code line}, {@code start_line}, {@code side}) hub4j 1.330's review builder does not offer.
 */
public final class GitHubRestClient {
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private final URI apiUrl;
    private final HttpClient http;
    private final Clock clock;
    private final Duration requestTimeout;
    private final Duration contentSpacing;
    private final AppJwtSigner jwt;
    private final InstallationTokens tokens;
    private final ObjectMapper json = new ObjectMapper();
    private final Object spacingLock = new Object();
    private Instant lastContentCall = Instant.EPOCH;
    private final AtomicLong rateLimitRemaining = new AtomicLong(-1);
    private final AtomicLong calls = new AtomicLong();
    private final GitHubCallListener listener;

    public GitHubRestClient(GitHubAppCredentials credentials, HttpClient http, Clock clock, Duration requestTimeout,
            Duration contentSpacing) {
        this(credentials, http, clock, requestTimeout, contentSpacing, GitHubCallListener.NONE);
    }

    public GitHubRestClient(GitHubAppCredentials credentials, HttpClient http, Clock clock, Duration requestTimeout,
            Duration contentSpacing, GitHubCallListener listener) {
        this.listener = listener;
        this.apiUrl = credentials.apiUrl();
        this.http = http;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.contentSpacing = contentSpacing;
        this.jwt = new AppJwtSigner(credentials.appId(), AppPrivateKey.parse(credentials.privateKeyPem()), clock);
        this.tokens = new InstallationTokens(this::issueToken, clock);
    }

    /** Requests remaining in the current rate-limit window, as GitHub last reported it; -1 before the first call. */
    public long rateLimitRemaining() {
        return rateLimitRemaining.get();
    }

    /** Calls made to GitHub so far (for metrics and for tests that count what a second push costs). */
    public long callCount() {
        return calls.get();
    }

    public JsonNode get(long installationId, String path) throws GitHubRetryException {
        return send(installationId, "GET", url(path), null).body();
    }

    /** Every page of a list endpoint, following GitHub's {@code Link: rel="next"}. */
    public List<JsonNode> getAll(long installationId, String path) throws GitHubRetryException {
        List<JsonNode> items = new ArrayList<>();
        URI next = url(path + (path.contains("?") ? "&" : "?") + "per_page=100");
        while (next != null) {
            Reply reply = send(installationId, "GET", next, null);
            reply.body().forEach(items::add);
            next = reply.next().orElse(null);
        }
        return items;
    }

    public JsonNode post(long installationId, String path, Object body) throws GitHubRetryException {
        return send(installationId, "POST", url(path), body).body();
    }

    public JsonNode patch(long installationId, String path, Object body) throws GitHubRetryException {
        return send(installationId, "PATCH", url(path), body).body();
    }

    public void delete(long installationId, String path) throws GitHubRetryException {
        send(installationId, "DELETE", url(path), null);
    }

    /** One path segment (a file path's parts, a ref), percent-encoded for a URL path. */
    public static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A repository-relative file path, each segment encoded and the slashes kept. */
    public static String filePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String part : path.split("/")) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment(part));
        }
        return out.toString();
    }

    private URI url(String path) {
        String root = apiUrl.toString();
        if (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return URI.create(root + path);
    }

    private record Reply(JsonNode body, Optional<URI> next) {}

    private InstallationTokens.Token issueToken(long installationId) throws GitHubRetryException {
        JsonNode body = exchange("POST", url("/app/installations/" + installationId + "/access_tokens"), json.createObjectNode(),
                "Bearer " + jwt.sign(), installationId).body();
        return new InstallationTokens.Token(body.path("token").asText(), Instant.parse(body.path("expires_at").asText()));
    }

    private Reply send(long installationId, String method, URI uri, Object body) throws GitHubRetryException {
        try {
            return exchange(method, uri, body, "token " + tokens.token(installationId), installationId);
        } catch (GitHubApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            // the cached token was revoked or the clock is off: once more with a fresh one
            tokens.forget(installationId);
            return exchange(method, uri, body, "token " + tokens.token(installationId), installationId);
        }
    }

    private Reply exchange(String method, URI uri, Object body, String authorization, long installationId)
            throws GitHubRetryException {
        boolean createsContent = !method.equals("GET");
        if (createsContent) {
            awaitContentSpacing();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "migration-review")
                .header("Authorization", authorization);
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request body for " + method + " " + uri.getPath(), e);
        }
        HttpResponse<byte[]> response;
        calls.incrementAndGet();
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            listener.called(method, 0, -1);
            throw new GitHubRetryException("GitHub did not answer " + method + " " + uri.getPath() + " within " + requestTimeout, null, e);
        } catch (IOException e) {
            listener.called(method, 0, -1);
            throw new GitHubRetryException("GitHub could not be reached for " + method + " " + uri.getPath() + ": " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubRetryException("interrupted while calling GitHub", null, e);
        }
        response.headers().firstValueAsLong("x-ratelimit-remaining").ifPresent(rateLimitRemaining::set);
        int status = response.statusCode();
        listener.called(method, status, response.headers().firstValueAsLong("x-ratelimit-remaining").orElse(-1));
        if (status >= 200 && status < 300) {
            return new Reply(parse(response.body()), nextLink(response));
        }
        String message = method + " " + uri.getPath() + " answered " + status + githubMessage(response.body());
        if (status >= 500 || status == 429 || (status == 403 && isRateLimited(response))) {
            throw new GitHubRetryException(message, retryAfter(response), null);
        }
        throw new GitHubApiException(status, message + (installationId > 0 ? " (installation " + installationId + ")" : ""));
    }

    private static boolean isRateLimited(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").isPresent()
                || response.headers().firstValueAsLong("x-ratelimit-remaining").orElse(-1) == 0;
    }

    /** GitHub's own advice first ({@code retry-after} seconds), then the primary limit's reset time. */
    private Duration retryAfter(HttpResponse<?> response) {
        Optional<String> retryAfter = response.headers().firstValue("retry-after");
        if (retryAfter.isPresent()) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.get().trim())));
            } catch (NumberFormatException ignored) {
                // an HTTP date instead of seconds: fall through to the reset header
            }
        }
        Optional<String> reset = response.headers().firstValue("x-ratelimit-reset");
        if (reset.isPresent() && response.headers().firstValueAsLong("x-ratelimit-remaining").orElse(-1) == 0) {
            try {
                long wait = Long.parseLong(reset.get().trim()) - clock.instant().getEpochSecond();
                return Duration.ofSeconds(Math.max(0, wait));
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    private void awaitContentSpacing() throws GitHubRetryException {
        synchronized (spacingLock) {
            Instant due = lastContentCall.plus(contentSpacing);
            Duration wait = Duration.between(clock.instant(), due);
            if (!wait.isNegative() && !wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GitHubRetryException("interrupted while spacing GitHub calls", null, e);
                }
            }
            lastContentCall = clock.instant();
        }
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.nullNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new GitHubApiException(200, "GitHub answered with a body that is not JSON: " + e.getMessage());
        }
    }

    private String githubMessage(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return ": " + node.get("message").asText() + (node.has("errors") ? " " + node.get("errors") : "");
            }
        } catch (IOException ignored) {
            // not JSON (a proxy's error page): the status says enough
        }
        return "";
    }

    private static Optional<URI> nextLink(HttpResponse<?> response) {
        return response.headers().firstValue("link").flatMap(link -> {
            Matcher m = NEXT_LINK.matcher(link);
            return m.find() ? Optional.of(URI.create(m.group(1))) : Optional.empty();
        });
    }
}
