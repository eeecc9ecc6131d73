package dev.migrationreview.cli;

import dev.migrationreview.schema.ReplayCache;
import dev.migrationreview.schema.SchemaCodec;
import dev.migrationreview.schema.SchemaReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The command line's cache of replayed histories: one file per history under
 * {@code $XDG_CACHE_HOME/migration-review/schema} (else {@code ~/.cache/...}), in a directory per engine build,
 * named by {@link dev.migrationreview.schema.HistoryReplay#historyKey}, written by {@link SchemaCodec}. Reviewing the next change against the
 * same base reads one file instead of parsing and replaying every migration (docs/performance.md). Every new
 * history (each merged migration makes one) is a new entry, so only the most recently used
 * {@link #KEEP} entries of a build are kept.
 */
final class DiskReplayCache implements ReplayCache {
    /** A few branches of a few repositories; an entry of an 800-file history is a few hundred kilobytes. */
    static final int KEEP = 32;
    /** Far above the schema of the largest corpus history. */
    private static final long MAX_ENTRY_BYTES = 256L << 20;
    /** Entries are {@link SchemaCodec} bytes; the {@code .ser} entries of older builds (Java serialization) are never read. */
    private static final String SUFFIX = ".schema";

    private static final int SECRET_BYTES = 16;

    private final Path root;
    private final Path directory;
    private byte[] secret;

    DiskReplayCache(Path root, String engineVersion) {
        this.root = root;
        this.directory = root.resolve(directoryName(engineVersion));
    }

    /**
     * The build as a directory name ({@code build-0.1.0-SNAPSHOT_2026-12-06T14.04.08Z-1a2b3c4d}): readable, and named
     * without a digest, whose provider set-up was 2% of a warm review. Characters a file name may not hold become
     * {@code _} or {@code .}; a long name keeps its start.
     */
    static String directoryName(String engineVersion) {
        StringBuilder name = new StringBuilder(engineVersion.length());
        for (int i = 0; i < engineVersion.length(); i++) {
            char c = engineVersion.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '+';
            name.append(safe ? c : c == ':' || c == '.' ? '.' : '_');
        }
        // the hash keeps two builds apart that the replaced characters alone would not
        return "build-" + name.substring(0, Math.min(name.length(), 80)) + "-" + Integer.toHexString(engineVersion.hashCode());
    }

    /** Made once per cache directory (every build's entries are keyed by it) and kept beside the builds' directories. */
    @Override
    public synchronized byte[] secret() {
        if (secret == null) {
            secret = readOrMakeSecret();
        }
        return secret.clone();
    }

    private byte[] readOrMakeSecret() {
        Path file = root.resolve("secret.key");
        Optional<byte[]> existing = CacheFiles.readBytes(file, SECRET_BYTES).filter(b -> b.length == SECRET_BYTES);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] made = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(made);
        CacheFiles.writeBytes(file, made);
        // another run may have made its own at the same moment: whichever file won is what every later run uses
        return CacheFiles.readBytes(file, SECRET_BYTES).filter(b -> b.length == SECRET_BYTES).orElse(made);
    }

    /** The user's cache directory for replayed histories; empty when there is no home to put it in. */
    static Optional<Path> userCacheRoot() {
        return DiskParseCache.userCacheRoot().map(parse -> parse.resolveSibling("schema"));
    }

    @Override
    public Optional<SchemaReplay.Result> load(String historyKey) {
        Path file = file(historyKey);
        Optional<SchemaReplay.Result> found = CacheFiles.readBytes(file, MAX_ENTRY_BYTES)
                .flatMap(bytes -> SchemaCodec.read(bytes, historyKey));
        if (found.isPresent()) {
            try {
                // recently used, so that pruning keeps it
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } catch (IOException ignored) {
                // a read-only cache still serves
            }
        }
        return found;
    }

    @Override
    public void store(String historyKey, SchemaReplay.Result result) {
        CacheFiles.writeBytes(file(historyKey), SchemaCodec.write(historyKey, result));
        prune();
    }

    /** Least recently used first, beyond {@link #KEEP}; what another run is writing is left to it. */
    private void prune() {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> byAge = entries.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(DiskReplayCache::modified).reversed())
                    .toList();
            for (Path old : byAge.subList(Math.min(KEEP, byAge.size()), byAge.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | RuntimeException e) {
            // the next store prunes again
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private Path file(String historyKey) {
        if (!historyKey.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a history key (32 hexadecimal digits): " + historyKey);
        }
        return directory.resolve(historyKey + SUFFIX);
    }
}
