package dev.migrationreview.format.liquibase;

import dev.migrationreview.fetch.RepositoryFiles;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Finds a repository's master changelogs the way its build would: Spring Boot's
 * {@code spring.liquibase.change-log} ({@code application.properties}/{@code .yml}), the Liquibase CLI's
 * {@code changeLogFile} ({@code liquibase.properties}), Spring Boot's default
 * {@code db/changelog/db.changelog-master.yaml} and its XML/YML/JSON/SQL siblings; or, when none is named,
 * a file called {@code *changelog-master.*}, {@code master-changelog.*}, {@code changelog.*} or
 * {@code liquibase/master.*}.
 */
final class MasterChangelogs {
    private static final Pattern CONVENTIONAL = Pattern.compile("(?:^|.*/)db/changelog/db\\.changelog-master\\.(?:xml|ya?ml|json|sql)");
    /** Common names when no setting names one; {@code liquibase/master.xml} is JHipster's (set in its Java config). */
    private static final Pattern LOOSE = Pattern.compile(
            "(?:^|.*/)(?:[\\w.-]*changelog[-_.]?master|master[-_.]?changelog|changelog|liquibase/master)\\.(?:xml|ya?ml|json)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_SOURCE = Set.of("node_modules", "vendor", "target", "build", ".git", "test", "tests");

    private MasterChangelogs() {}

    /** The master changelogs, named ones first; each a repository path that exists. */
    static List<String> find(RepositoryFiles files, List<String> paths) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String path : paths) {
            if (isSource(path)) {
                String name = fileName(path);
                if (name.equals("liquibase.properties")) {
                    named(files, paths, path, properties(files, path).map(p -> firstOf(p, "changeLogFile", "changelog-file",
                            "liquibase.command.changelogFile"))).ifPresent(out::add);
                } else if (name.matches("application(-[\\w]+)?\\.properties")) {
                    named(files, paths, path, properties(files, path).map(p -> firstOf(p, "spring.liquibase.change-log",
                            "spring.liquibase.changeLog"))).ifPresent(out::add);
                } else if (name.matches("application(-[\\w]+)?\\.ya?ml")) {
                    named(files, paths, path, springYaml(files, path)).ifPresent(out::add);
                }
            }
        }
        for (String path : paths) {
            if (isSource(path) && CONVENTIONAL.matcher(path).matches()) {
                out.add(path);
            }
        }
        if (out.isEmpty()) {
            for (String path : paths) {
                if (isSource(path) && LOOSE.matcher(path).matches()) {
                    out.add(path);
                }
            }
        }
        return List.copyOf(out);
    }

    /** A changelog path a setting names, looked up as its build would: on the module's classpath, beside the setting, at the root. */
    private static Optional<String> named(RepositoryFiles files, List<String> paths, String settingFile, Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank() || value.get().contains("${")) {
            return Optional.empty();
        }
        String ref = RepositoryResourceAccessor.normalize(value.get().strip());
        List<String> candidates = new ArrayList<>();
        String dir = parent(settingFile);
        int resources = settingFile.indexOf("src/main/resources/");
        if (resources >= 0) {
            candidates.add(settingFile.substring(0, resources) + "src/main/resources/" + ref);
        }
        candidates.add(dir.isEmpty() ? ref : dir + "/" + ref);
        candidates.add(ref);
        for (String c : candidates) {
            String n = RepositoryResourceAccessor.normalize(c);
            if (paths.contains(n)) {
                return Optional.of(n);
            }
        }
        // a classpath path may live in any module's resources
        for (String p : paths) {
            if (p.endsWith("/src/main/resources/" + ref) || p.equals("src/main/resources/" + ref)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<Properties> properties(RepositoryFiles files, String path) throws IOException {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private static String firstOf(Properties p, String... keys) {
        for (String k : keys) {
            String v = p.getProperty(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** {@code spring.liquibase.change-log} in an application.yml, nested or dotted, in any of its documents. */
    private static Optional<String> springYaml(RepositoryFiles files, String path) throws IOException {
        Optional<String> text = files.read(path);
        if (text.isEmpty() || !text.get().contains("liquibase")) {
            return Optional.empty();
        }
        try {
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(text.get())) {
                Object v = lookup(doc, List.of("spring", "liquibase", "change-log"));
                if (v == null) {
                    v = lookup(doc, List.of("spring", "liquibase", "changeLog"));
                }
                if (v instanceof String s) {
                    return Optional.of(s);
                }
            }
        } catch (RuntimeException e) {
            // an application.yml we cannot read names no changelog; convention still applies
        }
        return Optional.empty();
    }

    private static Object lookup(Object node, List<String> keys) {
        Object current = node;
        for (int i = 0; i < keys.size(); i++) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            // Spring also accepts the rest of the key dotted at any level
            String dotted = String.join(".", keys.subList(i, keys.size()));
            if (map.containsKey(dotted)) {
                return map.get(dotted);
            }
            current = map.get(keys.get(i));
        }
        return current;
    }

    private static boolean isSource(String path) {
        for (String segment : path.split("/")) {
            if (NOT_SOURCE.contains(segment.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return !path.contains("/src/test/") && !path.startsWith("src/test/");
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
