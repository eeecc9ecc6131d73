package dev.migrationreview.format.django;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small Django project written in a test, read through the real finder and format. */
final class DjangoProject {
    private final Map<String, String> files = new LinkedHashMap<>();
    private ReviewConfig config = ReviewConfig.defaults();

    DjangoProject migration(String app, String name, String content) {
        files.put("shop/" + app + "/migrations/" + name + ".py", content);
        files.putIfAbsent("shop/" + app + "/migrations/__init__.py", "");
        return this;
    }

    /** Any other file of the project (its settings). */
    DjangoProject file(String path, String content) {
        files.put(path, content);
        return this;
    }

    DjangoProject config(ReviewConfig c) {
        this.config = c;
        return this;
    }

    Map<String, String> files() {
        files.putIfAbsent("shop/manage.py", "import sys\n");
        return files;
    }

    List<MigrationScript> scripts() {
        try {
            return new LayoutMigrationFinder().find(new InMemoryRepositoryFiles(files()), config).stream()
                    .filter(s -> s.tool().equals(DjangoFormat.DJANGO)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MigrationScript script(String app, String name) {
        return scripts().stream().filter(s -> s.path().equals("shop/" + app + "/migrations/" + name + ".py")).findFirst()
                .orElseThrow(() -> new AssertionError("no script " + app + "/" + name + " in " + scripts().stream().map(MigrationScript::path).toList()));
    }

    /** Every statement of a script, in order. */
    static List<String> sql(MigrationScript script) {
        List<String> out = new ArrayList<>();
        for (Operation op : script.operations()) {
            out.addAll(op.sql());
        }
        return out;
    }

    /** The statements of the operation whose span starts on {@code line}. */
    static List<String> sqlAt(MigrationScript script, int line) {
        List<String> out = new ArrayList<>();
        for (Operation op : script.operations()) {
            if (op.span().startLine() == line) {
                out.addAll(op.sql());
            }
        }
        return out;
    }
}
