package dev.migrationreview.config;

import dev.migrationreview.fetch.RepositoryFiles;
import java.io.IOException;

/**
 * Reads {@code .github/migration-review.yml} (or {@code .migration-review.yml}); a repository without
 * one gets {@link ReviewConfig#defaults()}. Problems are {@link ConfigException}s naming key and line.
 */
public interface ConfigLoader {
    ReviewConfig load(RepositoryFiles files) throws IOException;

    /**
     * Whether the repository's config names its {@code dialect} itself. When it does not, the dialect is detected from
     * what the repository says (a Prisma provider, a Rails adapter...); config always wins.
     */
    default boolean namesDialect(RepositoryFiles files) throws IOException {
        return false;
    }

    /**
     * Parses one config file's text; {@code path} is used in error messages. A {@code table-stats:} file is read
     * relative to the working directory.
     */
    ReviewConfig parse(String path, String yaml);

    /** The same, reading a {@code table-stats:} file from {@code tableStatsFrom} (the commit the config comes from). */
    default ReviewConfig parse(String path, String yaml, RepositoryFiles tableStatsFrom) {
        return parse(path, yaml);
    }
}
