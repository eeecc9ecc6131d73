package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.analysis.FileReport;
import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.format.DialectEvidence;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each migration of a Rails corpus reviewed as the pull request that added it would be (against the history
 * before it, table sizes unknown), for the side-by-side with strong_migrations in docs/comparison.md: findings by
 * rule, and what the authors acknowledged with {@code safety_assured}. No migration may crash the review.
 */
class RailsCorpusReviewTest {
    @ParameterizedTest
    @ValueSource(strings = {"rails-rubygems", "rails-openstreetmap", "rails-maybe", "rails-lobsters", "rails-huginn"})
    void everyMigrationIsReviewedAsItsOwnPullRequest(String corpus) throws Exception {
        assumeTrue(SharedCorpus.present().isPresent(), SharedCorpus::missingMessage);
        Path root = SharedCorpus.root().resolve(corpus);
        assumeTrue(Files.isDirectory(root), corpus + " is not in the corpus");
        DirectoryRepositoryFiles files = new DirectoryRepositoryFiles(root);
        LayoutMigrationFinder finder = new LayoutMigrationFinder();
        ReviewConfig config = ReviewConfig.defaults();
        Optional<DialectEvidence> detected = finder.detectDialect(files, config);
        if (detected.isPresent()) {
            config = config.withDialect(detected.get().dialect());
        }
        List<MigrationScript> scripts = finder.find(files, config).stream().filter(s -> s.tool().configName().equals("rails")).toList();
        Map<String, Integer> findingFiles = new TreeMap<>();
        Map<String, Integer> acknowledged = new TreeMap<>();
        int withFindings = 0;
        try (EngineContext context = new EngineContext()) {
            ReviewEngine engine = context.beans().getBean(ReviewEngine.class);
            for (int i = 0; i < scripts.size(); i++) {
                Report report = engine.review(config, scripts.subList(0, i), List.of(scripts.get(i)), Optional.empty());
                java.util.Set<String> rules = new java.util.TreeSet<>();
                for (FileReport file : report.files()) {
                    for (StatementReport st : file.statements()) {
                        for (Finding f : st.findings()) {
                            if (f.risk().atLeast(dev.migrationreview.config.Risk.LOW)) {
                                rules.add(f.rule() + " " + f.risk().configName());
                            }
                        }
                    }
                }
                rules.forEach(r -> findingFiles.merge(r, 1, Integer::sum));
                if (System.getProperty("rails.files") != null) {
                    String path = scripts.get(i).path();
                    rules.stream().filter(r -> r.endsWith(" high")).forEach(r -> System.out.println("  HIGH " + r + " " + path));
                }
                withFindings += rules.isEmpty() ? 0 : 1;
                for (String note : report.notes()) {
                    if (note.startsWith(ReviewEngine.ACKNOWLEDGED)) {
                        // "Acknowledged with safety_assured: path:3 drop-column (high) on `…`"
                        String rest = note.substring(note.indexOf(": ") + 2);
                        String[] words = rest.split(" ");
                        acknowledged.merge(words[1], 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println("== " + corpus + " (" + config.dialect().configName() + "): " + scripts.size() + " migrations, "
                + withFindings + " with a finding at low or above");
        findingFiles.forEach((rule, n) -> System.out.println("  files with " + rule + ": " + n));
        acknowledged.forEach((rule, n) -> System.out.println("  acknowledged with safety_assured: " + rule + " x" + n));
        assertTrue(scripts.size() > 0, corpus);
    }
}
