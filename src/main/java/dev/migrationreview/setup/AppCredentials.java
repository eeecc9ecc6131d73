package dev.migrationreview.setup;

/**
 * What the server needs to act as the GitHub App.
 *
 * @param appId         the numeric app id, or the client id (both are accepted as a JWT issuer)
 * @param privateKeyPem the app's private key as GitHub issues it (PKCS#1) or converted (PKCS#8)
 * @param webhookSecret the secret GitHub signs webhooks with; empty only in insecure development mode
 * @param origin        where they came from, for messages: "environment" or the file in DATA_DIR
 */
public record AppCredentials(String appId, String privateKeyPem, String webhookSecret, String origin) {
    public boolean hasWebhookSecret() {
        return webhookSecret != null && !webhookSecret.isEmpty();
    }

    @Override
    public String toString() {
        // Never print the key or the secret, e.g. in a log line or an exception.
        return "AppCredentials[appId=" + appId + ", origin=" + origin + "]";
    }
}
