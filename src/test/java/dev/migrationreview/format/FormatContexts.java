package dev.migrationreview.format;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.postgres.sql.PostgresStatementSplitter;
import java.util.Map;

/** Format contexts for tests of formats in their own packages (the constructor is this package's). */
public final class FormatContexts {
    private FormatContexts() {}

    /** PostgreSQL with the default config and no repository files. */
    public static FormatContext postgres() {
        return new FormatContext(new InMemoryRepositoryFiles(Map.of()), ReviewConfig.defaults(), new PostgresStatementSplitter());
    }
}
