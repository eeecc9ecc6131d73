package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import dev.migrationreview.sql.Dialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Django corpora through detection, the project's settings, the migration graph and the translation, as a review
 * reads them: every migration file found and either applied in the graph's order or replaced by a squash, the graph
 * without a cycle, a conflict or a missing dependency, every operation translated to SQL or reported as not analysed
 * with a reason, no exception text. The numbers are floors and ceilings (docs/parser-coverage.md, Django).
 */
class DjangoCorpusGraphTest {
    private static final Pattern EXCEPTION_TEXT = Pattern.compile("Exception|\\bat [a-z]+\\.[a-z]+\\.|\\w+\\.java:\\d+");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // corpus, backend its settings name, apps, migration files, operations translated (floor), not analysed (ceiling)
            "django-healthchecks, , 4, 187, 205, 26",
            "django-netbox, postgresql, 12, 265, 2379, 110",
            "django-saleor, postgresql, 26, 1417, 2690, 294",
            "django-taiga, postgresql, 28, 240, 614, 58",
    })
    void everyMigrationIsOrderedByTheGraphAndEveryOperationTranslatedOrReported(String corpus, String backend, int apps, int files,
            int translatedFloor, int notAnalysedCeiling) throws Exception {
        assumeTrue(SharedCorpus.present().isPresent(), SharedCorpus.missingMessage());
        Path root = SharedCorpus.root().resolve(corpus);
        DirectoryRepositoryFiles repository = new DirectoryRepositoryFiles(root);
        List<String> migrationFiles = repository.paths().stream().filter(DjangoFormat::isMigrationPath).toList();

        DjangoSetup setup = DjangoSetup.read(repository, migrationFiles);
        assertEquals(backend == null ? "" : backend, setup.backend().map(Dialect::configName).orElse(""), setup.engines().toString());
        MigrationReader reader = new MigrationReader();
        List<MigrationGraph.Header> headers = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (String path : migrationFiles) {
            DjangoMigration m = reader.read(path, repository.read(path).orElseThrow());
            String label = setup.appLabel(path);
            labels.add(label);
            List<MigrationGraph.Reference> deps = m.dependencies().stream().map(d -> d.swappableSetting() != null
                    ? MigrationGraph.Reference.swappable(d.swappableSetting(), d.line())
                    : new MigrationGraph.Reference(d.key().app(), d.key().name(), d.line())).toList();
            headers.add(new MigrationGraph.Header(new MigrationGraph.Key(label, m.key().name()), path, 1, deps,
                    m.runBefore().stream().map(k -> new MigrationGraph.Reference(k.app(), k.name(), 1)).toList(),
                    m.replaces().stream().map(k -> new MigrationGraph.Reference(k.app(), k.name(), 1)).toList(), false));
        }
        MigrationGraph graph = MigrationGraph.of(headers, setup.swappableApps());
        assertEquals(List.of(), graph.cycle(), corpus);
        assertEquals(List.of(), graph.conflicts(), corpus);
        assertEquals(List.of(), graph.problems(), corpus);
        assertEquals(apps, labels.size(), corpus + " apps " + labels);
        assertTrue(migrationFiles.size() >= files, migrationFiles.size() + " migration files");
        Set<MigrationGraph.Key> replacedOnDisk = new HashSet<>();
        for (MigrationGraph.Key k : graph.replaced()) {
            replacedOnDisk.add(k);
        }
        assertEquals(migrationFiles.size(), graph.plan().size() + replacedOnDisk.size(),
                "every file is applied or replaced by a squash");

        long started = System.nanoTime();
        ReviewConfig config = ReviewConfig.defaults();
        MigrationFinder.Found found = new LayoutMigrationFinder().findWithSkipped(repository, config);
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<MigrationScript> scripts = found.scripts().stream().filter(s -> s.tool().equals(DjangoFormat.DJANGO)).toList();
        assertEquals(graph.plan().stream().map(MigrationGraph.Header::path).toList(), scripts.stream().map(MigrationScript::path).toList(),
                "the format applies the migrations in the graph's order");
        assertEquals(1, found.byLocation().size(), "all apps are one history: " + found.byLocation().keySet());

        int translated = 0;
        int statements = 0;
        int notAnalysed = 0;
        Map<String, Integer> byReason = new TreeMap<>();
        for (MigrationScript s : scripts) {
            for (Operation op : s.operations()) {
                assertTrue(op.span().startLine() >= 1, s.path() + " " + op);
                if (op.sql().isEmpty()) {
                    notAnalysed++;
                    String reason = op.untranslated() == null ? "(no reason)" : op.untranslated();
                    assertTrue(!EXCEPTION_TEXT.matcher(reason).find(), s.path() + ": " + reason);
                    byReason.merge(op.written().replaceAll("\\(.*", ""), 1, Integer::sum);
                } else {
                    translated++;
                    statements += op.sql().size();
                }
            }
        }
        System.out.printf("%s: %d migration files in %d apps (%d replaced by squashes), %d operations translated to %d SQL statements,"
                + " %d not analysed %s; found, ordered and translated in %d ms%n", corpus, migrationFiles.size(), labels.size(),
                replacedOnDisk.size(), translated, statements, notAnalysed, byReason, millis);
        assertTrue(translated >= translatedFloor, translated + " operations translated");
        assertTrue(notAnalysed <= notAnalysedCeiling, notAnalysed + " operations not analysed: " + byReason);
    }
}
