package dev.migrationreview.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A checkout on disk (the CLI's working tree, a test's temporary directory). {@code .git} is not part of
 * the repository's files; symbolic links are not followed out of the root.
 */
public final class DirectoryRepositoryFiles implements RepositoryFiles {
    private final Path root;
    private final List<Problem> problems = new ArrayList<>();

    public DirectoryRepositoryFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("not a directory: " + root);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public List<String> paths() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(".git") && !p.startsWith(".git/"))
                    .filter(this::isInsideRoot)
                    .sorted()
                    .toList();
        }
    }

    private boolean isInsideRoot(String relative) {
        try {
            return root.resolve(relative).toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false; // a dangling link is no file
        }
    }

    @Override
    public Optional<String> read(String path) throws IOException {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file) || !file.toRealPath().startsWith(root.toRealPath())) {
            return Optional.empty();
        }
        // a stray non-UTF-8 byte in a comment must not make a whole migration unreadable: read on, say so
        Utf8Source source = Utf8Source.decode(path, Files.readAllBytes(file));
        source.problem().ifPresent(p -> {
            synchronized (problems) {
                if (problems.stream().noneMatch(q -> q.path().equals(path))) {
                    problems.add(new Problem(path, p, false));
                }
            }
        });
        return Optional.of(source.text());
    }

    @Override
    public List<Problem> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    @Override
    public String toString() {
        return "directory " + root;
    }
}
