package dev.migrationreview.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * One real PostgreSQL server of a given major version, started from the binaries jar that the build
 * copied to {@code target/postgres-binaries/postgres-<major>.jar} (only one binaries jar can be on the
 * classpath, so each version is read from its own copy).
 */
final class RealPostgres implements AutoCloseable {
    static final Path BINARIES = Path.of("target", "postgres-binaries");

    final int version;
    private final EmbeddedPostgres server;

    private RealPostgres(int version, EmbeddedPostgres server) {
        this.version = version;
        this.server = server;
    }

    static RealPostgres start(int version) throws IOException {
        Path jar = BINARIES.resolve("postgres-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build through Maven (generate-test-resources copies the "
                    + "PostgreSQL binaries there)");
        }
        byte[] archive = readArchive(jar);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setPgBinaryResolver((system, machine) -> new ByteArrayInputStream(archive))
                // One extraction directory per user: the shared default in /tmp belongs to whoever ran first,
                // and CI (mrci) and developers' unprivileged users must not trip over each other's.
                .setOverrideWorkingDirectory(Path.of(System.getProperty("java.io.tmpdir"),
                        "embedded-pg-" + System.getProperty("user.name")).toFile())
                .setServerConfig("TimeZone", "UTC")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("autovacuum", "off")
                .setRegisterShutdownHook(false)
                .start();
        return new RealPostgres(version, server);
    }

    private static byte[] readArchive(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry("postgres-linux-x86_64.txz");
            if (entry == null) {
                throw new IllegalStateException(jar + " has no postgres-linux-x86_64.txz");
            }
            try (InputStream in = file.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    Connection connect() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
