package dev.migrationreview.cli;

import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.core.io.service.SoftServiceLoader.StaticDefinition;
import io.micronaut.core.io.service.SoftServiceLoader.StaticServiceLoader;
import io.micronaut.core.optim.StaticOptimizations;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The services the packaged jar declares to Micronaut: {@code META-INF/micronaut/<service>/<implementation>} entries
 * and {@code META-INF/services/<service>} files, read from the index the build writes into the jar ({@link #main}),
 * or, in a jar without one, listed from the jar's central directory.
 *
 * <p>Without them Micronaut finds its services by opening the 44 MB jar as a zip file system and walking it, about a
 * third of the CPU time of a small {@code analyze} (docs/performance.md). Given to Micronaut as its static service
 * lists ({@link #install()}, what micronaut-aot generates at build time), the engine context starts without that walk.
 * Only for the packaged jar, which is then the whole class path beside the JDK: run from classes (tests, development)
 * there is none, and Micronaut's own scan finds what the class path holds.
 */
public final class JarServices {
    private static final String MICRONAUT = "META-INF/micronaut/";
    private static final String SERVICES = "META-INF/services/";
    /** Where the build writes the index of the jar's services: a line "service implementation" each. */
    static final String INDEX = "META-INF/migration-review/micronaut-services.txt";

    private final ClassLoader loader;
    /** Service name to its implementations' class names, in the jar's order. */
    private final Map<String, Set<String>> implementations;
    /** Which implementations Micronaut is given; the others are as good as absent. */
    private final Predicate<String> wanted;

    private JarServices(ClassLoader loader, Map<String, Set<String>> implementations, Predicate<String> wanted) {
        this.loader = loader;
        this.implementations = implementations;
        this.wanted = wanted;
    }

    /** The same services without the implementations {@code wanted} refuses. */
    JarServices only(Predicate<String> wanted) {
        return new JarServices(loader, implementations, this.wanted.and(wanted));
    }

    /**
     * The services of the jar this class was loaded from, from the index the build wrote into it (or, without one, from
     * the jar's list of entries); empty when it was loaded from a directory of classes.
     */
    static Optional<JarServices> ofRunningJar() {
        CodeSource source = JarServices.class.getProtectionDomain().getCodeSource();
        if (source == null || !source.getLocation().getPath().endsWith(".jar")) {
            return Optional.empty();
        }
        ClassLoader loader = JarServices.class.getClassLoader();
        try (InputStream index = loader.getResourceAsStream(INDEX)) {
            if (index != null) {
                return Optional.of(new JarServices(loader, readIndex(index), name -> true));
            }
            return Optional.of(read(Path.of(source.getLocation().toURI()), loader));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // an unreadable jar would fail to start anyway; Micronaut's own scan then says what is wrong
            return Optional.empty();
        }
    }

    /** The services a jar declares, whose classes {@code loader} loads. */
    static JarServices read(Path file, ClassLoader loader) throws IOException {
        return new JarServices(loader, declaredIn(file), name -> true);
    }

    /**
     * Writes the index of the services the class path declares to the file {@code args[0]}: run at build time over the
     * classes and libraries the jar is made of (pom.xml), so that the packaged command line reads ~500 lines instead of
     * listing the jar's 29,000 entries (~30 ms of every command).
     */
    public static void main(String[] args) throws IOException {
        List<Path> classPath = new ArrayList<>();
        for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(element));
        }
        writeIndex(classPath, Path.of(args[0]));
    }

    /** Writes the index of what the jars and directories of classes declare. */
    static void writeIndex(List<Path> classPath, Path index) throws IOException {
        Map<String, Set<String>> all = new TreeMap<>();
        for (Path element : classPath) {
            if (Files.isDirectory(element) || element.toString().endsWith(".jar") && Files.isRegularFile(element)) {
                declaredIn(element).forEach((service, names) -> all.computeIfAbsent(service, s -> new TreeSet<>()).addAll(names));
            }
        }
        StringBuilder text = new StringBuilder();
        all.forEach((service, names) -> names.forEach(name -> text.append(service).append(' ').append(name).append('\n')));
        Files.createDirectories(index.toAbsolutePath().getParent());
        Files.writeString(index, text, StandardCharsets.UTF_8);
    }

    /** The services an index lists, whose classes {@code loader} loads. */
    static JarServices readIndex(Path index, ClassLoader loader) throws IOException {
        try (InputStream in = Files.newInputStream(index)) {
            return new JarServices(loader, readIndex(in), name -> true);
        }
    }

    /** What a jar or a directory of classes declares: its Micronaut service entries and its services files. */
    private static Map<String, Set<String>> declaredIn(Path classes) throws IOException {
        Map<String, Set<String>> found = new HashMap<>();
        if (Files.isDirectory(classes)) {
            if (!Files.isDirectory(classes.resolve("META-INF"))) {
                return found;
            }
            try (Stream<Path> files = Files.walk(classes.resolve("META-INF"))) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        declare(found, classes.relativize(file).toString().replace(File.separatorChar, '/'), in);
                    }
                }
            }
            return found;
        }
        try (JarFile jar = new JarFile(classes.toFile(), false)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith("META-INF/") && !name.endsWith("/")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        declare(found, name, in);
                    }
                }
            }
        }
        return found;
    }

    /** Records what one file under META-INF declares, if it is a service entry or a services file. */
    private static void declare(Map<String, Set<String>> found, String name, InputStream content) throws IOException {
        if (name.startsWith(MICRONAUT)) {
            int slash = name.indexOf('/', MICRONAUT.length());
            if (slash > 0 && name.indexOf('/', slash + 1) < 0) {
                found.computeIfAbsent(name.substring(MICRONAUT.length(), slash), s -> new LinkedHashSet<>())
                        .add(name.substring(slash + 1));
            }
        } else if (name.startsWith(SERVICES) && name.indexOf('/', SERVICES.length()) < 0) {
            found.computeIfAbsent(name.substring(SERVICES.length()), s -> new LinkedHashSet<>()).addAll(serviceFile(content));
        }
    }

    private static Map<String, Set<String>> readIndex(InputStream index) throws IOException {
        Map<String, Set<String>> found = new HashMap<>();
        // read whole and cut by hand: a reader decodes character by character in code not compiled yet, which was 3%
        // of a warm review for these 50 kB
        String text = new String(index.readAllBytes(), StandardCharsets.UTF_8);
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            int space = text.indexOf(' ', start);
            if (space > start && space < lineEnd) {
                found.computeIfAbsent(text.substring(start, space), s -> new LinkedHashSet<>()).add(text.substring(space + 1, lineEnd));
            }
            start = end + 1;
        }
        return found;
    }

    /** The class names the jar declares for a service, in the jar's order; empty when it declares none. */
    Set<String> implementations(String service) {
        return implementations(service, name -> true);
    }

    /**
     * The implementations of the service that {@code which} accepts, asked before the others: the engine's bean
     * definitions are ~95 of the jar's 467, and testing those first skips most of the work.
     */
    Set<String> implementations(String service, Predicate<String> which) {
        Set<String> all = implementations.getOrDefault(service, Set.of());
        Set<String> kept = new LinkedHashSet<>();
        for (String name : all) {
            if (which.test(name) && wanted.test(name)) {
                kept.add(name);
            }
        }
        return kept;
    }

    /**
     * Hands the lists to Micronaut. Must run before Micronaut's {@code SoftServiceLoader} is first used (it reads them
     * once); every service, even one the jar does not declare, is answered from the lists, so none falls back to the
     * scan.
     */
    void install() {
        StaticOptimizations.set(optimizations());
    }

    /** The lists in Micronaut's form. */
    SoftServiceLoader.Optimizations optimizations() {
        return new SoftServiceLoader.Optimizations(new EveryService());
    }

    private static List<String> serviceFile(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The implementations of one service that load here: as Micronaut's scan, a class that is missing or broken is skipped. */
    private <S> Stream<StaticDefinition<S>> definitions(String service, Predicate<String> condition) {
        List<StaticDefinition<S>> definitions = new ArrayList<>();
        for (String name : implementations(service)) {
            if (condition != null && !condition.test(name)) {
                continue;
            }
            Class<S> type;
            try {
                @SuppressWarnings("unchecked")
                Class<S> loaded = (Class<S>) Class.forName(name, false, loader);
                type = loaded;
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            definitions.add(StaticDefinition.of(name, type));
        }
        return definitions.stream();
    }

    /** A static service list for any service name Micronaut asks for. */
    private final class EveryService extends HashMap<String, StaticServiceLoader<?>> {
        private static final long serialVersionUID = 1L;

        @Override
        public StaticServiceLoader<?> get(Object service) {
            return service instanceof String name ? loader(name) : null;
        }

        @Override
        public boolean containsKey(Object service) {
            return service instanceof String;
        }

        private <S> StaticServiceLoader<S> loader(String service) {
            return condition -> definitions(service, condition);
        }
    }
}
