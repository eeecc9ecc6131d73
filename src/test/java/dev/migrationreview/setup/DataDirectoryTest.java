package dev.migrationreview.setup;

import dev.migrationreview.webhook.WebhookFixtures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DATA_DIR holds the app's key, its webhook secret and cached repository contents: the server user's alone. */
class DataDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void aNewDataDirectoryIsCreatedOwnerOnly() throws IOException {
        Path dir = parent.resolve("data");
        new DataDirectory(dir).prepare();
        assertEquals("rwx------", permissions(dir));
    }

    @Test
    void aWorldReadableDirectoryAndItsFilesAreTightenedAtStart() throws IOException {
        Path dir = Files.createDirectories(parent.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path key = Files.writeString(dir.resolve(AppCredentialsStore.FILE_NAME), "{}");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        new DataDirectory(dir).prepare();

        assertEquals("rwx------", permissions(dir));
        assertEquals("rw-------", permissions(key));
    }

    @Test
    void aSharedDirectoryIsRefusedRatherThanLockedUp() throws IOException {
        Path shared = Files.createDirectories(parent.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(shared.resolve("someone-elses.txt"), "x");

        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new DataDirectory(shared).prepare());

        assertTrue(refused.getMessage().contains("someone-elses.txt") && refused.getMessage().contains("a directory of its own"),
                refused.getMessage());
        assertEquals("rwxr-xr-x", permissions(shared), "left as it was");
    }

    @Test
    void theServersEmbeddedStoreFilesAreOwnerOnly() throws IOException {
        Path dir = Files.createDirectories(parent.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "migration-review.data-dir", dir.toString(),
                "migration-review.github.app-id", "29310",
                "migration-review.github.private-key", WebhookFixtures.privateKeyPem(),
                "migration-review.github.webhook-secret", "s",
                "migration-review.test.reviewer", "recording")).getApplicationContext()) {
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.toList();
            }
            assertFalse(files.stream().noneMatch(f -> f.getFileName().toString().endsWith(".mv.db")), files.toString());
            assertEquals("rwx------", permissions(dir));
            for (Path file : files) {
                assertEquals("rw-------", permissions(file), file.toString());
            }
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
