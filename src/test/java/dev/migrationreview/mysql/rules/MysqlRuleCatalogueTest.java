package dev.migrationreview.mysql.rules;

import dev.migrationreview.report.ExampleSnapshots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.DialectModel;
import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.Rule;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.sql.Dialect;
import io.micronaut.context.BeanContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Every MySQL and MariaDB rule: a unique kebab-case id, its page in docs/rules/mysql/, and examples that run end to end
 * through the engine (MySQL splitter and parser, schema replay, online-DDL model, rules): bad.sql fires the rule,
 * good.sql does not, and what a reviewer reads for each is pinned next to it ({@code bad.expected.txt}; regenerate with
 * {@code -Dmigration-review.update-snapshots=true}). base.sql is the history; config.yml gives the dialect, version and
 * table sizes (MySQL unless it says otherwise).
 */
class MysqlRuleCatalogueTest {

    private static final Path EXAMPLES = Path.of("src/test/resources/rules-mysql");
    private static final Path DOCS = Path.of("docs/rules/mysql");

    private static BeanContext context;
    private static ReviewEngine engine;
    private static List<Rule> rules;
    /** Whether the MySQL online-DDL model is installed: the copy and rebuild rules read ddl from it. */
    private static boolean modelPresent;

    @BeforeAll
    static void start() {
        context = BeanContext.run();
        engine = context.getBean(ReviewEngine.class);
        rules = new ArrayList<>(context.getBeansOfType(Rule.class)).stream()
                .filter(r -> r.getClass().getPackageName().equals(MysqlRuleCatalogueTest.class.getPackageName())).toList();
        modelPresent = context.getBeansOfType(DialectModel.class).stream().anyMatch(m -> m.dialect() == Dialect.MYSQL);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void idsAreUniqueKebabCaseAndServeBothServers() {
        assertTrue(rules.size() >= 19, "expected the MySQL catalogue, found " + rules.size() + " rules");
        Set<String> seen = new HashSet<>();
        for (Rule rule : rules) {
            assertTrue(rule.id().matches("[a-z][a-z0-9]*(-[a-z0-9]+)+"), "not kebab-case: " + rule.id());
            assertTrue(seen.add(rule.id()), "duplicate id " + rule.id());
            assertFalse(rule.summary().isBlank(), rule.id() + " has no summary");
            assertTrue(rule.appliesTo(Dialect.MYSQL) && rule.appliesTo(Dialect.MARIADB) && !rule.appliesTo(Dialect.POSTGRESQL),
                    rule.id() + " must judge MySQL and MariaDB, not PostgreSQL");
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
            for (String file : List.of("base.sql", "bad.sql", "good.sql")) {
                assertTrue(Files.isRegularFile(EXAMPLES.resolve(rule.id()).resolve(file)), "missing " + file + " for " + rule.id());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> badExampleFiresTheRule() {
        return rules.stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            List<Finding> findings = findings(review(rule.id(), "bad.sql"));
            if (!modelPresent && findings.stream().noneMatch(f -> f.rule().equals(rule.id()))) {
                Assumptions.abort("no MySQL online-DDL model on the classpath: " + rule.id() + " reads ddl from it");
            }
            assertTrue(findings.stream().anyMatch(f -> f.rule().equals(rule.id())), "bad.sql of " + rule.id() + " did not fire it; findings: " + findings);
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
            List<Finding> mine = findings(review(rule.id(), "good.sql")).stream().filter(f -> f.rule().equals(rule.id())).toList();
            assertEquals(List.of(), mine, "good.sql of " + rule.id() + " fired it");
        }));
    }

    @TestFactory
    Stream<DynamicTest> whatTheReviewerReadsIsPinned() {
        return rules.stream().flatMap(rule -> Stream.of("bad.sql", "good.sql").map(file -> DynamicTest.dynamicTest(rule.id() + "/" + file, () -> {
            Assumptions.assumeTrue(modelPresent, "the snapshots show what the MySQL online-DDL model says; it is not on the classpath");
            Path example = EXAMPLES.resolve(rule.id()).resolve(file);
            Optional<String> problem = ExampleSnapshots.compare(example, ExampleSnapshots.render(review(rule.id(), file)));
            assertTrue(problem.isEmpty(), problem.orElse(""));
        })));
    }

    private static List<Finding> findings(Report report) {
        return report.files().stream().flatMap(f -> f.statements().stream()).map(StatementReport::findings).flatMap(List::stream).toList();
    }

    static Report review(String id, String file) throws IOException {
        return review(engine, id, file, yaml -> yaml);
    }

    /** One example through the engine, its config.yml first passed through {@code config} (a test may change the server). */
    static Report review(ReviewEngine engine, String id, String file, java.util.function.UnaryOperator<String> config) throws IOException {
        Path dir = EXAMPLES.resolve(id);
        LayoutMigrationFinder finder = new LayoutMigrationFinder();
        String yaml = Files.isRegularFile(dir.resolve("config.yml")) ? Files.readString(dir.resolve("config.yml")) : "";
        if (!yaml.contains("dialect:")) {
            yaml = "dialect: mysql\n" + yaml;
        }
        ReviewConfig reviewConfig = new YamlConfigLoader().parse(".github/migration-review.yml", config.apply(yaml));
        List<MigrationScript> history = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("base.sql"))) {
            history.add(finder.script("db/migration/V1__base.sql", read(dir.resolve("base.sql")), null));
        }
        MigrationScript changed = finder.script("db/migration/V2__" + file, read(dir.resolve(file)), null);
        return engine.review(reviewConfig, history, List.of(changed), Optional.empty(), Map.of());
    }

    private static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}
