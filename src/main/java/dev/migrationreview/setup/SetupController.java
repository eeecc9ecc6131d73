package dev.migrationreview.setup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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
 * the code becomes the app's id, key and webhook secret, which take effect at once.
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
    private final SecureRandom random = new SecureRandom();
    /** States handed out by this process, against cross-site requests to the callback. */
    private final Map<String, Instant> states = new ConcurrentHashMap<>();

    public SetupController(ServerSettings settings, AppCredentialsStore credentials, AppManifest manifest,
                           ManifestConversion conversion) {
        this.settings = settings;
        this.credentials = credentials;
        this.manifest = manifest;
        this.conversion = conversion;
    }

    @Get("/")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> home(HttpRequest<?> request, @QueryValue @Nullable String organization) {
        Optional<AppCredentials> app = credentials.current();
        if (app.isPresent()) {
            return HttpResponse.ok(page("migration-review is running",
                    "<p>GitHub App <strong>" + escape(app.get().appId()) + "</strong> (credentials from "
                            + escape(app.get().origin()) + "). Webhooks go to <code>" + escape(publicUrl(request))
                            + "/webhooks</code>.</p><p><a href=\"/health\">Health</a> · <a href=\"/metrics\">Metrics</a></p>"));
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
        String body = "<p>This server has no GitHub App yet. Register one: GitHub shows the settings below, "
                + "pre-filled, for you to confirm (you can change the name), then sends you back here and the "
                + "server starts working with the new app at once.</p>"
                + "<p>GitHub will send webhooks to <code>" + escape(publicUrl) + "/webhooks</code>; if GitHub "
                + "cannot reach that address, set <code>PUBLIC_URL</code> and reload.</p>"
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

    @Get("/setup/callback")
    @Produces(MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> callback(@QueryValue @Nullable String code, @QueryValue @Nullable String state) {
        if (credentials.current().isPresent()) {
            return HttpResponse.<String>status(HttpStatus.CONFLICT).body(page("Already set up",
                    "<p>This server already has a GitHub App (" + escape(credentials.current().get().appId())
                            + "). To register another, stop it, remove " + escape(credentials.credentialsFile().toString())
                            + " and start again.</p>"));
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
        String install = app.htmlUrl().isEmpty() ? "" : "<p>Next, <a id=\"install\" href=\"" + escape(app.htmlUrl())
                + "/installations/new\">install it on your repositories</a>.</p>";
        return HttpResponse.ok(page("GitHub App registered",
                "<p>Registered <strong>" + escape(app.slug().isEmpty() ? app.appId() : app.slug()) + "</strong> (id "
                        + escape(app.appId()) + "). Its key and webhook secret are stored in "
                        + "<code>" + escape(credentials.credentialsFile().toString()) + "</code>, readable by the "
                        + "server's user only; the server is now using them.</p>" + install));
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
