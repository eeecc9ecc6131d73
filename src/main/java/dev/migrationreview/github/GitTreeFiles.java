package dev.migrationreview.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.fetch.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A repository at one commit, read through GitHub's git trees and blobs: one recursive tree call for the
 * file list, then one blob call per file the review actually reads, unless the blob's SHA is already in
 * the {@link BlobCache}. GitHub cuts recursive trees off for very large repositories ({@code truncated});
 * then the folders migrations live in are listed one by one through the contents API.
 *
 * <p>{@link RepositoryFiles} speaks {@link IOException}; a GitHub "try again later" travels inside one as
 * {@link RetryableRead} so the reviewer can turn it back into a {@link GitHubRetryException}.
 */
public final class GitTreeFiles implements RepositoryFiles {
    private final GitHubRestClient github;
    private final long installationId;
    private final String repoPath;
    private final String commitSha;
    private final BlobCache cache;
    private final List<String> fallbackFolders;
    private Map<String, String> blobShaByPath;
    private boolean truncated;

    /** A GitHub call that should be retried, wrapped to pass through {@link RepositoryFiles}' signature. */
    public static final class RetryableRead extends IOException {
        public RetryableRead(GitHubRetryException cause) {
            super(cause.getMessage(), cause);
        }

        public GitHubRetryException retry() {
            return (GitHubRetryException) getCause();
        }
    }

    /**
     * @param fallbackFolders folders listed through the contents API when the tree is truncated (the
     *                        migration locations and the config folder)
     */
    public GitTreeFiles(GitHubRestClient github, long installationId, String owner, String repo, String commitSha,
            BlobCache cache, List<String> fallbackFolders) {
        this.github = github;
        this.installationId = installationId;
        this.repoPath = "/repos/" + GitHubRestClient.segment(owner) + "/" + GitHubRestClient.segment(repo);
        this.commitSha = commitSha;
        this.cache = cache;
        this.fallbackFolders = List.copyOf(fallbackFolders);
    }

    @Override
    public synchronized List<String> paths() throws IOException {
        return new ArrayList<>(tree().keySet());
    }

    @Override
    public Optional<String> read(String path) throws IOException {
        String sha = tree().get(path);
        if (sha == null) {
            return Optional.empty();
        }
        Optional<String> cached = cache.get(sha);
        if (cached.isPresent()) {
            return cached;
        }
        try {
            JsonNode blob = github.get(installationId, repoPath + "/git/blobs/" + sha);
            String content = decode(blob, path);
            cache.put(sha, content);
            return Optional.of(content);
        } catch (GitHubRetryException e) {
            throw new RetryableRead(e);
        }
    }

    /** Whether GitHub truncated the recursive tree, so the file list came from the fallback folders. */
    public synchronized boolean truncated() throws IOException {
        tree();
        return truncated;
    }

    private synchronized Map<String, String> tree() throws IOException {
        if (blobShaByPath != null) {
            return blobShaByPath;
        }
        Map<String, String> files = new LinkedHashMap<>();
        try {
            JsonNode tree = github.get(installationId, repoPath + "/git/trees/" + commitSha + "?recursive=1");
            for (JsonNode entry : tree.path("tree")) {
                if ("blob".equals(entry.path("type").asText())) {
                    files.put(entry.path("path").asText(), entry.path("sha").asText());
                }
            }
            truncated = tree.path("truncated").asBoolean(false);
            if (truncated) {
                for (String folder : fallbackFolders) {
                    listFolder(folder, files);
                }
            }
        } catch (GitHubRetryException e) {
            throw new RetryableRead(e);
        }
        blobShaByPath = files;
        return files;
    }

    private void listFolder(String folder, Map<String, String> files) throws GitHubRetryException {
        Deque<String> pending = new ArrayDeque<>(List.of(folder));
        while (!pending.isEmpty()) {
            String dir = pending.pop();
            JsonNode listing;
            try {
                listing = github.get(installationId, repoPath + "/contents/" + GitHubRestClient.filePath(dir) + "?ref=" + commitSha);
            } catch (GitHubApiException e) {
                if (e.status() == 404) {
                    continue; // this repository does not use that folder
                }
                throw e;
            }
            if (!listing.isArray()) {
                continue; // a file, not a folder
            }
            for (JsonNode entry : listing) {
                String type = entry.path("type").asText();
                if ("file".equals(type)) {
                    files.putIfAbsent(entry.path("path").asText(), entry.path("sha").asText());
                } else if ("dir".equals(type)) {
                    pending.push(entry.path("path").asText());
                }
            }
        }
    }

    private static String decode(JsonNode blob, String path) throws IOException {
        String encoding = blob.path("encoding").asText("base64");
        String content = blob.path("content").asText("");
        if ("utf-8".equalsIgnoreCase(encoding)) {
            return content;
        }
        if (!"base64".equalsIgnoreCase(encoding)) {
            throw new IOException(path + ": GitHub returned the blob in an unknown encoding '" + encoding + "'");
        }
        return new String(Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8);
    }
}
