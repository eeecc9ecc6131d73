package dev.migrationreview.config;

import dev.migrationreview.fetch.RepositoryFiles;
import java.io.IOException;

/**
 * Reads {@code .github/migration-review.yml} (or {@code .migration-review.yml}); a repository without
 * one gets {@link ReviewConfig#defaults()}. Problems are {@link ConfigException}s naming key and line.
 */
public interface ConfigLoader {
    ReviewConfig load(RepositoryFiles files) throws IOException;

    /** Parses one config file's text; {@code path} is used in error messages. */
    ReviewConfig parse(String path, String yaml);
}
