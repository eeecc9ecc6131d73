package dev.migrationreview.github;

import java.util.Map;
import java.util.Optional;

/**
 * File contents by git blob SHA. A SHA names its content forever, so entries never go stale and a second
 * push to a pull request fetches only the blobs it changed (ETags would not help: GitHub ties them to the
 * token, which changes every hour).
 */
public interface BlobCache {
    Optional<String> get(String blobSha);

    void put(String blobSha, String content);

    /** Many blobs at once (a first review's history): one write instead of one per blob where the store allows. */
    default void putAll(Map<String, String> contentBySha) {
        contentBySha.forEach(this::put);
    }
}
