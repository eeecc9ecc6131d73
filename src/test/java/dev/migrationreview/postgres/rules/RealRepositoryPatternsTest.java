package dev.migrationreview.postgres.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.Risk;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.analysis.StatementReport;
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

    private static final String WRAPPED_BY_THE_FILE = """
            BEGIN;
            ALTER TABLE posts ADD COLUMN pinned boolean;
            CREATE INDEX posts_account_idx ON posts (account_id);
            COMMIT;
            """;

    @Test
    void beginAndCommitInAFileSentAsOneQueryStringNestNothing() {
        // golang-migrate and Prisma send the file as one string and open no transaction of their own
        assertEquals(List.of(), of(findings(null, "migrations/000042_pin_posts.up.sql", WRAPPED_BY_THE_FILE),
                "transaction-control-in-wrapped-file"));
        assertEquals(List.of(), of(findings(null, "prisma/migrations/20240101000000_pin_posts/migration.sql", WRAPPED_BY_THE_FILE),
                "transaction-control-in-wrapped-file"));
        // Flyway opens its own transaction: there BEGIN nests and COMMIT ends Flyway's transaction early
        assertEquals(1, of(findings(null, "db/migration/V2__pin_posts.sql", WRAPPED_BY_THE_FILE),
                "transaction-control-in-wrapped-file").size());
    }

    private List<Finding> reviewRepository(String config, String path, String sql) throws java.io.IOException {
        java.util.Map<String, String> base = java.util.Map.of(".github/migration-review.yml", config,
                "db/migrations/001_base.up.sql", HISTORY);
        java.util.Map<String, String> head = new java.util.HashMap<>(base);
        head.put(path, sql);
        dev.migrationreview.analysis.Report report = context.getBean(dev.migrationreview.analysis.RepositoryChangeReviewer.class)
                .review(new dev.migrationreview.fetch.InMemoryRepositoryFiles(base), new dev.migrationreview.fetch.InMemoryRepositoryFiles(head),
                        List.of(path));
        return report.files().stream().flatMap(f -> f.statements().stream()).map(StatementReport::findings).flatMap(List::stream).toList();
    }

    @Test
    void aMigratorThatWrapsEachFileIsConfiguredPerLocation() throws Exception {
        String concurrently = "CREATE INDEX CONCURRENTLY posts_state_idx ON posts (state);\n";
        // golang-migrate's naming, but the migrator (concourse, popx, supabase storage) wraps each file itself
        String perFile = "migrations:\n  - path: db/migrations\n    tool: golang-migrate\n    transaction: per-file\n";
        List<Finding> wrapped = of(reviewRepository(perFile, "db/migrations/002_state.up.sql", concurrently), "concurrently-in-transaction");
        assertEquals(1, wrapped.size(), "the migrator's transaction makes CONCURRENTLY fail");
        assertEquals(Risk.CRITICAL, wrapped.get(0).risk());

        String toolDefault = "migrations:\n  - path: db/migrations\n    tool: golang-migrate\n";
        assertEquals(List.of(), of(reviewRepository(toolDefault, "db/migrations/002_state.up.sql", concurrently),
                "concurrently-in-transaction"), "golang-migrate runs a one-statement file on its own");

        // postgres-migrations (supabase storage's runner) runs a file marked so outside its transaction
        assertEquals(List.of(), of(reviewRepository(perFile, "db/migrations/002_state.up.sql",
                "-- postgres-migrations disable-transaction\n" + concurrently), "concurrently-in-transaction"));

        String none = "migrations:\n  - path: db/migrations\n    tool: golang-migrate\n    transaction: none\n";
        assertEquals(List.of(), of(reviewRepository(none, "db/migrations/002_state.up.sql",
                "ALTER TABLE posts ADD COLUMN pinned boolean;\n" + concurrently), "concurrently-in-transaction"),
                "none: each statement on its own, even in a file of several");
    }

    @Test
    void anUnknownTransactionModeNamesTheKeyAndLine() {
        dev.migrationreview.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.migrationreview.config.ConfigException.class, () -> new YamlConfigLoader().parse("c.yml",
                        "migrations:\n  - path: db/migrations\n    transaction: always\n"));
        assertEquals("c.yml:3: migrations[0].transaction: unknown transaction mode 'always' (expected per-file, none or tool-default)",
                e.getMessage());
    }

    @Test
    void aDefaultDroppedAndSetAgainBeforeCommitIsNoRisk() {
        String history = "CREATE TYPE \"Visibility\" AS ENUM ('PUBLIC', 'PRIVATE');\n"
                + "CREATE TABLE \"Post\" (id bigint PRIMARY KEY, visibility \"Visibility\" NOT NULL DEFAULT 'PUBLIC');\n";
        // the enum swap an ORM writes: the column's default must go while its type changes, and comes back at the end
        String swap = """
                BEGIN;
                CREATE TYPE "Visibility_new" AS ENUM ('PUBLIC', 'UNLISTED', 'PRIVATE');
                ALTER TABLE "Post" ALTER COLUMN "visibility" DROP DEFAULT;
                ALTER TABLE "Post" ALTER COLUMN "visibility" TYPE "Visibility_new" USING ("visibility"::text::"Visibility_new");
                ALTER TYPE "Visibility" RENAME TO "Visibility_old";
                ALTER TYPE "Visibility_new" RENAME TO "Visibility";
                DROP TYPE "Visibility_old";
                ALTER TABLE "Post" ALTER COLUMN "visibility" SET DEFAULT 'PUBLIC';
                COMMIT;
                """;
        String path = "prisma/migrations/20240301000000_unlisted/migration.sql";
        List<Finding> restored = engine.review(ReviewConfig.defaults(), List.of(finder.script("prisma/migrations/20240101000000_init/migration.sql",
                history, null)), List.of(finder.script(path, swap, null)), Optional.empty()).files().get(0).statements().stream()
                .map(StatementReport::findings).flatMap(List::stream).toList();
        assertEquals(List.of(), of(restored, "drop-column-default"));

        // not set again before COMMIT: the finding stays, on the line that drops it
        String dropped = swap.replace("ALTER TABLE \"Post\" ALTER COLUMN \"visibility\" SET DEFAULT 'PUBLIC';\n", "");
        List<Finding> lost = of(engine.review(ReviewConfig.defaults(), List.of(finder.script("prisma/migrations/20240101000000_init/migration.sql",
                history, null)), List.of(finder.script(path, dropped, null)), Optional.empty()).files().get(0).statements().stream()
                .map(StatementReport::findings).flatMap(List::stream).toList(), "drop-column-default");
        assertEquals(1, lost.size(), lost.toString());
        assertEquals(3, lost.get(0).line());
        assertEquals(Risk.HIGH, lost.get(0).risk());
    }

    @Test
    void foreignKeysFromATableTheChangeCreatedAreNoSlowWork() {
        List<Finding> f = findings(null, "db/migration/V2__comments.sql", """
                ALTER TABLE posts ADD COLUMN pinned boolean;
                CREATE TABLE comments (id bigint PRIMARY KEY, post_id bigint NOT NULL, account_id bigint);
                ALTER TABLE comments ADD CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id);
                ALTER TABLE comments ADD CONSTRAINT comments_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id);
                """);
        assertEquals(List.of(), of(f, "strong-lock-held-during-slow-work"), "validating the empty comments table is instant");
        assertEquals(List.of(), of(f, "add-foreign-key-validating"));

        // from an existing table the validation reads all of it while posts stays locked since line 1
        List<Finding> existing = findings(null, "db/migration/V2__posts_fk.sql", """
                ALTER TABLE posts ADD COLUMN pinned boolean;
                ALTER TABLE posts ADD CONSTRAINT posts_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id);
                """);
        assertEquals(1, of(existing, "add-foreign-key-validating").size(), existing.toString());
    }

    @Test
    void anIndexBuildOnATableOfUnknownSizeRatesAsLargeBecauseConcurrentlyIsCheap() {
        Finding index = of(findings(null, "db/migration/V2__idx.sql", "CREATE INDEX posts_state_idx ON posts (state);\n"),
                "create-index-non-concurrent").get(0);
        assertEquals(Risk.HIGH, index.risk(), "fails the default check (fail-on: high)");
        assertTrue(index.message().contains("assumes it may be large"), index.message());
        // a known small table stays low
        Finding small = of(findings("tables:\n  posts: { rows: 2000 }\n", "db/migration/V2__idx.sql",
                "CREATE INDEX posts_state_idx ON posts (state);\n"), "create-index-non-concurrent").get(0);
        assertEquals(Risk.LOW, small.risk());
        // the foreign key's validation has NOT VALID: unknown size rates as large too
        Finding fk = of(findings(null, "db/migration/V2__fk.sql",
                "ALTER TABLE posts ADD CONSTRAINT posts_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id);\n"),
                "add-foreign-key-validating").get(0);
        assertEquals(Risk.HIGH, fk.risk());
    }

    @Test
    void aFindingOnOneSubcommandOfAMultiLineAlterTablePointsAtItsLines() {
        List<StatementReport> statements = statements(null, "db/migration/V2__posts.sql", """
                ALTER TABLE posts
                    ADD COLUMN pinned boolean, -- shown on top, then
                    ALTER COLUMN body SET NOT NULL,
                    ADD CONSTRAINT posts_account_fk
                        FOREIGN KEY (account_id) REFERENCES accounts (id);
                """);
        List<Finding> f = statements.get(0).findings();
        Finding notNull = of(f, "set-not-null-scan").get(0);
        assertEquals(3, notNull.line());
        assertEquals(3, notNull.endLine());
        Finding fk = of(f, "add-foreign-key-validating").get(0);
        assertEquals(4, fk.line());
        assertEquals(5, fk.endLine());
        // a single-subcommand statement keeps its whole span
        Finding alone = of(findings(null, "db/migration/V2__nn.sql", "ALTER TABLE posts\n    ALTER COLUMN body SET NOT NULL;\n"),
                "set-not-null-scan").get(0);
        assertEquals(1, alone.line());
        assertEquals(2, alone.endLine());
    }
}
