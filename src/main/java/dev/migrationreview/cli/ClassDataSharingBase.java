package dev.migrationreview.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Writes the class list of the static class-data-sharing archive that the build makes below the command line's
 * dynamic one (pom.xml): the Java runtime's own default list, and every class of picocli. picocli is compiled for Java 5
 * (class version 49), and Java 17 leaves such classes out of a dynamic archive, so without this base its ~150 classes
 * that every command line loads were read from the jar and verified on each run (docs/performance.md). Java 17's static
 * archive holds them; the dynamic archive made on top of it holds the rest, as before.
 *
 * <p>Usage: {@code java -cp migration-review.jar dev.migrationreview.cli.ClassDataSharingBase JAR LIST}.
 */
public final class ClassDataSharingBase {
    private ClassDataSharingBase() {
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path list = Path.of(args[1]);
        // a runtime without its default list (some jlink images) still gets picocli in the base, and the rest on top
        Path runtimeList = Path.of(System.getProperty("java.home"), "lib", "classlist");
        List<String> classes = new ArrayList<>(Files.isRegularFile(runtimeList) ? Files.readAllLines(runtimeList) : List.of());
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                String name = entry.getName();
                if (name.startsWith("picocli/") && name.endsWith(".class")) {
                    classes.add(name.substring(0, name.length() - ".class".length()));
                }
            }
        }
        Files.write(list, classes);
    }
}
