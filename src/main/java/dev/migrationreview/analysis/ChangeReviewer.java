package dev.migrationreview.analysis;

import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.report.Report;
import java.io.IOException;
import java.util.List;

/**
 * The review of one change, as the GitHub App and {@code migration-review review} run it: config and
 * history from the base commit (a pull request cannot silence its own check), the changed migration
 * files from the head, in the tool's order.
 */
public interface ChangeReviewer {
    /**
     * @param changedPaths paths added or modified between base and head (any files; non-migrations are ignored)
     */
    Report review(RepositoryFiles base, RepositoryFiles head, List<String> changedPaths) throws IOException;
}
