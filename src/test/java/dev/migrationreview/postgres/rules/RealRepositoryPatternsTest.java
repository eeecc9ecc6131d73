package dev.migrationreview.postgres.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.report.StatementReport;
import io.micronaut.context.BeanContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Patterns met on real repositories where the reviewer was silent or wrong (issue 8), each written anew
 * from its pattern and run through the real parser, schema replay and effects model.
 */
class RealRepositoryPatternsTest {

    private static final String HISTORY = """
            CREATE TABLE accounts (id bigint PRIMARY KEY, handle text NOT NULL);
            CREATE TABLE posts (id bigint PRIMARY KEY, account_id bigint, body text, state text DEFAULT 'draft');
            """;

    private static BeanContext context;
    private static ReviewEngine engine;
    private final LayoutMigrationFinder finder = new LayoutMigrationFinder();

    @BeforeAll
    static void start() {
        context = BeanContext.run();
        engine = context.getBean(ReviewEngine.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private List<StatementReport> statements(String yaml, String path, String sql) {
        ReviewConfig config = yaml == null ? ReviewConfig.defaults() : new YamlConfigLoader().parse("c.yml", yaml);
        return engine.review(config, List.of(finder.script("db/migration/V1__base.sql", HISTORY, null)),
                List.of(finder.script(path, sql, null)), Optional.empty()).files().get(0).statements();
    }

    private List<Finding> findings(String yaml, String path, String sql) {
        return statements(yaml, path, sql).stream().map(StatementReport::findings).flatMap(List::stream).toList();
    }

    private static List<Finding> of(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }

    @Test
    void droppingATableTheHistoryNeverCreatedIsReviewed() {
        // created by a code migration (Java, Go) or before the SQL history starts: it exists in production all the same
        List<Finding> f = of(findings(null, "db/migration/V2__cleanup.sql", "DROP TABLE IF EXISTS oauth_legacy_tokens;\n"), "drop-table");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).message().contains("The migration history does not create `oauth_legacy_tokens`"), f.get(0).message());
        assertTrue(f.get(0).risk().atLeast(Risk.MEDIUM), f.get(0).toString());
    }
}
