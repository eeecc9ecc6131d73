package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.inject.BeanDefinitionReference;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micronaut's services as the packaged jar lists them, which must be what Micronaut's own scan finds. */
class JarServicesTest {

    /** A service implementation, for the services file of the jar below. */
    public static final class Task implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void listsMicronautEntriesAndServicesFilesLikeMicronautsScan(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "META-INF/", "");
            entry(out, "META-INF/micronaut/", "");
            entry(out, "META-INF/micronaut/" + BeanDefinitionReference.class.getName() + "/", "");
            entry(out, "META-INF/micronaut/" + BeanDefinitionReference.class.getName() + "/com.example.$First$Definition$Reference", "");
            entry(out, "META-INF/micronaut/" + BeanDefinitionReference.class.getName() + "/com.example.$Second$Definition$Reference", "");
            entry(out, "META-INF/services/java.lang.Runnable",
                    "# a comment\n " + Task.class.getName() + " # trailing comment\n\ncom.example.NotInThisJar\n");
            entry(out, "META-INF/services/nested/not.a.Service", "com.example.Ignored\n");
        }
        JarServices services = JarServices.read(jar, JarServicesTest.class.getClassLoader());

        Set<String> references = services.implementations(BeanDefinitionReference.class.getName());
        assertEquals(List.of("com.example.$First$Definition$Reference", "com.example.$Second$Definition$Reference"),
                List.copyOf(references));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals(references, MicronautMetaServiceLoaderUtils.findMicronautMetaServiceEntries(loader,
                    BeanDefinitionReference.class.getName()), "Micronaut's scan of the same jar");
        }
        assertEquals(List.of(Task.class.getName(), "com.example.NotInThisJar"),
                List.copyOf(services.implementations("java.lang.Runnable")));
        assertTrue(services.implementations("not.a.Service").isEmpty());
        assertTrue(services.implementations("nested/not.a.Service").isEmpty());
    }

    @Test
    void answersEveryServiceSoThatNoneFallsBackToTheScan(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "META-INF/services/java.lang.Runnable", Task.class.getName() + "\ncom.example.NotInThisJar\n");
        }
        var loaders = JarServices.read(jar, JarServicesTest.class.getClassLoader()).optimizations().getServiceLoaders();

        // as Micronaut's scan does, a class that is not there is skipped
        List<?> runnables = loaders.get("java.lang.Runnable").load(r -> true);
        assertEquals(1, runnables.size());
        assertInstanceOf(Task.class, runnables.get(0));
        SoftServiceLoader.StaticServiceLoader<?> undeclared = loaders.get("com.example.Undeclared");
        assertEquals(List.of(), undeclared.load(r -> true));
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    @Test
    void theBuildsIndexOfJarsAndClassDirectoriesListsWhatTheyDeclare(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("library.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "META-INF/micronaut/" + BeanDefinitionReference.class.getName() + "/com.example.$Library$Definition$Reference", "");
            entry(out, "META-INF/services/java.lang.Runnable", "com.example.LibraryTask\n");
        }
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/micronaut/" + BeanDefinitionReference.class.getName()));
        Files.createFile(classes.resolve("META-INF/micronaut/" + BeanDefinitionReference.class.getName() + "/com.example.$Own$Definition$Reference"));
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(classes.resolve("META-INF/services/java.lang.Runnable"), Task.class.getName() + "\n");
        Path index = dir.resolve("index/services.txt");

        JarServices.writeIndex(List.of(classes, jar, dir.resolve("missing.jar")), index);
        JarServices services = JarServices.readIndex(index, JarServicesTest.class.getClassLoader());

        assertEquals(Set.of("com.example.$Library$Definition$Reference", "com.example.$Own$Definition$Reference"),
                services.implementations(BeanDefinitionReference.class.getName()));
        assertEquals(Set.of(Task.class.getName(), "com.example.LibraryTask"), services.implementations("java.lang.Runnable"));
        assertEquals(Set.of(Task.class.getName()), services.only(name -> !name.startsWith("com.example.")).implementations("java.lang.Runnable"));
    }
}
