package dev.migrationreview.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The app's credentials: from the environment when given there, else from the file the set-up page
 * wrote into DATA_DIR, else none (set-up mode). Checked at start-up so that a half-configured server
 * refuses to run instead of accepting unsigned webhooks.
 */
@Singleton
public class AppCredentialsStore {
    /** The file the manifest flow writes; readable by the owner only. */
    public static final String FILE_NAME = "github-app.json";

    private static final Logger LOG = LoggerFactory.getLogger(AppCredentialsStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final ServerSettings settings;
    private final DataDirectory dataDirectory;
    private final ObjectMapper json;
    private final AtomicReference<AppCredentials> current = new AtomicReference<>();

    public AppCredentialsStore(ServerSettings settings, DataDirectory dataDirectory, ObjectMapper json) {
        this.settings = settings;
        this.dataDirectory = dataDirectory;
        this.json = json;
        // before reading github-app.json: a key others could read is tightened, or the server stops here
        dataDirectory.checkIfPresent();
        current.set(loadAtStartup().orElse(null));
        if (current.get() == null) {
            LOG.info("No GitHub App credentials: running in set-up mode; open the home page to register the app");
        } else if (!current.get().hasWebhookSecret()) {
            LOG.warn("MIGRATION_REVIEW_INSECURE_DEV=true and no GITHUB_WEBHOOK_SECRET: webhooks are accepted "
                    + "WITHOUT signature checks. Never run like this where GitHub or anyone else can reach the server.");
        }
    }

    public Optional<AppCredentials> current() {
        return Optional.ofNullable(current.get());
    }

    /** Stores credentials that GitHub issued through the manifest flow; the server uses them at once. */
    public AppCredentials register(RegisteredApp app) {
        if (settingsGiveCredentials()) {
            throw new IllegalStateException("The app is configured by environment variables; "
                    + "remove GITHUB_APP_ID and the key to register a new app through the set-up page");
        }
        dataDirectory.prepare();
        Path file = credentialsFile();
        ObjectNode node = json.createObjectNode();
        node.put("app_id", app.appId());
        node.put("slug", app.slug());
        node.put("client_id", app.clientId());
        node.put("html_url", app.htmlUrl());
        node.put("pem", app.privateKeyPem());
        node.put("webhook_secret", app.webhookSecret());
        try {
            writeOwnerOnly(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the app's credentials in " + file + ": " + e.getMessage(), e);
        }
        AppCredentials credentials = new AppCredentials(app.appId(), app.privateKeyPem(), app.webhookSecret(), file.toString());
        current.set(credentials);
        LOG.info("Registered GitHub App {} (id {}); credentials stored in {}", app.slug(), app.appId(), file);
        return credentials;
    }

    public Path credentialsFile() {
        return settings.dataDir().resolve(FILE_NAME);
    }

    private boolean settingsGiveCredentials() {
        return !settings.appId().isEmpty() || !settings.clientId().isEmpty()
                || !settings.privateKey().isBlank() || !settings.privateKeyPath().isEmpty();
    }

    private Optional<AppCredentials> loadAtStartup() {
        if (settingsGiveCredentials()) {
            return Optional.of(fromSettings());
        }
        Path file = credentialsFile();
        if (Files.isRegularFile(file)) {
            return Optional.of(fromFile(file));
        }
        return Optional.empty();
    }

    private AppCredentials fromSettings() {
        String id = !settings.appId().isEmpty() ? settings.appId() : settings.clientId();
        if (id.isEmpty()) {
            throw new IllegalStateException("A GitHub App private key is configured but no app id: "
                    + "set GITHUB_APP_ID (or GITHUB_CLIENT_ID)");
        }
        String pem = privateKeyFromSettings();
        if (settings.webhookSecret().isEmpty() && !settings.insecureDev()) {
            throw new IllegalStateException("GITHUB_APP_ID and a private key are set but GITHUB_WEBHOOK_SECRET is not: "
                    + "refusing to start, since anyone could then send forged webhooks. Set GITHUB_WEBHOOK_SECRET "
                    + "to the app's webhook secret (or MIGRATION_REVIEW_INSECURE_DEV=true for local development only)");
        }
        return new AppCredentials(id, pem, settings.webhookSecret(), "environment");
    }

    private String privateKeyFromSettings() {
        String pem;
        String where;
        if (!settings.privateKey().isBlank()) {
            // Many deployment tools cannot hold a multi-line value and pass "\n" literally.
            pem = settings.privateKey().replace("\\n", "\n").trim();
            where = "GITHUB_PRIVATE_KEY";
        } else if (!settings.privateKeyPath().isEmpty()) {
            Path path = Path.of(settings.privateKeyPath());
            try {
                pem = Files.readString(path, StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new IllegalStateException("GITHUB_PRIVATE_KEY_PATH: cannot read " + path.toAbsolutePath()
                        + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
            where = "GITHUB_PRIVATE_KEY_PATH (" + path + ")";
        } else {
            throw new IllegalStateException("GITHUB_APP_ID is set but no private key: set GITHUB_PRIVATE_KEY_PATH "
                    + "to the .pem file GitHub gave you, or GITHUB_PRIVATE_KEY to its content");
        }
        if (!pem.startsWith("-----BEGIN") || !pem.contains("PRIVATE KEY-----")) {
            throw new IllegalStateException(where + " is not a PEM private key (expected '-----BEGIN RSA PRIVATE KEY-----' "
                    + "or '-----BEGIN PRIVATE KEY-----')");
        }
        return pem;
    }

    private AppCredentials fromFile(Path file) {
        try {
            JsonNode node = json.readTree(file.toFile());
            String id = node.path("app_id").asText("");
            String pem = node.path("pem").asText("");
            String secret = node.path("webhook_secret").asText("");
            if (id.isEmpty() || pem.isEmpty() || secret.isEmpty()) {
                throw new IllegalStateException(file + " lacks app_id, pem or webhook_secret; delete it and "
                        + "register the app again through the set-up page");
            }
            return new AppCredentials(id, pem, secret, file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the app's credentials from " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            // Created with owner-only permissions, so the key is never readable by others, not even briefly.
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another registration is being written to " + temp, e);
        }
        Files.write(temp, content);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
