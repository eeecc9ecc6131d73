package dev.migrationreview.cli;

import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParseCache;
import dev.migrationreview.sql.ParsedStatement;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command line's parse cache: one file per parsed migration under
 * {@code $XDG_CACHE_HOME/migration-review/parse} (else {@code ~/.cache/...}), in a directory per engine
 * build, named by the SHA-256 of the migration's text. Content-addressed, so an entry is never updated,
 * only written: a writer renames a complete temporary file into place, so concurrent runs see an entry
 * whole or not at all. An entry that cannot be read (truncated, from another build, tampered with) is a
 * miss; only this project's IR and the JDK's collections are accepted from it.
 */
final class DiskParseCache implements ParseCache {
    /** Well above the largest parsed history file seen (a 15,000-line pg_dump serialises to about 3 MB). */
    private static final long MAX_ENTRY_BYTES = 64L << 20;

    private static final Set<String> PACKAGES = Set.of("dev.migrationreview.sql.", Entry.class.getName());

    private final Path directory;

    DiskParseCache(Path root, String engineVersion) {
        this.directory = root.resolve(sha256(engineVersion).substring(0, 16));
    }

    /** The user's cache directory for this engine build; empty when there is no home to put it in. */
    static Optional<Path> userCacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "migration-review", "parse"));
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || home.equals("?")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(home, ".cache", "migration-review", "parse"));
    }

    Path directory() {
        return directory;
    }

    private record Entry(String dialect, String textSha256, List<ParsedStatement> statements) implements Serializable {}

    @Override
    public Optional<List<ParsedStatement>> load(Dialect dialect, String textSha256) {
        return CacheFiles.read(file(dialect, textSha256), MAX_ENTRY_BYTES, PACKAGES)
                .filter(o -> o instanceof Entry e && e.dialect().equals(dialect.configName())
                        && e.textSha256().equals(textSha256) && e.statements() != null)
                .map(o -> List.copyOf(((Entry) o).statements()));
    }

    @Override
    public void store(Dialect dialect, String textSha256, List<ParsedStatement> statements) {
        CacheFiles.write(file(dialect, textSha256), new Entry(dialect.configName(), textSha256, List.copyOf(statements)));
    }

    private Path file(Dialect dialect, String textSha256) {
        if (!textSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + textSha256);
        }
        return directory.resolve(dialect.configName()).resolve(textSha256.substring(0, 2)).resolve(textSha256 + ".ser");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
