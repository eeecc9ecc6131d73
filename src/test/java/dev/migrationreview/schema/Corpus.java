package dev.migrationreview.schema;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Histories read from the shared corpus of real migrations ({@link SharedCorpus}). */
final class Corpus {
    private Corpus() {}

    static Optional<Path> root() {
        return SharedCorpus.present();
    }

    static String missingMessage() {
        return SharedCorpus.missingMessage();
    }

    /** A whole file as one applied section. */
    static MigrationScript script(Path root, Path file, MigrationTool tool) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int lines = (int) content.chars().filter(c -> c == '\n').count() + 1;
            return new MigrationScript(root.relativize(file).toString().replace('\\', '/'), tool, null, content,
                    List.of(new MigrationScript.Section(1, lines, true)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A project's {@code db/structure.sql} dump as a one-script history. */
    static MigrationScript structureSql(Path root, String project) {
        return script(root, root.resolve(project).resolve("db/structure.sql"), MigrationTool.PLAIN);
    }

    /** lemmy's diesel history: {@code migrations/<date>_<name>/up.sql} in directory order. */
    static List<MigrationScript> lemmyHistory(Path root) {
        Path migrations = root.resolve("lemmy/migrations");
        try (Stream<Path> dirs = Files.list(migrations)) {
            return dirs.filter(Files::isDirectory).sorted().map(d -> d.resolve("up.sql")).filter(Files::isRegularFile)
                    .map(f -> script(root, f, MigrationTool.DIESEL)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
