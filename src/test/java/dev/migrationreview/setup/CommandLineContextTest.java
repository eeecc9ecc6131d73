package dev.migrationreview.setup;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command-line reviewer runs in an application context too; the server's parts must stay asleep there. */
class CommandLineContextTest {

    @TempDir
    Path dataDir;

    @Test
    void aCommandLineContextOpensNoStoreAndIgnoresServerSettings() throws IOException {
        try (ApplicationContext context = ApplicationContext.builder(Environment.CLI)
                .properties(Map.of(
                        "migration-review.data-dir", dataDir.toString(),
                        // Would make the server refuse to start; the CLI must not care.
                        "migration-review.github.app-id", "29310",
                        "migration-review.github.private-key", "not a key"))
                .start()) {
            assertEquals("29310", context.getBean(ServerSettings.class).appId());
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertEquals(0, files.count(), "nothing created in DATA_DIR");
        }
    }
}
