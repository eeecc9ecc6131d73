package dev.migrationreview.fetch;

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
     * The id of the file's bytes where they come from a content-addressed store (git's blob id), or empty: two
     * files with the same id hold the same bytes, so the id names a file's text without reading it.
     */
    default Optional<String> contentId(String path) throws IOException {
        return Optional.empty();
    }

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
    record Problem(String path, String message, boolean notAFile) {
        /** A gitlink: the commit of another repository, no file to read here. */
        public static Problem submodule(String path) {
            return new Problem(path, path + ": a git submodule (its files live in another repository), not reviewed.", true);
        }

        /** A name that line-based output (text reports, annotations) cannot point at. */
        public static Problem lineBreakInName(String path) {
            return new Problem(path, "\"" + path.replace("\n", "\\n").replace("\r", "\\r")
                    + "\": its name contains a line break, which reports cannot point at; not reviewed. Rename the file.", true);
        }

        public static boolean hasLineBreak(String path) {
            return path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0;
        }
    }
}
