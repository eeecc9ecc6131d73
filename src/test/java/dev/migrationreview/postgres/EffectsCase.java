package dev.migrationreview.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One case of the real-server suite, read from {@code src/test/resources/pg-effects/<name>.sql}:
 * <pre>
 * -- versions: 12-18                 (optional; default: every version the suite runs)
 * -- blocker: public.t ROW EXCLUSIVE (optional; a third session holds this lock so that a statement
 *                                     that cannot run in a transaction can be watched while it waits)
 * -- history
 * CREATE TABLE t (...);
 * -- statement
 * ALTER TABLE t ...;
 * </pre>
 */
record EffectsCase(String name, int minVersion, int maxVersion, String blockerTable, String blockerMode, String history, String statement) {

    static final String DIRECTORY = "pg-effects";

    boolean appliesTo(int version) {
        return version >= minVersion && version <= maxVersion;
    }

    static List<EffectsCase> all() {
        URL url = EffectsCase.class.getClassLoader().getResource(DIRECTORY);
        if (url == null) {
            throw new IllegalStateException("no " + DIRECTORY + " directory on the test classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<EffectsCase> cases = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                cases.add(parse(p.getFileName().toString().replaceFirst("\\.sql$", ""), Files.readString(p, StandardCharsets.UTF_8)));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static EffectsCase parse(String name, String text) {
        int min = 11;
        int max = 18;
        String blockerTable = null;
        String blockerMode = null;
        StringBuilder history = new StringBuilder();
        StringBuilder statement = new StringBuilder();
        StringBuilder current = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            String t = line.strip();
            if (t.equals("-- history")) {
                current = history;
            } else if (t.equals("-- statement")) {
                current = statement;
            } else if (t.startsWith("-- versions:")) {
                String[] range = t.substring("-- versions:".length()).strip().split("-");
                min = Integer.parseInt(range[0].strip());
                max = range.length > 1 ? Integer.parseInt(range[1].strip()) : min;
            } else if (t.startsWith("-- blocker:")) {
                String[] parts = t.substring("-- blocker:".length()).strip().split("\\s+", 2);
                blockerTable = parts[0];
                blockerMode = parts[1];
            } else if (current != null) {
                current.append(line).append('\n');
            } else if (!t.isEmpty() && !t.startsWith("--")) {
                throw new IllegalArgumentException(name + ".sql:" + lineNo + ": SQL before '-- history' or '-- statement'");
            }
        }
        String stmt = statement.toString().strip();
        if (stmt.endsWith(";")) {
            stmt = stmt.substring(0, stmt.length() - 1);
        }
        if (stmt.isEmpty()) {
            throw new IllegalArgumentException(name + ".sql: no '-- statement' section");
        }
        return new EffectsCase(name, min, max, blockerTable, blockerMode, history.toString().strip(), stmt);
    }

    @Override
    public String toString() {
        return name;
    }
}
