package dev.migrationreview.github.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real git repository in a temporary folder, built and read with the git command line. */
public final class GitRepository implements AutoCloseable {
    private final Path dir;

    public GitRepository() {
        try {
            dir = Files.createTempDirectory("fake-github-repo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git("init", "-q", "-b", "main");
        git("config", "user.email", "dev@example.com");
        git("config", "user.name", "Dev");
        git("config", "commit.gpgsign", "false");
    }

    public Path dir() {
        return dir;
    }

    /** Writes (or, for a null content, deletes) files on the current branch and commits; returns the commit SHA. */
    public String commit(String message, Map<String, String> files) {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            try {
                if (f.getValue() == null) {
                    Files.deleteIfExists(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, f.getValue());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        git("add", "-A");
        git("commit", "-q", "--allow-empty", "-m", message);
        return head();
    }

    public void checkout(String branch, boolean create) {
        if (create) {
            git("checkout", "-q", "-b", branch);
        } else {
            git("checkout", "-q", branch);
        }
    }

    public String head() {
        return git("rev-parse", "HEAD").strip();
    }

    public String git(String... args) {
        return new String(gitBytes(args), StandardCharsets.UTF_8);
    }

    public byte[] gitBytes(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            }
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new GitFailure(String.join(" ", command) + " failed: " + err.strip());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** git answered with an error (an unknown object, a path not in a commit). */
    public static final class GitFailure extends RuntimeException {
        GitFailure(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
