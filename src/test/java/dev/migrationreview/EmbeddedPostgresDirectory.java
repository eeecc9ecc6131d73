package dev.migrationreview;

import java.io.File;
import java.nio.file.Path;

/**
 * Where embedded PostgreSQL servers unpack their binaries: one directory per user. The library's default,
 * {@code /tmp/embedded-pg}, belongs to whoever ran first, and another user's run (CI's mrci, a developer's
 * unprivileged user) then cannot start a server at all.
 */
public final class EmbeddedPostgresDirectory {
    private EmbeddedPostgresDirectory() {}

    public static File forThisUser() {
        return Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg-" + System.getProperty("user.name")).toFile();
    }
}
