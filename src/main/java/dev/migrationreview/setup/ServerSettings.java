package dev.migrationreview.setup;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The server's configuration as given by the operator (environment variables or Micronaut
 * properties). Credentials registered through the set-up page live in {@link AppCredentialsStore}.
 */
@Singleton
public class ServerSettings {
    private final Path dataDir;
    private final String databaseUrl;
    private final String databaseUsername;
    private final String databasePassword;
    private final String publicUrl;
    private final boolean insecureDev;
    private final String appId;
    private final String clientId;
    private final String privateKey;
    private final String privateKeyPath;
    private final String webhookSecret;
    private final URI apiUrl;
    private final String webUrl;

    public ServerSettings(@Value("${migration-review.data-dir:./data}") String dataDir,
                          @Value("${migration-review.database-url:}") String databaseUrl,
                          @Value("${migration-review.database-username:}") String databaseUsername,
                          @Value("${migration-review.database-password:}") String databasePassword,
                          @Value("${migration-review.public-url:}") String publicUrl,
                          @Value("${migration-review.insecure-dev:false}") boolean insecureDev,
                          @Value("${migration-review.github.app-id:}") String appId,
                          @Value("${migration-review.github.client-id:}") String clientId,
                          @Value("${migration-review.github.private-key:}") String privateKey,
                          @Value("${migration-review.github.private-key-path:}") String privateKeyPath,
                          @Value("${migration-review.github.webhook-secret:}") String webhookSecret,
                          @Value("${migration-review.github.api-url:`https://api.github.com`}") String apiUrl,
                          @Value("${migration-review.github.web-url:}") String webUrl) {
        this.dataDir = Path.of(dataDir.isBlank() ? "./data" : dataDir).toAbsolutePath().normalize();
        this.databaseUrl = databaseUrl.trim();
        this.databaseUsername = databaseUsername;
        this.databasePassword = databasePassword;
        this.publicUrl = stripTrailingSlash(publicUrl.trim());
        this.insecureDev = insecureDev;
        this.appId = appId.trim();
        this.clientId = clientId.trim();
        this.privateKey = privateKey;
        this.privateKeyPath = privateKeyPath.trim();
        this.webhookSecret = webhookSecret;
        this.apiUrl = parseApiUrl(apiUrl.trim());
        this.webUrl = stripTrailingSlash(webUrl.trim());
    }

    private static URI parseApiUrl(String value) {
        String url = stripTrailingSlash(value.isEmpty() ? "https://api.github.com" : value);
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("GITHUB_API_URL is not a URL: '" + value
                    + "' (expected https://api.github.com or https://HOST/api/v3 for GitHub Enterprise Server)", e);
        }
    }

    private static String stripTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The JDBC URL of the store: DATABASE_URL, or the embedded H2 file store in DATA_DIR. */
    public String jdbcUrl() {
        if (!databaseUrl.isEmpty()) {
            if (!databaseUrl.startsWith("jdbc:")) {
                throw new IllegalStateException("DATABASE_URL must be a JDBC URL such as "
                        + "jdbc:postgresql://db.example.com:5432/migration_review, got '" + databaseUrl + "'");
            }
            return databaseUrl;
        }
        // WRITE_DELAY=0: H2 otherwise writes commits up to 500 ms late, and a process killed in that window
        // loses a delivery it already answered 202 for (and the job scheduled with it).
        return "jdbc:h2:file:" + dataDir.resolve("migration-review").toString().replace('\\', '/') + ";WRITE_DELAY=0";
    }

    public String databaseUsername() {
        return databaseUsername;
    }

    public String databasePassword() {
        return databasePassword;
    }

    /** The server's address as GitHub reaches it (PUBLIC_URL); empty when it should be taken from the request. */
    public Optional<String> publicUrl() {
        return publicUrl.isEmpty() ? Optional.empty() : Optional.of(publicUrl);
    }

    public boolean insecureDev() {
        return insecureDev;
    }

    public String appId() {
        return appId;
    }

    public String clientId() {
        return clientId;
    }

    public String privateKey() {
        return privateKey;
    }

    public String privateKeyPath() {
        return privateKeyPath;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    public URI apiUrl() {
        return apiUrl;
    }

    /**
     * Where people register apps: github.com for the public API, the host itself for GitHub
     * Enterprise Server (https://HOST/api/v3), or GITHUB_WEB_URL when set.
     */
    public String webUrl() {
        if (!webUrl.isEmpty()) {
            return webUrl;
        }
        if ("api.github.com".equalsIgnoreCase(apiUrl.getHost())) {
            return "https://github.com";
        }
        String port = apiUrl.getPort() == -1 ? "" : ":" + apiUrl.getPort();
        return apiUrl.getScheme() + "://" + apiUrl.getHost() + port;
    }
}
