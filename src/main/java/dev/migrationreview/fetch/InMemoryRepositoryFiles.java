package dev.migrationreview.fetch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A repository's files held in memory, by repository-relative path (files fetched from an API, a snapshot). */
public record InMemoryRepositoryFiles(Map<String, String> files) implements RepositoryFiles {
    public InMemoryRepositoryFiles {
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    @Override
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    @Override
    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }
}
