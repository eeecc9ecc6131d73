package dev.migrationreview.migrations;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A repository's files at one commit, wherever they come from (a local checkout, git objects,
 * GitHub's trees and blobs API). Paths are repository-relative with {@code /}.
 */
public interface RepositoryFiles {
    /** Every file path at this commit. */
    List<String> paths() throws IOException;

    /** The file's content as UTF-8 text, or empty when there is no such file. */
    Optional<String> read(String path) throws IOException;

    /**
     * What went wrong with entries of this commit so far, one sentence each naming the path: files read that
     * were not UTF-8, entries that cannot be read as files (a submodule, a name with a line break). The review
     * keeps going without them; these sentences go into its notes.
     */
    default List<Problem> problems() {
        return List.of();
    }

    /**
     * One entry that could not be read as it is, and why.
     *
     * @param notAFile true when the entry was left out of {@link #paths()} (a submodule, an unusable name);
     *                 false when it was read, imperfectly (not UTF-8)
     */
    record Problem(String path, String message, boolean notAFile) {}
}
