package dev.migrationreview.github;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blobs one review has read, kept in memory in front of the store's {@link BlobCache}. A review reads the
 * repository twice, at the base and at the head, and the two share almost every file: without this the base's
 * 800 files of a long history were 800 more reads of the store right after the head had fetched them (a quarter
 * of a second of the first review, docs/performance.md). Lives for one review, so its memory goes with it.
 */
final class ReviewBlobs implements BlobCache {
    private final BlobCache store;
    private final Map<String, String> read = new ConcurrentHashMap<>();

    ReviewBlobs(BlobCache store) {
        this.store = store;
    }

    @Override
    public Optional<String> get(String blobSha) {
        String known = read.get(blobSha);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> stored = store.get(blobSha);
        stored.ifPresent(content -> read.put(blobSha, content));
        return stored;
    }

    @Override
    public void put(String blobSha, String content) {
        read.put(blobSha, content);
        store.put(blobSha, content);
    }

    @Override
    public void putAll(Map<String, String> contentBySha) {
        read.putAll(contentBySha);
        store.putAll(contentBySha);
    }
}
