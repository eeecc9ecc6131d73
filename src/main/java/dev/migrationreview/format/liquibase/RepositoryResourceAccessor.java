package dev.migrationreview.format.liquibase;

import dev.migrationreview.fetch.RepositoryFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import liquibase.resource.AbstractResource;
import liquibase.resource.OpenOptions;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Liquibase's view of a repository at one commit: changelog paths are looked up under each search root in
 * turn (the classpath root the master changelog lives in, such as {@code src/main/resources}, then the
 * repository root), as Liquibase looks them up on the application's classpath. Nothing is written: every
 * resource is read-only, so Liquibase can create no file.
 */
final class RepositoryResourceAccessor implements ResourceAccessor {
    private final RepositoryFiles files;
    private final List<String> roots;
    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();
    private List<String> allPaths;

    /** @param roots repository directories (no trailing slash; "" is the repository root), searched in order */
    RepositoryResourceAccessor(RepositoryFiles files, List<String> roots) {
        this.files = files;
        List<String> r = new ArrayList<>(new LinkedHashSet<>(roots));
        if (!r.contains("")) {
            r.add("");
        }
        this.roots = List.copyOf(r);
    }

    /** The repository path a Liquibase path stands for, when the file exists. */
    Optional<String> repositoryPath(String liquibasePath) throws IOException {
        String p = normalize(liquibasePath);
        for (String root : roots) {
            String candidate = root.isEmpty() ? p : root + "/" + p;
            if (read(candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The path Liquibase would use for a repository file: relative to the first search root holding it. */
    String liquibasePath(String repositoryPath) {
        for (String root : roots) {
            if (!root.isEmpty() && repositoryPath.startsWith(root + "/")) {
                return repositoryPath.substring(root.length() + 1);
            }
        }
        return repositoryPath;
    }

    Optional<String> read(String repositoryPath) throws IOException {
        Optional<String> hit = cache.get(repositoryPath);
        if (hit == null) {
            hit = files.read(repositoryPath);
            cache.put(repositoryPath, hit);
        }
        return hit;
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        String dir = normalize(path);
        if (!dir.isEmpty() && !dir.endsWith("/")) {
            dir = dir + "/";
        }
        List<Resource> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String root : roots) {
            String prefix = root.isEmpty() ? dir : root + "/" + dir;
            for (String repoPath : allPaths()) {
                if (!repoPath.startsWith(prefix)) {
                    continue;
                }
                String rest = repoPath.substring(prefix.length());
                if (!recursive && rest.contains("/")) {
                    continue;
                }
                String logical = dir + rest;
                if (seen.add(logical)) {
                    out.add(new RepositoryResource(logical, repoPath));
                }
            }
            if (!out.isEmpty()) {
                // the first root that has the directory wins, as on a classpath with one copy of it
                break;
            }
        }
        return out;
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        String logical = normalize(path);
        Optional<String> repoPath = repositoryPath(logical);
        return repoPath.<List<Resource>>map(p -> List.of(new RepositoryResource(logical, p))).orElse(null);
    }

    @Override
    public List<String> describeLocations() {
        return roots.stream().map(r -> r.isEmpty() ? "the repository root" : r).toList();
    }

    @Override
    public void close() {
    }

    private List<String> allPaths() throws IOException {
        if (allPaths == null) {
            allPaths = files.paths();
        }
        return allPaths;
    }

    /** Liquibase paths may carry {@code classpath:}, a leading slash, {@code ./} and {@code ..} segments. */
    static String normalize(String path) {
        String p = path.replace('\\', '/').replaceFirst("^classpath\\*?:", "").replaceFirst("^file:", "");
        List<String> parts = new ArrayList<>();
        for (String segment : p.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(segment);
        }
        String joined = String.join("/", parts);
        return p.endsWith("/") && !joined.isEmpty() ? joined + "/" : joined;
    }

    /** One repository file as a Liquibase resource; read-only. */
    private final class RepositoryResource extends AbstractResource {
        private final String repositoryPath;

        RepositoryResource(String logicalPath, String repositoryPath) {
            super(logicalPath, URI.create("repository:/" + repositoryPath.replace(" ", "%20")));
            this.repositoryPath = repositoryPath;
        }

        @Override
        public boolean exists() {
            try {
                return read(repositoryPath).isPresent();
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public InputStream openInputStream() throws IOException {
            String text = read(repositoryPath).orElseThrow(() -> new IOException(repositoryPath + " does not exist"));
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Resource resolve(String other) {
            return lookup(resolvePath(other));
        }

        @Override
        public Resource resolveSibling(String other) {
            return lookup(resolveSiblingPath(other));
        }

        @Override
        public boolean isWritable() {
            return false;
        }

        @Override
        public OutputStream openOutputStream(OpenOptions options) throws IOException {
            throw new IOException("migration-review reads changelogs only; " + getPath() + " is not writable");
        }

        private Resource lookup(String logical) {
            String normal = normalize(logical);
            try {
                Optional<String> repoPath = repositoryPath(normal);
                return new RepositoryResource(normal, repoPath.orElse(normal));
            } catch (IOException e) {
                return new RepositoryResource(normal, normal);
            }
        }
    }
}
