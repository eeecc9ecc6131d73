package dev.migrationreview.github;

import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.fetch.Utf8Source;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.kohsuke.github.GHBlob;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTree;
import org.kohsuke.github.GHTreeEntry;

/**
 * A repository at one commit, read through GitHub's git trees and blobs: one recursive tree call for the
 * file list, then one blob call per file the review actually reads, unless the blob's SHA is already in
 * the {@link BlobCache}. GitHub cuts recursive trees off for very large repositories ({@code truncated});
 * then the folders migrations live in are listed one by one through the contents API.
 *
 * <p>With a fetcher pool, a read that misses the cache fetches its read-ahead group in parallel (bounded by
 * the pool): the files of the same folder with the same extension, and the files of the same name in sibling
 * folders (Prisma's {@code <ts>_name/migration.sql}, Diesel's {@code <v>_name/up.sql}). That is what a
 * migration history is, and the engine reads such a history file after file; a first review of an 800-file
 * history costs one round of parallel calls instead of 800 calls in a row.
 *
 * <p>{@link RepositoryFiles} speaks {@link IOException}; a GitHub "try again later" travels inside one as
 * {@link RetryableRead} so the reviewer can turn it back into a {@link GitHubRetryException}.
 */
public final class GitTreeFiles implements RepositoryFiles {
    private final GitHubApi github;
    private final long installationId;
    private final GHRepository repository;
    private final String commitSha;
    private final BlobCache cache;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> fallbackFolders;
    private final ExecutorService fetcher;
    private final Map<String, String> fetched = new ConcurrentHashMap<>(); // path -> content, read ahead
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
    public GitTreeFiles(GitHubApi github, long installationId, GHRepository repository, String commitSha,
            BlobCache cache, List<String> fallbackFolders) {
        this(github, installationId, repository, commitSha, cache, fallbackFolders, null);
    }

    /** @param fetcher the pool read-ahead fetches run on (its size bounds the parallel calls); null reads one file at a time */
    public GitTreeFiles(GitHubApi github, long installationId, GHRepository repository, String commitSha,
            BlobCache cache, List<String> fallbackFolders, ExecutorService fetcher) {
        this.fetcher = fetcher;
        this.github = github;
        this.installationId = installationId;
        this.repository = repository;
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
        Map<String, String> shas = tree();
        String sha = shas.get(path);
        if (sha == null) {
            return Optional.empty();
        }
        String known = fetched.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        if (fetcher == null) {
            return Optional.of(fetch(path, sha));
        }
        fetchAll(readAheadGroup(path, shas.keySet()), shas);
        return Optional.of(fetched.get(path));
    }

    /** The cached content, or one blob call; either way into the cache. */
    private String fetch(String path, String sha) throws IOException {
        Optional<String> cached = cache.get(sha);
        if (cached.isPresent()) {
            notUtf8(path, cached.get());
            return cached.get();
        }
        String content = download(path, sha);
        cache.put(sha, content);
        return content;
    }

    private String download(String path, String sha) throws IOException {
        try {
            GHBlob blob = github.call(installationId, gh -> repository.getBlob(sha));
            Utf8Source source = decode(blob, path);
            source.problem().ifPresent(p -> problem(new Problem(path, p, false)));
            return source.text();
        } catch (GitHubRetryException e) {
            throw new RetryableRead(e);
        }
    }

    /** The group's files in parallel; what came from GitHub goes into the cache in one write at the end. */
    private void fetchAll(List<String> paths, Map<String, String> shas) throws IOException {
        Map<String, String> downloaded = new ConcurrentHashMap<>();
        List<Future<?>> pending = new ArrayList<>();
        for (String p : paths) {
            if (!fetched.containsKey(p)) {
                pending.add(fetcher.submit(() -> {
                    String sha = shas.get(p);
                    Optional<String> cached = cache.get(sha);
                    String content = cached.isPresent() ? cached.get() : download(p, sha);
                    if (cached.isPresent()) {
                        notUtf8(p, content);
                    } else {
                        downloaded.put(sha, content);
                    }
                    fetched.put(p, content);
                    return null;
                }));
            }
        }
        try {
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            pending.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new RetryableRead(new GitHubRetryException("interrupted while reading files from GitHub", null, e));
        } catch (ExecutionException e) {
            // the first failure decides (a "try again later" stays one); the rest is not worth waiting for
            pending.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } finally {
            // what did arrive is kept, also when another file failed: the retry will not fetch it again
            cache.putAll(downloaded);
        }
    }

    /** The file and what the engine will read next with it: same folder and extension, or same name one folder over. */
    static List<String> readAheadGroup(String path, java.util.Collection<String> all) {
        String dir = parent(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot <= 0 ? null : name.substring(dot);
        String grandparent = dir.isEmpty() ? null : parent(dir);
        List<String> group = new ArrayList<>();
        group.add(path);
        for (String other : all) {
            if (other.equals(path)) {
                continue;
            }
            String otherDir = parent(other);
            boolean sibling = extension != null && otherDir.equals(dir) && other.endsWith(extension);
            boolean cousin = grandparent != null && !otherDir.isEmpty() && parent(otherDir).equals(grandparent)
                    && other.endsWith("/" + name);
            if (sibling || cousin) {
                group.add(other);
            }
        }
        return group;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    @Override
    public synchronized List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** The blob cache holds text; a file that was not UTF-8 is recognised again by its replacement characters. */
    private void notUtf8(String path, String content) {
        if (content.indexOf('\uFFFD') >= 0) {
            Utf8Source.replacedBytes(path, content).ifPresent(p -> problem(new Problem(path, p, false)));
        }
    }

    private synchronized void problem(Problem problem) {
        if (problems.stream().noneMatch(p -> p.path().equals(problem.path()))) {
            problems.add(problem);
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
            GHTree tree = github.call(installationId, gh -> repository.getTreeRecursive(commitSha, 1));
            for (GHTreeEntry entry : tree.getTree()) {
                String path = entry.getPath();
                if ("commit".equals(entry.getType())) {
                    problem(Problem.submodule(path));
                } else if ("blob".equals(entry.getType()) && Problem.hasLineBreak(path)) {
                    problem(Problem.lineBreakInName(path));
                } else if ("blob".equals(entry.getType())) {
                    files.put(path, entry.getSha());
                }
            }
            truncated = tree.isTruncated();
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
            List<GHContent> listing;
            try {
                listing = github.call(installationId, gh -> repository.getDirectoryContent(dir, commitSha));
            } catch (GitHubApiException e) {
                if (e.status() == 404) {
                    continue; // this repository does not use that folder
                }
                throw e;
            }
            for (GHContent entry : listing) {
                String type = entry.getType();
                if ("file".equals(type)) {
                    files.putIfAbsent(entry.getPath(), entry.getSha());
                } else if ("dir".equals(type)) {
                    pending.push(entry.getPath());
                }
            }
        }
    }

    private static Utf8Source decode(GHBlob blob, String path) throws IOException {
        String encoding = blob.getEncoding() == null ? "base64" : blob.getEncoding();
        String content = blob.getContent() == null ? "" : blob.getContent();
        if ("utf-8".equalsIgnoreCase(encoding)) {
            return new Utf8Source(content, Optional.empty());
        }
        if (!"base64".equalsIgnoreCase(encoding)) {
            throw new IOException(path + ": GitHub returned the blob in an unknown encoding '" + encoding + "'");
        }
        return Utf8Source.decode(path, Base64.getMimeDecoder().decode(content));
    }
}
