package dev.migrationreview.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

    @Test
    void signsAsGitHubDocumentsIt() {
        // The example from GitHub's "Validating webhook deliveries" page.
        String signature = WebhookSignature.sign("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8));
        assertEquals("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", signature);
    }

    @Test
    void acceptsOnlyTheExactBodyWithTheRightSecret() {
        byte[] body = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
        String good = WebhookSignature.sign("s3cret", body);
        assertTrue(WebhookSignature.matches("s3cret", body, good));
        assertFalse(WebhookSignature.matches("other", body, good), "wrong secret");
        assertFalse(WebhookSignature.matches("s3cret", "{\"zen\":\"Keep it logically awesome!\"}".getBytes(StandardCharsets.UTF_8), good),
                "body changed by one character");
        assertFalse(WebhookSignature.matches("s3cret", body, null), "missing header");
        assertFalse(WebhookSignature.matches("s3cret", body, good.substring("sha256=".length())), "no algorithm prefix");
        assertFalse(WebhookSignature.matches("s3cret", body, "sha1=" + good.substring(7)), "SHA-1 header");
    }
}
