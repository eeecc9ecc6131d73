package dev.migrationreview.github;

import java.net.URI;
import java.util.Objects;

/**
 * What identifies this GitHub App to GitHub: the app id (or client id, GitHub accepts either as the
 * JWT issuer), its private key as PEM (PKCS#1 as GitHub issues it, or PKCS#8), the webhook secret, and
 * the REST API root ({@code https://api.github.com}, or {@code https://HOST/api/v3} on GitHub
 * Enterprise Server).
 */
public record GitHubAppCredentials(String appId, String privateKeyPem, String webhookSecret, URI apiUrl) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");

    public GitHubAppCredentials {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        apiUrl = apiUrl == null ? DEFAULT_API_URL : apiUrl;
    }

    /** Keeps the key and secret out of logs and exception messages. */
    @Override
    public String toString() {
        return "GitHubAppCredentials[appId=" + appId + ", apiUrl=" + apiUrl + "]";
    }
}
