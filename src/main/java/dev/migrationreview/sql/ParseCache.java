package dev.migrationreview.sql;

import java.util.List;
import java.util.Optional;

/**
 * A second-level cache of parsed files that outlives the process (the command line's on-disk cache), so a
 * repository's history is parsed once per machine. Keyed by the dialect and the SHA-256 of the file's text;
 * an implementation keys by the engine's version too. Misses and failures are silent: a cache never changes
 * a result, it only saves parsing.
 */
public interface ParseCache {
    Optional<List<ParsedStatement>> load(Dialect dialect, String textSha256);

    void store(Dialect dialect, String textSha256, List<ParsedStatement> statements);
}
