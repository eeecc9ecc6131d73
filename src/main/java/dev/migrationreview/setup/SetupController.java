package dev.migrationreview.setup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.CookieValue;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The home page. Without credentials it registers the app through GitHub's manifest flow: a form
 * posts the manifest to GitHub, GitHub sends the browser back to /setup/callback with a code, and
 * the code becomes the app's id, key and webhook secret, which take effect at once. The flow opens
 * only to a browser that entered the one-time {@link SetupCode} from the server's log.
 */
@Controller
public class SetupController {
    private static final Logger LOG = LoggerFactory.getLogger(SetupController.class);
    /** GitHub's codes live one hour; a state older than that cannot come back with a usable code. */
    private static final Duration STATE_LIFETIME = Duration.ofHours(1);
    private static final int MAX_STATES = 1000;

    private final ServerSettings settings;
    private final AppCredentialsStore credentials;
    private final AppManifest manifest;
    private final ManifestConversion conversion;
    private final SetupCode setupCode;
    private final SecureRandom random = new SecureRandom();
    /** States handed out by this process, against cross-site requests to the callback. */
    private final Map<String, Instant> states = new ConcurrentHashMap<>();

    public SetupController(ServerSettings settings, AppCredentialsStore credentials, AppManifest manifest,
                           ManifestConversion conversion, SetupCode setupCode) {
        this.settings = settings;
        this.setupCode = setupCode;
        this.credentials = credentials;
        this.manifest = manifest;
        this.conversion = conversion;
    }

    @Get("/")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> home(HttpRequest<?> request, @QueryValue @Nullable String organization,
                                     @CookieValue(SetupCode.COOKIE) @Nullable String session) {
        Optional<AppCredentials> app = credentials.current();
        if (app.isPresent()) {
            // anyone can reach this page: it names no file, path or setting
            return HttpResponse.ok(page("migration-review is running",
                    "<p>This server reviews database migrations in the pull requests of the repositories where its "
                            + "GitHub App is installed. Webhooks go to <code>" + escape(publicUrl(request)) + "/webhooks</code>.</p>"
                            + "<p>To add repositories, open the app on GitHub (" + escape(settings.webUrl())
                            + "/settings/apps, or your organization's settings) and choose <em>Install App</em>. "
                            + "The operator's status page is on the server's management port.</p>"));
        }
        if (!setupCode.admits(session)) {
            return HttpResponse.ok(unlockPage(""));
        }
        String publicUrl = publicUrl(request);
        String state = issueState();
        String org = organization == null ? "" : organization.trim();
        if (!org.isEmpty() && !org.matches("[A-Za-z0-9][A-Za-z0-9-]{0,38}")) {
            return HttpResponse.<String>badRequest().body(page("Not an organization name",
                    "<p>'" + escape(org) + "' is not a GitHub organization name (letters, digits and hyphens).</p>"
                            + "<p><a href=\"/\">Back</a></p>"));
        }
        String target = settings.webUrl() + (org.isEmpty() ? "" : "/organizations/" + org)
                + "/settings/apps/new?state=" + state;
        String body = unreachableWarning(publicUrl)
                + "<p>This server has no GitHub App yet. What happens next:</p><ol id=\"next-steps\">"
                + "<li><strong>Register</strong> the app (the button below): GitHub shows its settings pre-filled for you "
                + "to confirm (you can change the name).</li>"
                + "<li>GitHub sends you back here; the server stores the app's key and webhook secret and starts "
                + "working with them at once.</li>"
                + "<li><strong>Install</strong> the app on the repositories to review: the next page links there, and "
                + "GitHub brings you back here when done.</li>"
                + "<li>Open a pull request that changes a migration: the <code>migration-review</code> check appears "
                + "on it.</li></ol>"
                + "<p>GitHub will send webhooks to <code id=\"webhook-url\">" + escape(publicUrl) + "/webhooks</code>.</p>"
                + "<form id=\"register\" action=\"" + escape(target) + "\" method=\"post\">"
                + "<input type=\"hidden\" name=\"manifest\" id=\"manifest\" value=\""
                + escape(manifest.forPublicUrl(publicUrl)) + "\">"
                + "<button type=\"submit\" id=\"register-button\">Register the GitHub App"
                + (org.isEmpty() ? " on my account" : " for " + escape(org)) + "</button></form>"
                + "<form action=\"/\" method=\"get\"><p>Or for an organization: "
                + "<input name=\"organization\" placeholder=\"organization\" value=\"" + escape(org) + "\"> "
                + "<button type=\"submit\">Use this organization</button></p></form>";
        return HttpResponse.ok(page("Set up migration-review", body));
    }

