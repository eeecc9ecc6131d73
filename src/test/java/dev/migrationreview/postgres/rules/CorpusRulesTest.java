package dev.migrationreview.postgres.rules;

import dev.migrationreview.SharedCorpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.report.Report;
import io.micronaut.context.BeanContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule survives real migrations: each file of a corpus is reviewed against the history before it,
 * and no rule may throw (the engine turns a throwing rule into a "Rule ... failed" note).
 */
class CorpusRulesTest {

    private static final Path CORPUS = SharedCorpus.root();

    @ParameterizedTest
    @ValueSource(strings = {"marquez", "harbor", "documenso"})
    void noRuleFailsOnTheCorpus(String corpus) throws Exception {
        Path root = CORPUS.resolve(corpus);
        Assumptions.assumeTrue(Files.isDirectory(root), "corpus not present at " + root.toAbsolutePath() + ": skipped");
        try (BeanContext context = BeanContext.run()) {
            ReviewEngine engine = context.getBean(ReviewEngine.class);
            List<MigrationScript> scripts = new LayoutMigrationFinder().find(new DirectoryRepositoryFiles(root), ReviewConfig.defaults());
            assertFalse(scripts.isEmpty(), "no migrations found in " + root);
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < scripts.size(); i++) {
                Report report = engine.review(ReviewConfig.defaults(), scripts.subList(0, i), List.of(scripts.get(i)), Optional.empty());
                report.notes().stream().filter(n -> n.startsWith("Rule ") && n.contains(" failed on ")).forEach(failures::add);
            }
            assertEquals(List.of(), failures);
        }
    }
}
