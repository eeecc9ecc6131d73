package dev.migrationreview.mysql.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.analysis.FileReport;
import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.Risk;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import io.micronaut.context.BeanContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MySQL rules on the MySQL corpora: every file reviewed against the history before it, as a pull request adding it
 * would be. No rule may fail; the findings per rule and risk, with every high and critical one, go to
 * {@code target/mysql-corpus/<corpus>.txt} for checking by hand (docs/comparison.md records the counts and verdicts).
 */
class MysqlCorpusRulesTest {

    /** Where each corpus keeps its MySQL migrations, as its repository's config would say. */
    private static final Map<String, String> CONFIGS = Map.of(
            "authelia", "migrations:\n  - { path: \"internal/storage/migrations/mysql/*.up.sql\", tool: plain }\n",
            "apache-ranger", "migrations:\n  - { path: \"security-admin/db/mysql/patches/*.sql\", tool: plain }\n",
            "killbill", "",
            "temporal", "migrations:\n  - { path: \"schema/mysql/v8/temporal/versioned\", tool: plain }\n"
                    + "  - { path: \"schema/mysql/v8/visibility/versioned\", tool: plain }\n",
            "dolphinscheduler", "migrations:\n  - { path: \"dolphinscheduler-dao/src/main/resources/sql/upgrade/**/mysql/*.sql\", tool: plain }\n",
            "ory-kratos", "");

    private static BeanContext context;
    private static ReviewEngine engine;

    @BeforeAll
    static void start() {
        context = BeanContext.run();
        engine = context.getBean(ReviewEngine.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"authelia", "apache-ranger", "killbill", "temporal", "dolphinscheduler", "ory-kratos"})
    void noRuleFailsAndTheFindingsAreListed(String corpus) throws IOException {
        Path root = SharedCorpus.root().resolve(corpus);
        Assumptions.assumeTrue(Files.isDirectory(root), SharedCorpus.missingMessage());
        ReviewConfig config = new YamlConfigLoader().parse(".github/migration-review.yml",
                "dialect: mysql\ndatabase-version: \"8.0.35\"\n" + CONFIGS.get(corpus));
        List<MigrationScript> scripts = new LayoutMigrationFinder().find(new DirectoryRepositoryFiles(root), config);
        assertFalse(scripts.isEmpty(), "no MySQL migrations found in " + root);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        StringBuilder serious = new StringBuilder();
        StringBuilder others = new StringBuilder();
        int statements = 0;
        for (int i = 0; i < scripts.size(); i++) {
            Report report = engine.review(config, scripts.subList(0, i), List.of(scripts.get(i)), Optional.empty());
            report.notes().stream().filter(n -> n.startsWith("Rule ") && n.contains(" failed on ")).forEach(failures::add);
            for (FileReport file : report.files()) {
                for (StatementReport s : file.statements()) {
                    statements++;
                    for (Finding f : s.findings()) {
                        counts.merge(f.rule() + " " + f.risk().configName(), 1, Integer::sum);
                        StringBuilder target = f.risk().atLeast(Risk.HIGH) ? serious : others;
                        if (!f.rule().equals("statement-not-understood")) {
                            target.append(f.risk().configName()).append("  ").append(f.rule()).append("  ").append(file.path()).append(':')
                                    .append(f.line()).append("\n    ").append(f.title()).append("\n    ")
                                    .append(s.sql().replaceAll("\\s+", " ").substring(0, Math.min(200, s.sql().replaceAll("\\s+", " ").length())))
                                    .append('\n');
                        }
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder(corpus + ": " + scripts.size() + " files, " + statements + " statements\n\nfindings by rule and risk:\n");
        counts.forEach((k, v) -> out.append(String.format("%6d  %s%n", v, k)));
        out.append("\nhigh and critical:\n").append(serious).append("\nthe others:\n").append(others);
        Path report = Path.of("target", "mysql-corpus", corpus + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString());
        assertEquals(List.of(), failures);
    }
}