    @Post(uri = "/setup/unlock", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> unlock(HttpRequest<?> request, @Body @Nullable Map<String, String> form) {
        if (credentials.current().isPresent()) {
            return HttpResponse.<String>status(HttpStatus.CONFLICT).body(page("Already set up",
                    "<p>This server already has a GitHub App.</p><p><a href=\"/\">Home</a></p>"));
        }
        String typed = form == null ? null : form.get("code");
        Optional<String> token = setupCode.redeem(typed);
        if (token.isEmpty()) {
            return HttpResponse.<String>status(HttpStatus.FORBIDDEN).body(unlockPage(setupCode.pending()
                    ? "<p id=\"wrong-code\"><strong>That is not the set-up code.</strong> Copy it from the server's log "
                            + "(the line after <em>enter the set-up code</em>).</p>"
                    : "<p id=\"wrong-code\"><strong>The set-up code was already used.</strong> Restart the server "
                            + "for a new one.</p>"));
        }
        boolean https = publicUrl(request).startsWith("https:");
        Cookie cookie = Cookie.of(SetupCode.COOKIE, token.get()).httpOnly(true).path("/").secure(https)
                .sameSite(SameSite.Lax).maxAge(Duration.ofHours(12));
        return HttpResponse.<String>seeOther(URI.create("/")).cookie(cookie);
    }

    /** GitHub's setup_url: where it sends whoever installed the app, or changed its repositories. */
    @Get("/setup/installed")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> installed(@QueryValue("installation_id") @Nullable String installationId,
                                          @QueryValue("setup_action") @Nullable String setupAction) {
        String id = installationId != null && installationId.matches("[0-9]{1,20}") ? installationId : null;
        String what = "update".equals(setupAction) ? "The app's repositories were changed" : "The app is installed";
        return HttpResponse.ok(page(what,
                "<p>" + escape(what) + (id == null ? "" : " (installation " + escape(id) + ")") + ". migration-review now "
                        + "reviews the pull requests of the repositories you chose: open or push to a pull request that "
                        + "changes a migration, and the <code>migration-review</code> check run appears on it, with "
                        + "comments on the risky statements.</p>"
                        + "<p>Each repository can tune the review in <code>.github/migration-review.yml</code> "
                        + "(docs/configuration.md). To make the check required, add <code>migration-review</code> to the "
                        + "branch's rules (<em>Require status checks to pass</em>).</p>"));
    }

    private String unlockPage(String problem) {
        return page("Set up migration-review", problem
                + "<p>This server has no GitHub App yet. To register one, enter the <strong>set-up code</strong> the server "
                + "printed in its log when it started (a framed block saying <em>migration-review is in set-up mode</em>). "
                + "It keeps anyone else who reaches this page from registering their own app here.</p>"
                + "<form id=\"unlock\" action=\"/setup/unlock\" method=\"post\"><p><label>Set-up code: "
                + "<input name=\"code\" id=\"setup-code\" autocomplete=\"off\" size=\"20\"></label> "
                + "<button type=\"submit\" id=\"unlock-button\">Continue</button></p></form>"
                + "<p>Or skip this page: configure <code>GITHUB_APP_ID</code>, <code>GITHUB_PRIVATE_KEY_PATH</code> and "
                + "<code>GITHUB_WEBHOOK_SECRET</code> (docs/github-app.md).</p>");
    }

    /**
     * GitHub delivers webhooks from the internet: a loopback address never works, and a private one works
     * only for a GitHub Enterprise Server on the same network.
     */
    private String unreachableWarning(String publicUrl) {
        String host;
        try {
            host = URI.create(publicUrl).getHost();
        } catch (IllegalArgumentException e) {
            return "";
        }
        if (host == null) {
            return "";
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean loopback = bare.equalsIgnoreCase("localhost") || bare.toLowerCase(java.util.Locale.ROOT).endsWith(".localhost");
        boolean privateNetwork = bare.toLowerCase(java.util.Locale.ROOT).endsWith(".local");
        if (bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            try {
                InetAddress address = InetAddress.getByName(bare); // a literal: no lookup
                loopback |= address.isLoopbackAddress() || address.isAnyLocalAddress();
                privateNetwork |= address.isSiteLocalAddress() || address.isLinkLocalAddress();
            } catch (UnknownHostException e) {
                return "";
            }
        }
        boolean github = settings.webUrl().equals("https://github.com");
        if (!loopback && !(privateNetwork && github)) {
            return "";
        }
        return "<div id=\"unreachable\" style=\"border:2px solid #c00;padding:0 1em;margin:1em 0\"><p><strong>GitHub cannot "
                + "deliver webhooks to <code>" + escape(publicUrl) + "</code></strong>: "
                + (loopback ? "that address is this machine only." : "that address is on a private network.")
                + " The app would register, but no pull request would ever be reviewed.</p><p>Expose the server first: "
                + "give it a public name behind a reverse proxy (HTTPS), or for a trial a tunnel such as "
                + "<code>cloudflared tunnel --url http://localhost:" + portOf(publicUrl) + "</code> or <code>ngrok http "
                + portOf(publicUrl) + "</code>. Then start the server with <code>PUBLIC_URL</code> set to that address "
                + "(e.g. <code>PUBLIC_URL=https://migration-review.example.com</code>) and reload this page.</p></div>";
    }

    private static String portOf(String url) {
        URI uri = URI.create(url);
        return uri.getPort() > 0 ? Integer.toString(uri.getPort()) : "https".equals(uri.getScheme()) ? "443" : "80";
    }

    @Get("/setup/callback")
    @Produces(MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> callback(@QueryValue @Nullable String code, @QueryValue @Nullable String state,
                                         @CookieValue(SetupCode.COOKIE) @Nullable String session) {
        if (credentials.current().isPresent()) {
            return HttpResponse.<String>status(HttpStatus.CONFLICT).body(page("Already set up",
                    "<p>This server already has a GitHub App. To register another, stop it, remove "
                            + AppCredentialsStore.FILE_NAME + " from its data directory and start again.</p>"));
        }
        if (!setupCode.admits(session)) {
            return HttpResponse.<String>status(HttpStatus.FORBIDDEN).body(unlockPage(
                    "<p>This browser has not entered the set-up code, so it cannot complete a registration.</p>"));
        }
        if (code == null || code.isBlank()) {
            return HttpResponse.<String>badRequest().body(page("No code",
                    "<p>GitHub sends the browser here with a <code>code</code> after a registration. Start from "
                            + "<a href=\"/\">the home page</a>.</p>"));
        }
        if (state == null || states.remove(state) == null) {
            return HttpResponse.<String>badRequest().body(page("Unknown registration",
                    "<p>This registration was not started from this server (or the server restarted since). "
                            + "Start again from <a href=\"/\">the home page</a>.</p>"));
        }
        RegisteredApp app;
        try {
            app = conversion.convert(code);
        } catch (IOException e) {
            LOG.warn("Manifest conversion failed: {}", e.getMessage());
            return HttpResponse.<String>status(HttpStatus.BAD_GATEWAY).body(page("GitHub did not confirm the app",
                    "<p>" + escape(e.getMessage()) + "</p><p><a href=\"/\">Try again</a></p>"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body(page("Interrupted",
                    "<p>The server is stopping.</p>"));
        }
        credentials.register(app);
        String install = app.htmlUrl().isEmpty()
                ? "<p>Next, install it on your repositories: open the app in your GitHub settings and choose <em>Install App</em>.</p>"
                : "<p>Next, <a id=\"install\" href=\"" + escape(app.htmlUrl())
                        + "/installations/new\">install it on your repositories</a>. GitHub brings you back here when done.</p>";
        return HttpResponse.ok(page("GitHub App registered",
                "<p>Registered <strong>" + escape(app.slug().isEmpty() ? app.appId() : app.slug()) + "</strong> (id "
                        + escape(app.appId()) + "). Its key and webhook secret are stored in the server's data directory "
                        + "(<code>" + AppCredentialsStore.FILE_NAME + "</code>), readable by the server's user only; the "
                        + "server is now using them.</p>" + install));
    }

    private String publicUrl(HttpRequest<?> request) {
        return settings.publicUrl().orElseGet(() -> {
            String proto = Optional.ofNullable(request.getHeaders().get("X-Forwarded-Proto")).orElse("http");
            String host = Optional.ofNullable(request.getHeaders().get("X-Forwarded-Host"))
                    .orElseGet(() -> Optional.ofNullable(request.getHeaders().get("Host"))
                            .orElse("localhost:" + request.getServerAddress().getPort()));
            return proto.split(",")[0].trim() + "://" + host.split(",")[0].trim();
        });
    }

    private String issueState() {
        Instant now = Instant.now();
        states.entrySet().removeIf(entry -> entry.getValue().plus(STATE_LIFETIME).isBefore(now));
        if (states.size() >= MAX_STATES) {
            states.clear();
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String state = HexFormat.of().formatHex(bytes);
        states.put(state, now);
        return URLEncoder.encode(state, StandardCharsets.UTF_8);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:46em;margin:3em auto;padding:0 1em;"
                + "line-height:1.5}code{background:#f3f3f3;padding:0 .2em}button{font-size:1em;padding:.4em 1em}"
                + "</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
