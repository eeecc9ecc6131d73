package dev.migrationreview.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds real git repositories for tests, with a fixed identity so commits work on any machine. */
final class TestGit {
    private final Path dir;

    TestGit(Path dir) {
        this.dir = dir;
    }

    void init() throws IOException, InterruptedException {
        git("init", "-q", "-b", "main");
    }

    void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent() == null ? dir : file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    String commit(String message) throws IOException, InterruptedException {
        git("add", "-A");
        git("-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
