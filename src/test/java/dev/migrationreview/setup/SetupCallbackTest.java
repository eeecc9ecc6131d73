package dev.migrationreview.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationreview.webhook.WebhookFixtures;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.migrationreview.webhook.WebhookFixtures.deliverSigned;
import static dev.migrationreview.webhook.WebhookFixtures.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Set-up mode: the home page's registration form, and the callback that turns GitHub's code into credentials. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupCallbackTest implements TestPropertyProvider {
    private static final Pattern STATE = Pattern.compile("settings/apps/new\\?state=([0-9a-f]+)");

    private final String pem = WebhookFixtures.privateKeyPem();
    private final FakeGitHubRegistration github = new FakeGitHubRegistration(pem);
    private final SetupCodeLog log = new SetupCodeLog();
    private Path dataDir;
    private String cookie;

    @Inject
    EmbeddedServer server;
    @Inject
    AppCredentialsStore credentials;

    @Override
    public Map<String, String> getProperties() {
        dataDir = dev.migrationreview.jobs.TemporaryDataDir.create("migration-review-setup-test");
        return Map.of(
                "micronaut.server.port", "-1",
                "migration-review.data-dir", dataDir.toString(),
                "migration-review.github.app-id", "",
                "migration-review.github.private-key", "",
                "migration-review.github.private-key-path", "",
                "migration-review.github.webhook-secret", "",
                "migration-review.github.api-url", github.uri().toString(),
                "migration-review.test.reviewer", "recording");
    }

    @AfterAll
    void stopGitHub() {
        github.close();
        log.close();
    }

    @Test
    @Order(1)
    void withoutCredentialsWebhooksAreRefusedAndTheHomePageAsksForTheSetUpCode() throws Exception {
        HttpResponse<String> webhook = deliverSigned(server.getURI(), "anything", "ping", payload("ping/with-app_id.payload.json"));
        assertEquals(503, webhook.statusCode(), webhook.body());

        HttpResponse<String> locked = WebhookFixtures.get(server.getURI().resolve("/"));
        assertEquals(200, locked.statusCode());
        assertTrue(locked.body().contains("id=\"setup-code\""), locked.body());
        assertTrue(!locked.body().contains("settings/apps/new"), "no registration before the code: " + locked.body());
        HttpResponse<String> lockedCallback = WebhookFixtures.get(server.getURI().resolve(
                "/setup/callback?code=" + FakeGitHubRegistration.GOOD_CODE + "&state=0123"));
        assertEquals(403, lockedCallback.statusCode(), lockedCallback.body());
    }

    @Test
    @Order(2)
    void theCodeFromTheLogOpensTheRegistrationOnceAndAWrongOneDoesNot() throws Exception {
        String code = log.code();
        HttpResponse<String> wrong = SetupCodeLog.unlock(server.getURI(), "AAAAA-BBBBB-CCCCC");
        assertEquals(403, wrong.statusCode(), wrong.body());
        assertTrue(wrong.body().contains("not the set-up code"), wrong.body());

        HttpResponse<String> unlocked = SetupCodeLog.unlock(server.getURI(), code.toLowerCase(java.util.Locale.ROOT));
        assertEquals(303, unlocked.statusCode(), unlocked.body());
        cookie = SetupCodeLog.sessionCookie(unlocked);
        assertTrue(unlocked.headers().firstValue("Set-Cookie").orElseThrow().toLowerCase(java.util.Locale.ROOT).contains("httponly"));
        HttpResponse<String> again = SetupCodeLog.unlock(server.getURI(), code);
        assertEquals(403, again.statusCode(), "single use: " + again.body());
        assertTrue(again.body().contains("already used"), again.body());

        HttpResponse<String> home = SetupCodeLog.get(server.getURI().resolve("/"), cookie);
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("action=\"http://127.0.0.1:" + github.uri().getPort() + "/settings/apps/new?state="),
                "a GitHub Enterprise Server's web address is derived from GITHUB_API_URL: " + home.body());
        assertTrue(home.body().contains("id=\"next-steps\""), home.body());
        assertTrue(home.body().contains("id=\"unreachable\"") && home.body().contains("cannot deliver webhooks"),
                "a localhost webhook URL is called out: " + home.body());
        Matcher manifest = Pattern.compile("name=\"manifest\" id=\"manifest\" value=\"([^\"]*)\"").matcher(home.body());
        assertTrue(manifest.find(), home.body());
        JsonNode json = new ObjectMapper().readTree(manifest.group(1).replace("&quot;", "\"").replace("&amp;", "&")
                .replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">"));
        String base = "http://localhost:" + server.getPort();
        assertEquals(base + "/webhooks", json.path("hook_attributes").path("url").asText());
        assertEquals(base + "/setup/callback", json.path("redirect_url").asText());
        assertEquals(base + "/setup/installed", json.path("setup_url").asText());
    }

    @Test
    @Order(3)
    void aCallbackWithoutAStateThisServerIssuedIsRefused() throws Exception {
        HttpResponse<String> forged = SetupCodeLog.get(server.getURI().resolve(
                "/setup/callback?code=" + FakeGitHubRegistration.GOOD_CODE + "&state=0123"), cookie);
        assertEquals(400, forged.statusCode(), forged.body());
        assertTrue(credentials.current().isEmpty());
        assertTrue(github.received().stream().noneMatch(r -> r.uri().getPath().startsWith("/app-manifests")),
                "the code was not spent");
    }

    @Test
    @Order(4)
    void aCodeGitHubRejectsIsReportedAndChangesNothing() throws Exception {
        String state = stateFromHomePage();
        HttpResponse<String> response = SetupCodeLog.get(server.getURI().resolve("/setup/callback?code=expired&state=" + state), cookie);
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().contains("GitHub answered 404"), response.body());
        assertTrue(credentials.current().isEmpty());
    }

    @Test
    @Order(5)
    void theCallbackStoresTheNewAppOwnerOnlyAndTheServerUsesItAtOnce() throws Exception {
        String state = stateFromHomePage();

        HttpResponse<String> response = SetupCodeLog.get(server.getURI().resolve(
                "/setup/callback?code=" + FakeGitHubRegistration.GOOD_CODE + "&state=" + state), cookie);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("https://github.com/apps/octoapp/installations/new"), response.body());
        FakeGitHubRegistration.Received conversion = github.received().stream()
                .filter(r -> r.uri().getPath().equals("/app-manifests/" + FakeGitHubRegistration.GOOD_CODE + "/conversions"))
                .findFirst().orElseThrow();
        assertEquals("POST", conversion.method());

        Path file = dataDir.resolve(AppCredentialsStore.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JsonNode stored = new ObjectMapper().readTree(file.toFile());
        assertEquals("1", stored.path("app_id").asText());
        assertEquals(pem, stored.path("pem").asText());

        AppCredentials app = credentials.current().orElseThrow();
        assertEquals("1", app.appId());
        assertEquals("e340154128314309424b7c8e90325147d99fdafa", app.webhookSecret());

        // No restart: webhooks signed with the new secret are accepted, others are not.
        assertEquals(200, deliverSigned(server.getURI(), "e340154128314309424b7c8e90325147d99fdafa", "ping",
                payload("ping/with-app_id.payload.json")).statusCode());
        assertEquals(401, deliverSigned(server.getURI(), "anything", "ping", payload("ping/with-app_id.payload.json")).statusCode());
        assertTrue(WebhookFixtures.get(server.getURI().resolve("/")).body().contains("migration-review is running"));
        HttpResponse<String> installed = WebhookFixtures.get(server.getURI().resolve("/setup/installed?installation_id=42&setup_action=install"));
        assertEquals(200, installed.statusCode());
        assertTrue(installed.body().contains("installation 42") && installed.body().contains("open or push to a pull request"),
                installed.body());
    }

    private String stateFromHomePage() throws Exception {
        String home = SetupCodeLog.get(server.getURI().resolve("/"), cookie).body();
        Matcher matcher = STATE.matcher(home);
        assertTrue(matcher.find(), home);
        return matcher.group(1);
    }

}
