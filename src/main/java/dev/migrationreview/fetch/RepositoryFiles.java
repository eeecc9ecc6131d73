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
}
