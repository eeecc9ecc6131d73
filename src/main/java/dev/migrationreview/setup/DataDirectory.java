package dev.migrationreview.setup;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * DATA_DIR holds the app's private key and webhook secret (github-app.json) and the embedded store
 * with cached repository contents, so it is the server user's alone: the directory 0700, every file
 * in it 0600. A directory or file others can read is tightened at start; one this user cannot
 * tighten stops the server with what to do. H2 creates its files with the process umask, so they
 * are tightened again once the store is open (the 0700 directory already keeps others out). Only the
 * server's own files are touched, and a directory others can read is tightened only when it holds
 * nothing else: pointed at a shared directory by mistake, the server refuses instead of locking
 * everyone else out of it.
 */
@Singleton
public class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    public DataDirectory(ServerSettings settings) {
        this(settings.dataDir());
    }

    DataDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** Creates DATA_DIR owner-only, or checks and tightens it and everything in it. */
    public Path prepare() {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("DATA_DIR " + dir + " is not a directory");
            }
            if (!posix()) {
                return dir;
            }
            Set<PosixFilePermission> actual = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (isGroupOrOtherAccessible(actual)) {
                List<String> others = foreignEntries();
                if (!others.isEmpty()) {
                    throw new IllegalStateException("DATA_DIR " + dir + " is " + PosixFilePermissions.toString(actual)
                            + " and holds more than the server's files (" + String.join(", ", others.subList(0,
                            Math.min(5, others.size()))) + (others.size() > 5 ? ", ..." : "") + "). It will hold the app's "
                            + "credentials and cached repository contents: give the server a directory of its own (DATA_DIR), "
                            + "or chmod 700 " + dir + " yourself");
                }
            }
            tighten(dir, DIRECTORY);
            tightenFiles();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("DATA_DIR " + dir + " cannot be prepared: " + e.getMessage(), e);
        }
    }

    /** Checks and tightens DATA_DIR when it exists; creates nothing (the server may use PostgreSQL and env credentials). */
    public void checkIfPresent() {
        if (Files.isDirectory(dir)) {
            prepare();
        }
    }

    /** Sets the server's own files in DATA_DIR to 0600 (the store's files after H2 created them). */
    public void tightenFiles() {
        if (!posix() || !Files.isDirectory(dir)) {
            return;
        }
        for (Path path : entries()) {
            if (!isServerFile(path) || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                tighten(path, FILE);
            } catch (IOException e) {
                throw new UncheckedIOException(path + " cannot be made owner-only: " + e.getMessage(), e);
            }
        }
    }

    /** github-app.json (and its temporary copy) and the embedded store's files, migration-review.*. */
    private static boolean isServerFile(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(AppCredentialsStore.FILE_NAME) || name.startsWith("migration-review.");
    }

    private List<String> foreignEntries() {
        List<String> names = new ArrayList<>();
        for (Path path : entries()) {
            if (!isServerFile(path)) {
                names.add(path.getFileName().toString());
            }
        }
        return names;
    }

    private List<Path> entries() {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("DATA_DIR " + dir + " cannot be listed: " + e.getMessage(), e);
        }
    }

    private void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> actual = view.readAttributes().permissions();
        if (actual.equals(wanted)) {
            return;
        }
        try {
            view.setPermissions(wanted);
        } catch (IOException | SecurityException e) {
            String owner = view.getOwner().getName();
            throw new IllegalStateException(path + " is " + PosixFilePermissions.toString(actual) + ", owned by " + owner
                    + ", and this server (running as " + System.getProperty("user.name") + ") cannot make it owner-only ("
                    + PosixFilePermissions.toString(wanted) + "). It holds the app's credentials and cached repository "
                    + "contents: run the server as " + owner + ", or chmod " + (wanted.equals(DIRECTORY) ? "700" : "600")
                    + " it as its owner, or set DATA_DIR to a directory of this user", e);
        }
        if (isGroupOrOtherAccessible(actual)) {
            LOG.warn("{} was {}: made it {} (DATA_DIR holds the app's credentials and cached repository contents)",
                    path, PosixFilePermissions.toString(actual), PosixFilePermissions.toString(wanted));
        }
    }

    private static boolean isGroupOrOtherAccessible(Set<PosixFilePermission> permissions) {
        return permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
    }

    private boolean posix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
