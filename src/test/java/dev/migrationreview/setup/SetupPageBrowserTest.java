package dev.migrationreview.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.jobs.Eventually;
import dev.migrationreview.webhook.WebhookFixtures;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The set-up page in a real browser: headless Chromium loads the home page and clicks the button,
 * and the form lands where GitHub would receive it (a loopback server standing in for github.com).
 * Driven through the DevTools protocol over a WebSocket, so no driver download is needed.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetupPageBrowserTest implements TestPropertyProvider {
    private final FakeGitHubRegistration github = new FakeGitHubRegistration(WebhookFixtures.privateKeyPem());
    private final SetupCodeLog log = new SetupCodeLog();
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.server.port", "-1",
                "migration-review.data-dir", dev.migrationreview.jobs.TemporaryDataDir.create("migration-review-browser-test").toString(),
                "migration-review.github.app-id", "",
                "migration-review.github.private-key", "",
                "migration-review.github.private-key-path", "",
                "migration-review.github.webhook-secret", "",
                "migration-review.github.web-url", github.uri().toString(),
                "migration-review.test.reviewer", "recording");
    }

    @AfterAll
    void stopGitHub() {
        github.close();
        log.close();
    }

    @Test
    void theSetUpCodeFromTheLogOpensTheRegistrationAndClickingRegisterPostsTheManifestToGitHub() throws Exception {
        Optional<Path> chromium = findChromium();
        assumeTrue(chromium.isPresent(), "SKIPPED: no Chromium on PATH (Debian: apt-get install -y chromium); "
                + "the set-up page was not tested in a browser");
        Path profile = Files.createTempDirectory("migration-review-chromium");
        Process browser = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-dev-shm-usage",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                server.getURI().resolve("/").toString())
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try (DevTools page = DevTools.attach(profile, server.getURI().resolve("/").toString())) {
            Eventually.await(Duration.ofSeconds(30), "the set-up page to load",
                    () -> page.evaluate("location.href.startsWith('http') && document.readyState === 'complete'").asBoolean(),
                    () -> page.evaluate("location.href + ' ' + document.readyState").asText());
            assertEquals("Set up migration-review", page.evaluate("document.title").asText(),
                    () -> page.evaluate("location.href + ' ' + document.documentElement.outerHTML.substring(0, 500)").asText());
            assertFalse(page.evaluate("document.getElementById('register-button') !== null").asBoolean(),
                    "no registration before the set-up code");

            // the operator types the code from the server's log and continues
            page.evaluate("document.getElementById('setup-code').value = '" + log.code() + "'");
            page.click(centre(page, "unlock-button"));
            Eventually.await(Duration.ofSeconds(30), "the registration page after the set-up code",
                    () -> page.evaluate("document.readyState === 'complete' && document.getElementById('register-button') !== null")
                            .asBoolean(),
                    () -> page.evaluate("location.href + ' ' + document.body.innerText").asText());
            String text = page.evaluate("document.body.innerText").asText();
            assertTrue(text.contains("GitHub cannot deliver webhooks to http://localhost:" + server.getPort()), text);
            assertTrue(text.contains("PUBLIC_URL"), "says how to expose the server: " + text);
            assertTrue(text.contains("Install the app on the repositories"), "says what happens next: " + text);

            page.click(centre(page, "register-button"));

            Eventually.await(Duration.ofSeconds(30), "the form to reach the stand-in for GitHub",
                    () -> github.received().stream().anyMatch(r -> r.uri().getPath().equals("/settings/apps/new")),
                    github::received);
        } finally {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
            browser.waitFor(10, TimeUnit.SECONDS);
            deleteRecursively(profile);
        }

        FakeGitHubRegistration.Received form = github.received().stream()
                .filter(r -> r.uri().getPath().equals("/settings/apps/new")).findFirst().orElseThrow();
        assertEquals("POST", form.method());
        assertTrue(form.uri().getQuery().matches("state=[0-9a-f]{32}"), form.uri().toString());
        ObjectNode manifest = (ObjectNode) json.readTree(form.form().get("manifest"));
        String base = "http://localhost:" + server.getPort();
        assertEquals(base + "/webhooks", manifest.path("hook_attributes").path("url").asText());
        assertTrue(manifest.path("hook_attributes").path("active").asBoolean());
        assertEquals(base + "/setup/callback", manifest.path("redirect_url").asText());
        assertEquals(base + "/setup/installed", manifest.path("setup_url").asText());
        assertEquals(base, manifest.path("url").asText());
        assertFalse(manifest.path("name").asText().isBlank());
        assertEquals(json.readTree("{\"metadata\":\"read\",\"contents\":\"read\",\"pull_requests\":\"write\",\"checks\":\"write\"}"),
                manifest.path("default_permissions"));
        assertEquals(json.readTree("[\"pull_request\",\"check_suite\",\"check_run\",\"issue_comment\"]"),
                manifest.path("default_events"));
    }

    private double[] centre(DevTools page, String id) throws IOException {
        // the page is longer than the headless window: a click lands only on what is in view
        page.evaluate("document.getElementById('" + id + "').scrollIntoView({block: 'center'})");
        JsonNode box = json.readTree(page.evaluate("JSON.stringify(document.getElementById('" + id + "')"
                + ".getBoundingClientRect())").asText());
        return new double[] {box.path("x").asDouble() + box.path("width").asDouble() / 2,
            box.path("y").asDouble() + box.path("height").asDouble() / 2};
    }

    static Optional<Path> findChromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The smallest DevTools-protocol client that loads nothing: evaluate JavaScript, click with the mouse. */
    private static final class DevTools implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final WebSocket socket;
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();

        private DevTools(WebSocket.Builder builder, URI uri) throws Exception {
            StringBuilder partial = new StringBuilder();
            this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        try {
                            JsonNode message = JSON.readTree(partial.toString());
                            CompletableFuture<JsonNode> waiting = pending.remove(message.path("id").asInt(-1));
                            if (waiting != null) {
                                waiting.complete(message);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        partial.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
        }

        static DevTools attach(Path profile, String pageUrl) throws Exception {
            Path portFile = profile.resolve("DevToolsActivePort");
            Eventually.await(Duration.ofSeconds(30), "Chromium to open its DevTools port", () -> Files.exists(portFile)
                    && readQuietly(portFile).contains("\n"), () -> "no " + portFile);
            int port = Integer.parseInt(readQuietly(portFile).split("\n")[0].trim());
            HttpClient http = HttpClient.newHttpClient();
            String[] socketUrl = new String[1];
            Eventually.await(Duration.ofSeconds(30), "the page target", () -> {
                try {
                    JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    for (JsonNode target : targets) {
                        if ("page".equals(target.path("type").asText()) && target.path("url").asText().startsWith(pageUrl)) {
                            socketUrl[0] = target.path("webSocketDebuggerUrl").asText();
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }, () -> "no page for " + pageUrl);
            return new DevTools(http.newWebSocketBuilder(), URI.create(socketUrl[0]));
        }

        JsonNode evaluate(String expression) {
            ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
            return call("Runtime.evaluate", params).path("result").path("result").path("value");
        }

        void click(double[] point) {
            click(point[0], point[1]);
        }

        void click(double x, double y) {
            for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
                ObjectNode params = JSON.createObjectNode().put("type", type).put("x", x).put("y", y);
                if (!type.equals("mouseMoved")) {
                    params.put("button", "left").put("clickCount", 1);
                }
                call("Input.dispatchMouseEvent", params);
            }
        }

        private JsonNode call(String method, ObjectNode params) {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
            message.set("params", params);
            try {
                socket.sendText(JSON.writeValueAsString(message), true).get(20, TimeUnit.SECONDS);
                return answer.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("DevTools " + method + " failed: " + e, e);
            }
        }

        private static String readQuietly(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
