package dev.migrationreview.postgres.sql;

import dev.migrationreview.SharedCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PostgreSQL migrations of ../shared/corpus as each project's tool applies them: up files and up
 * sections only, PostgreSQL variants only (corpus/SOURCES.md says which files those are). The Go-templated
 * supabase-auth set is left out: its files are not SQL until rendered.
 */
record PostgresCorpus(String name, List<Path> files, boolean upSectionsOnly) {

    private static final Pattern KRATOS = Pattern.compile("^(\\d+)_([^.]+)(\\.[a-z0-9]+)?(\\.autocommit)?\\.up\\.sql$");

    static Path root() {
        return SharedCorpus.root();
    }

    static List<PostgresCorpus> all(Path root) {
        List<PostgresCorpus> out = new ArrayList<>();
        out.add(of(root, "lemmy", p -> p.endsWith("up.sql"), false));
        out.add(kratos(root));
        out.add(of(root, "dhis2", p -> true, false));
        out.add(of(root, "concourse", p -> p.endsWith(".up.sql"), false));
        out.add(of(root, "hatchet", p -> true, true));
        out.add(of(root, "documenso", p -> p.endsWith("migration.sql"), false));
        out.add(of(root, "marquez", p -> true, false));
        out.add(of(root, "harbor", p -> p.endsWith(".up.sql"), false));
        out.add(of(root, "supabase-postgres", p -> true, true));
        out.add(of(root, "authelia", p -> p.contains("/postgres/") && p.endsWith(".up.sql"), false));
        out.add(of(root, "apache-ranger", p -> p.contains("/postgres/"), false));
        out.add(of(root, "temporal", p -> p.contains("/postgresql/"), false));
        out.add(of(root, "dolphinscheduler", p -> p.contains("postgresql"), false));
        out.add(of(root, "lago-api", p -> true, false));
        out.add(of(root, "danbooru", p -> true, false));
        out.add(of(root, "openstreetmap", p -> true, false));
        return out;
    }

    private static PostgresCorpus of(Path root, String name, Predicate<String> include, boolean upSections) {
        return new PostgresCorpus(name, sqlFiles(root.resolve(name)).stream()
                .filter(p -> include.test(root.resolve(name).relativize(p).toString().replace('\\', '/')))
                .toList(), upSections);
    }

    /** popx: a postgres-specific file replaces the dialect-less one of the same version. */
    private static PostgresCorpus kratos(Path root) {
        List<Path> all = sqlFiles(root.resolve("ory-kratos"));
        Set<String> postgresVersions = new HashSet<>();
        for (Path p : all) {
            Matcher m = KRATOS.matcher(p.getFileName().toString());
            if (m.matches() && ".postgres".equals(m.group(3))) {
                postgresVersions.add(m.group(1));
            }
        }
        List<Path> chosen = new ArrayList<>();
        for (Path p : all) {
            Matcher m = KRATOS.matcher(p.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            boolean postgres = ".postgres".equals(m.group(3));
            boolean agnostic = m.group(3) == null && !postgresVersions.contains(m.group(1));
            if (postgres || agnostic) {
                chosen.add(p);
            }
        }
        return new PostgresCorpus("ory-kratos", chosen, false);
    }

    private static List<Path> sqlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".sql") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text with goose/dbmate down sections blanked (line numbers kept), as the tool would apply it. */
    String applied(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!upSectionsOnly) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean down = false;
        for (String line : text.split("\n", -1)) {
            String t = line.trim().toLowerCase();
            if (t.startsWith("-- +goose down") || t.startsWith("-- migrate:down")) {
                down = true;
            } else if (t.startsWith("-- +goose up") || t.startsWith("-- migrate:up")) {
                down = false;
            }
            out.append(down ? "" : line).append('\n');
        }
        return out.toString();
    }
}
