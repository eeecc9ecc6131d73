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

    /** The variable {@code .ci/run} sets to a directory of the run's own, so a run killed mid-unpacking leaves nothing behind for the next. */
    public static final String VARIABLE = "MIGRATION_REVIEW_EMBEDDED_PG_DIR";

    public static File forThisUser() {
        String own = System.getenv(VARIABLE);
        if (own != null && !own.isBlank()) {
            return Path.of(own).toFile();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg-" + System.getProperty("user.name")).toFile();
    }
}
