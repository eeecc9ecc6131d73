package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Django migration of the real projects in ../shared/corpus read and translated without a crash: each
 * operation either has its SQL or says why not. Prints the counts for docs/parser-coverage.md. The corpus is test
 * input only; without it this test is skipped.
 */
class DjangoCorpusTest {

    @ParameterizedTest
    @ValueSource(strings = {"django-saleor", "django-netbox", "django-taiga", "django-healthchecks"})
    void everyMigrationIsReadAndEveryOperationTranslatedOrSaidWhyNot(String name) throws IOException {
        Path dir = SharedCorpus.root().resolve(name);
        assumeTrue(Files.isDirectory(dir), "corpus " + dir.toAbsolutePath().normalize() + " is absent: skipping ("
                + SharedCorpus.missingMessage() + ")");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("migrations")
                    && p.toString().endsWith(".py") && !p.getFileName().toString().startsWith("__")).sorted().toList();
        }
        MigrationReader reader = new MigrationReader();
        long start = System.nanoTime();
        int problems = 0;
        for (Path f : files) {
            DjangoMigration m = reader.read(dir.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
            if (m.problem() != null) {
                problems++;
                System.out.println(name + ": " + m.path() + ": " + m.problem());
            }
        }
        long read = System.nanoTime();
        List<MigrationScript> scripts = new LayoutMigrationFinder().find(new DirectoryRepositoryFiles(dir), ReviewConfig.defaults())
                .stream().filter(s -> s.tool().equals(DjangoFormat.DJANGO)).toList();
        long found = System.nanoTime();
        System.out.printf("%s: reading %d files took %d ms; finding, reading, ordering and translating them %d ms%n", name,
                files.size(), (read - start) / 1_000_000, (found - read) / 1_000_000);
        int translated = 0;
        int statements = 0;
        int notAnalysed = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (MigrationScript s : scripts) {
            for (Operation op : s.operations()) {
                if (op.sql().isEmpty()) {
                    notAnalysed++;
                    String reason = op.untranslated() == null ? "?" : System.getProperty("django.reasons") != null ? op.untranslated() : op.untranslated().replaceAll("`[^`]*`", "`…`");
                    reasons.merge(reason.length() > 110 ? reason.substring(0, 110) : reason, 1, Integer::sum);
                    assertTrue(op.untranslated() != null && !op.untranslated().isBlank(), s.path() + ":" + op.span().startLine());
                    assertTrue(!op.untranslated().contains("could not be translated ("), s.path() + ":" + op.span().startLine()
                            + " crashed the translation: " + op.untranslated());
                } else {
                    translated++;
                    statements += op.sql().size();
                }
            }
        }
        System.out.printf("%s: %d migration files read (%d unreadable), %d applied in order; operations: %d translated"
                + " (%d statements), %d not analysed%n", name, files.size(), problems, scripts.size(), translated, statements, notAnalysed);
        reasons.forEach((r, n) -> System.out.printf("  %5d  %s%n", n, r));
        assertEquals(0, problems, name + ": every migration file is read");
        assertTrue(scripts.size() > 0.8 * files.size(), name + ": migrations applied " + scripts.size() + " of " + files.size());
        assertNull(null);
    }
}
