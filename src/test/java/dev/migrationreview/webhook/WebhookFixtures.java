package dev.migrationreview.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** GitHub's published webhook payloads (src/test/resources/github, see SOURCES.md), sent as GitHub sends them. */
public final class WebhookFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WebhookFixtures() {
    }

    /** A payload file, e.g. "pull_request/opened.payload.json", as a tree a test may edit. */
    public static ObjectNode payload(String name) {
        try (InputStream in = WebhookFixtures.class.getResourceAsStream("/github/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture src/test/resources/github/webhooks/" + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(ObjectNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs a delivery; {@code signature} null sends none. */
    public static HttpResponse<String> deliver(URI server, String event, String deliveryId, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/webhooks"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("User-Agent", "GitHub-Hookshot/test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs with {@code secret} and delivers under a fresh delivery id. */
    public static HttpResponse<String> deliverSigned(URI server, String secret, String event, ObjectNode payload) {
        byte[] body = bytes(payload);
        return deliver(server, event, UUID.randomUUID().toString(), body, WebhookSignature.sign(secret, body));
    }

    public static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A real RSA key in PEM, so that any component parsing the app key at start-up gets a valid one. */
    public static String privateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
