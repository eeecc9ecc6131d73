package dev.migrationreview.postgres.rules;

import dev.migrationreview.report.ExampleSnapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.DialectModel;
import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.Rule;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.sql.Dialect;
import io.micronaut.context.BeanContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks every rule bean: a unique kebab-case id, a docs page, and examples that run end-to-end through
 * the engine (parser, schema replay, effects model, rules): bad.sql fires the rule, good.sql does not.
 * base.sql is the history; config.yml, when present, is the repository config. Next to each example,
 * {@code bad.expected.txt} and {@code good.expected.txt} pin what a reviewer reads for it (see {@link ExampleSnapshots};
 * regenerate with {@code -Dmigration-review.update-snapshots=true}).
 * applied.sql, when present, is a migration that already ran: bad.sql is reviewed as an edit of it, good.sql as a
 * new migration after it.
 */
class RuleCatalogueTest {

    private static final Path EXAMPLES = Path.of("src/test/resources/rules");
    private static final Path DOCS = Path.of("docs/rules");

    private static BeanContext context;
    private static ReviewEngine engine;
    private static List<Rule> rules;
    private static boolean modelPresent;

    @BeforeAll
    static void start() {
        context = BeanContext.run();
        engine = context.getBean(ReviewEngine.class);
        rules = new ArrayList<>(context.getBeansOfType(Rule.class)).stream()
                .filter(r -> r.dialect() == Dialect.POSTGRESQL && r.getClass().getPackageName().equals(RuleCatalogueTest.class.getPackageName()))
                .toList();
        Collection<DialectModel> models = context.getBeansOfType(DialectModel.class);
        modelPresent = models.stream().anyMatch(m -> m.dialect() == Dialect.POSTGRESQL);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void idsAreUniqueKebabCaseAndDescribed() {
        assertTrue(rules.size() >= 30, "expected the PostgreSQL catalogue, found " + rules.size() + " rules");
        Set<String> seen = new HashSet<>();
        for (Rule rule : rules) {
            assertTrue(rule.id().matches("[a-z][a-z0-9]*(-[a-z0-9]+)+"), "not kebab-case: " + rule.id());
            assertTrue(seen.add(rule.id()), "duplicate id " + rule.id());
            assertFalse(rule.summary().isBlank(), rule.id() + " has no summary");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRuleHasItsPageAndExamples() {
        return rules.stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            Path page = DOCS.resolve(rule.id() + ".md");
            assertTrue(Files.isRegularFile(page), "missing " + page);
            String text = Files.readString(page);
            assertTrue(text.startsWith("# " + rule.id()), page + " must start with '# " + rule.id() + "'");
            for (String section : List.of("## What happens", "## Why it matters", "## Instead", "## When it is fine", "## Ignoring it")) {
                assertTrue(text.contains(section), page + " lacks '" + section + "'");
            }
            assertTrue(Files.isRegularFile(EXAMPLES.resolve(rule.id()).resolve("bad.sql")), "missing bad.sql for " + rule.id());
            assertTrue(Files.isRegularFile(EXAMPLES.resolve(rule.id()).resolve("good.sql")), "missing good.sql for " + rule.id());
        }));
    }

    @TestFactory
    Stream<DynamicTest> badExampleFiresTheRule() {
        return rules.stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            List<Finding> findings = run(rule.id(), "bad.sql");
            boolean fired = findings.stream().anyMatch(f -> f.rule().equals(rule.id()));
            if (!fired && !modelPresent) {
                Assumptions.abort("no PostgreSQL effects model on the classpath: " + rule.id() + " reads locks/rewrites/scans from it");
            }
            assertTrue(fired, "bad.sql of " + rule.id() + " did not fire it; findings: " + findings);
            for (Finding f : findings) {
                if (f.rule().equals(rule.id())) {
                    assertFalse(f.message().isBlank(), "empty message");
                    assertFalse(f.fix().isBlank(), "empty fix");
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> goodExampleIsSilent() {
        return rules.stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            List<Finding> findings = run(rule.id(), "good.sql");
            List<Finding> mine = findings.stream().filter(f -> f.rule().equals(rule.id())).toList();
            assertEquals(List.of(), mine, "good.sql of " + rule.id() + " fired it");
        }));
    }

    @TestFactory
    Stream<DynamicTest> whatTheReviewerReadsIsPinned() {
        return rules.stream().flatMap(rule -> Stream.of("bad.sql", "good.sql").map(file -> DynamicTest.dynamicTest(rule.id() + "/" + file, () -> {
            Path example = EXAMPLES.resolve(rule.id()).resolve(file);
            Optional<String> problem = ExampleSnapshots.compare(example, ExampleSnapshots.render(review(rule.id(), file)));
            assertTrue(problem.isEmpty(), problem.orElse(""));
        })));
    }

    private static List<Finding> run(String id, String file) throws IOException {
        Report report = review(id, file);
        return report.files().stream().flatMap(f -> f.statements().stream()).map(StatementReport::findings)
                .flatMap(List::stream).toList();
    }

    private static Report review(String id, String file) throws IOException {
        Path dir = EXAMPLES.resolve(id);
        LayoutMigrationFinder finder = new LayoutMigrationFinder();
        ReviewConfig config = Files.isRegularFile(dir.resolve("config.yml"))
                ? new YamlConfigLoader().parse(".github/migration-review.yml", Files.readString(dir.resolve("config.yml")))
                : ReviewConfig.defaults();
        List<MigrationScript> history = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("base.sql"))) {
            history.add(finder.script("db/migration/V1__base.sql", read(dir.resolve("base.sql")), null));
        }
        Map<String, MigrationScript> applied = new HashMap<>();
        String path = "db/migration/V2__" + file;
        if (Files.isRegularFile(dir.resolve("applied.sql"))) {
            // applied.sql ran already: bad.sql is an edit of it, good.sql a new migration after it
            MigrationScript ran = finder.script("db/migration/V2__applied.sql", read(dir.resolve("applied.sql")), null);
            history.add(ran);
            if (file.equals("bad.sql")) {
                path = ran.path();
                applied.put(path, ran);
            } else {
                path = "db/migration/V3__" + file;
            }
        }
        MigrationScript changed = finder.script(path, read(dir.resolve(file)), null);
        return engine.review(config, history, List.of(changed), Optional.empty(), applied);
    }

    private static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}
