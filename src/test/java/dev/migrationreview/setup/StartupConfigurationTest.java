package dev.migrationreview.setup;

import dev.migrationreview.webhook.WebhookFixtures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A half-configured server refuses to start, saying what to set, instead of accepting unsigned webhooks. */
class StartupConfigurationTest {

    @TempDir
    Path dataDir;

    @Test
    void anAppIdAndKeyWithoutAWebhookSecretRefuseToStart() {
        RuntimeException error = assertThrows(RuntimeException.class, () -> start(Map.of(
                "migration-review.github.app-id", "29310",
                "migration-review.github.private-key", WebhookFixtures.privateKeyPem())).close());
        assertTrue(rootMessage(error).contains("GITHUB_WEBHOOK_SECRET"), rootMessage(error));
    }

    @Test
    void theInsecureDevelopmentFlagAllowsItExplicitly() {
        try (ApplicationContext context = start(Map.of(
                "migration-review.github.app-id", "29310",
                "migration-review.github.private-key", WebhookFixtures.privateKeyPem(),
                "migration-review.insecure-dev", "true"))) {
            assertEquals("29310", context.getBean(AppCredentialsStore.class).current().orElseThrow().appId());
        }
    }

    @Test
    void aKeyFileThatIsNotAKeyIsNamed() throws Exception {
        Path notAKey = Files.writeString(dataDir.resolve("app.pem"), "ssh-rsa AAAAB3Nza... me@host\n");
        RuntimeException error = assertThrows(RuntimeException.class, () -> start(Map.of(
                "migration-review.github.app-id", "29310",
                "migration-review.github.private-key-path", notAKey.toString(),
                "migration-review.github.webhook-secret", "s")).close());
        assertTrue(rootMessage(error).contains("GITHUB_PRIVATE_KEY_PATH (" + notAKey + ") is not a PEM private key"),
                rootMessage(error));
    }

    private ApplicationContext start(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("micronaut.server.port", -1);
        properties.put("migration-review.data-dir", dataDir.toString());
        properties.put("migration-review.test.reviewer", "recording");
        return ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
    }

    private static String rootMessage(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
