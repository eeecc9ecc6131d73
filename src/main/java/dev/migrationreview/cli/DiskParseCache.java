package dev.migrationreview.cli;

import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParseCache;
import dev.migrationreview.sql.ParsedStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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
        Path file = file(dialect, textSha256);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(DiskParseCache::accept);
            if (objects.readObject() instanceof Entry e && e.dialect().equals(dialect.configName())
                    && e.textSha256().equals(textSha256) && e.statements() != null) {
                return Optional.of(List.copyOf(e.statements()));
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // a partial, foreign or outdated entry: parse again, and the store below replaces it
        }
        return Optional.empty();
    }

    @Override
    public void store(Dialect dialect, String textSha256, List<ParsedStatement> statements) {
        Path file = file(dialect, textSha256);
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), textSha256.substring(0, 8), ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary); ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(new Entry(dialect.configName(), textSha256, List.copyOf(statements)));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException | RuntimeException e) {
            // read-only home, full disk, an IR type that cannot be written: the review goes on uncached
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // left for the next run's writer to overwrite; it is never read
                }
            }
        }
    }

    private Path file(Dialect dialect, String textSha256) {
        if (!textSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + textSha256);
        }
        return directory.resolve(dialect.configName()).resolve(textSha256.substring(0, 2)).resolve(textSha256 + ".ser");
    }

    private static ObjectInputFilter.Status accept(ObjectInputFilter.FilterInfo info) {
        if (info.streamBytes() > MAX_ENTRY_BYTES || info.depth() > 20) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive()) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        String name = type.getName();
        boolean ours = name.startsWith("dev.migrationreview.sql.") || name.equals(Entry.class.getName());
        boolean jdk = name.startsWith("java.lang.") || name.startsWith("java.util.ImmutableCollections")
                || name.equals("java.util.CollSer") || name.equals("java.util.ArrayList")
                || name.equals("java.util.Collections$UnmodifiableRandomAccessList")
                || name.equals("java.util.Collections$UnmodifiableList")
                || name.equals("java.util.Collections$UnmodifiableCollection")
                || name.equals("java.util.Collections$EmptyList");
        return ours || jdk ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
