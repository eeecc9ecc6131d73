package dev.migrationreview.schema;

import java.util.Optional;

/**
 * Replayed histories that outlive the process (the command line's, on disk), so that reviewing a change
 * against a history already replayed on this machine replays nothing: one read instead of parsing and
 * applying every file. Keyed by {@link HistoryReplay#historyKey}, a keyed hash of the dialect and every
 * script's path and applied content; an implementation keys by the engine's build too, because the same
 * files replayed by another engine may give another schema. Misses and failures are silent: a cache never
 * changes a result, it only saves the replay.
 */
public interface ReplayCache {
    /**
     * 16 random bytes of this cache, made when it was, that key its {@link HistoryReplay#historyKey history keys}: no one
     * who cannot read the cache can craft a history that shares another's key.
     */
    byte[] secret();

    Optional<SchemaReplay.Result> load(String historyKey);

    void store(String historyKey, SchemaReplay.Result result);
}
