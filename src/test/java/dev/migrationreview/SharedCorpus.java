package dev.migrationreview;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the shared corpus of real migrations is: {@code ../shared/corpus} from the project root, or the
 * directory named by {@code -Dmigration-review.corpus=DIR} (a checkout elsewhere, such as a git worktree).
 * It is test input only and never copied into the repository; tests that need it skip when it is absent.
 */
public final class SharedCorpus {
    public static final String PROPERTY = "migration-review.corpus";

    private SharedCorpus() {}

    public static Path root() {
        String override = System.getProperty(PROPERTY);
        Path p = override != null && !override.isBlank() ? Path.of(override) : Path.of("..", "shared", "corpus");
        return p.toAbsolutePath().normalize();
    }

    /** The corpus root when it is there. */
    public static Optional<Path> present() {
        Path root = root();
        return Files.isDirectory(root) ? Optional.of(root) : Optional.empty();
    }

    public static String missingMessage() {
        return "the shared corpus is not at " + root() + " (set -D" + PROPERTY + "=DIR to point at it); corpus tests skipped";
    }
}
