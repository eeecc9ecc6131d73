package dev.migrationreview.setup;

/** What GitHub returns when it converts a manifest-flow code into a new app. */
public record RegisteredApp(String appId, String slug, String clientId, String htmlUrl, String privateKeyPem,
                            String webhookSecret) {
    @Override
    public String toString() {
        return "RegisteredApp[appId=" + appId + ", slug=" + slug + ", htmlUrl=" + htmlUrl + "]";
    }
}
