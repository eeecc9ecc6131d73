package dev.migrationreview.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.config.ConfigException;
import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.StatementParser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Beyond the review limits a file is said to be too large, never a hung worker; pathological statements stay cheap. */
class ReviewLimitsTest {
    private static ApplicationContext context;
    private static ReviewEngine engine;
    private static MigrationFinder finder;
    private static ConfigLoader loader;
    private static StatementParser parser;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder(Environment.CLI).start();
        engine = context.getBean(ReviewEngine.class);
        finder = context.getBean(MigrationFinder.class);
        loader = context.getBean(ConfigLoader.class);
        parser = context.getBeansOfType(StatementParser.class).stream().filter(p -> p.dialect() == dev.migrationreview.sql.Dialect.POSTGRESQL)
                .findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static Report review(String config, String sql) {
        return engine.review(loader.parse("test.yml", config), List.of(),
                List.of(finder.script("db/migration/V2__big.sql", sql, MigrationTool.FLYWAY)), Optional.empty());
    }

    @Test
    void theShortcutForTextsThatFitAgreesWithCountingTheirBytes() {
        // ASCII, 2-byte, 3-byte, a surrogate pair, a lone high surrogate at the end, a lone low one
        for (String text : List.of("", "abc", "é", "ééé", "€€", "a\uD83D\uDE00", "ab\uD83D", "\uDE00x")) {
            long bytes = ReviewEngine.utf8Bytes(text);
            for (long limit = 0; limit <= 3L * text.length() + 2; limit++) {
                assertEquals(bytes <= limit, ReviewEngine.withinBytes(text, limit), text + " within " + limit);
            }
        }
    }

    @Test
    void theLimitsAreConfigKeysWithDefaults() {
        assertEquals(ReviewConfig.ReviewLimits.DEFAULTS, ReviewConfig.defaults().limits());
        ReviewConfig c = loader.parse("test.yml", "review-limits:\n  file-bytes: 2MB\n  file-statements: 500\n  review-seconds: 30\n");
        assertEquals(new ReviewConfig.ReviewLimits(2L * 1024 * 1024, 500, 30), c.limits());
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> loader.parse("test.yml", "review-limits:\n  file-statements: 0\n"));
        assertTrue(e.getMessage().startsWith("test.yml:2: review-limits.file-statements: out of range"), e.getMessage());
    }

    @Test
    void aFileOverTheByteLimitIsNamedNotReviewed() {
        Report report = review("review-limits: { file-bytes: 100 }\n", "DROP TABLE orders;\n".repeat(10));
        assertEquals(List.of(), report.files().get(0).statements());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("db/migration/V2__big.sql: too large to review (190 bytes, over"
                + " review-limits.file-bytes 100); none of it was reviewed.")), report.notes().toString());
    }

    @Test
    void statementsOverTheLimitAreNotReviewedAndTheNoteSaysWhereItStopped() {
        Report report = review("review-limits: { file-statements: 3 }\n", "SELECT 1;\nSELECT 2;\nSELECT 3;\nDROP TABLE orders;\n");
        assertEquals(3, report.files().get(0).statements().size());
        assertTrue(report.notes().stream().anyMatch(n -> n.equals("db/migration/V2__big.sql: too large to review: more than 3 statements"
                + " (review-limits.file-statements); only the first 3, up to line 3, were reviewed.")), report.notes().toString());
    }

    @Test
    void deepNestingIsNotHandedToTheSqlParser() {
        String deep = "SELECT " + "(".repeat(400) + "1" + ")".repeat(400);
        long start = System.nanoTime();
        ParsedStatement p = parser.parse(deep + ";\n" + deep.replace("1", "2") + ";\n").get(0);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(p.parseError().contains("nested 400 deep"), p.parseError());
        assertTrue(millis < 2_000, "took " + millis + " ms");
    }

    @Test
    void aHugeIdentifierOfLettersThatGrowWhenUpperCasedStaysCheap() {
        String name = "\u00df".repeat(20_000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        Report report = review("", "CREATE TABLE " + name + " (id bigint PRIMARY KEY);\nALTER TABLE " + name + " ADD COLUMN note text;\n");
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertEquals(2, report.files().get(0).statements().size());
        assertTrue(millis < 10_000, "took " + millis + " ms");
        // splitting, classifying and reviewing happen on this thread; upper-casing with the JDK's mapping allocated over 1 GB here
        assertTrue(allocated < 300_000_000L, "allocated " + allocated / 1_000_000 + " MB");
    }
}
