package dev.migrationreview.fetch;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A checkout on disk (the CLI's working tree, a test's temporary directory). {@code .git} is not part of
 * the repository's files; symbolic links are not followed out of the root.
 */
public final class DirectoryRepositoryFiles implements RepositoryFiles {
    private final Path root;

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
        byte[] bytes = Files.readAllBytes(file);
        // a stray non-UTF-8 byte in a comment must not make a whole migration unreadable
        return Optional.of(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString());
    }

    @Override
    public String toString() {
        return "directory " + root;
    }
}
