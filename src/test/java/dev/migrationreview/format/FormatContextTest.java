package dev.migrationreview.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.postgres.sql.PostgresStatementSplitter;
import dev.migrationreview.sql.Dialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Formats count statements with the dialect's own splitter (one lexer per dialect): a tool that sends a file as one
 * query string runs it as one implicit transaction exactly when it holds more than one statement.
 */
class FormatContextTest {
    private final FormatContext postgres = new FormatContext(new InMemoryRepositoryFiles(Map.of()), ReviewConfig.defaults(),
            new PostgresStatementSplitter());

    @Test
    void semicolonsInsideQuotesCommentsAndDollarBodiesDoNotEndStatements() {
        String sql = """
                -- a comment; with a semicolon
                INSERT INTO t VALUES ('a;b', 'it''s; fine', E'esc\\'; still', "odd;name");
                /* outer /* nested; */ still comment; */
                CREATE FUNCTION f() RETURNS int AS $body$
                  SELECT 1; SELECT $$;$$;
                $body$ LANGUAGE sql;
                SELECT $1::int
                """;
        assertEquals(3, postgres.statements(sql).size(), postgres.statements(sql).toString());
        assertTrue(postgres.runsAsOneTransaction(sql));
    }

    @Test
    void psqlMetaCommandsAndEmptyStatementsAreNotStatements() {
        String sql = "\\set ON_ERROR_STOP on\n;\n;;\n\\connect app\nselect 1;\n-- end\n";
        assertEquals(1, postgres.statements(sql).size(), postgres.statements(sql).toString());
        assertFalse(postgres.runsAsOneTransaction(sql), "a single statement runs on its own and autocommits");
    }

    @Test
    void standardStringsTakeNoBackslashEscapes() {
        // with standard_conforming_strings (the default since 9.1) 'x\' is a complete string
        assertEquals(2, postgres.statements("SELECT 'x\\';\nSELECT 2;\n").size());
    }

    @Test
    void mysqlHasNoImplicitTransactionForAQueryString() {
        ReviewConfig d = ReviewConfig.defaults();
        ReviewConfig mysql = new ReviewConfig(Dialect.MYSQL, 8, List.of(), null, d.deploy(), d.failOn(), d.largeTableRows(),
                d.tables(), d.rules(), d.ignorePaths());
        FormatContext context = new FormatContext(new InMemoryRepositoryFiles(Map.of()), mysql, null);
        assertFalse(context.runsAsOneTransaction("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"));
    }

    /** The cheap test for a line-comment marker never says no where a format's own marker pattern says yes. */
    @Test
    void aCommentMarkerIsLookedForOnlyWhereACommentCouldHoldIt() {
        List<String> pieces = List.of("--", "-", " ", "\t", "\n", "\r\n", "\uFEFF", "+goose", "+GOOSE", "up", "Up", " down",
                "migrate:", "migrate:up", "MIGRATE:UP", "Migration", "migration", "x", ";", "\u017f", "\u212a");
        Map<java.util.regex.Pattern, String> markers = Map.of(
                java.util.regex.Pattern.compile("(?mi)^[\\uFEFF\\s]*--\\s*\\+goose\\s+up\\b"), "+goose",
                java.util.regex.Pattern.compile("(?mi)^[\\uFEFF\\s]*--\\s*migrate:up\\b"), "migrate:up",
                java.util.regex.Pattern.compile("(?mi)^[\\uFEFF\\s]*--\\s*Up\\s+Migration\\b"), "up");
        java.util.Random random = new java.util.Random(13);
        int found = 0;
        for (int round = 0; round < 20000; round++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(10); k >= 0; k--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            for (Map.Entry<java.util.regex.Pattern, String> m : markers.entrySet()) {
                if (m.getKey().matcher(text).find()) {
                    found++;
                    assertTrue(FormatContext.mayHoldCommentMarker(text.toString(), m.getValue()), text.toString());
                }
            }
        }
        assertTrue(found > 100, "markers found: " + found);
        assertFalse(FormatContext.mayHoldCommentMarker("CREATE TABLE t (id int); -- note\n", "+goose"));
        assertTrue(FormatContext.mayHoldCommentMarker("---\n--   +Goose Up\n", "+goose"));
    }

    /** The in-place reading of a path says what splitting it on slashes and dots said, for every dialect. */
    @Test
    void aPathForAnotherDatabaseIsToldAsSplittingItTold() throws java.io.IOException {
        List<String> paths = new java.util.ArrayList<>(List.of("db/mysql/V1__a.sql", "db/postgres/V1__a.sql", "V1__a.mysql.sql",
                "0003_users.mysql.sql", "12_x.sqlite.up.sql", "12_x.SQLite.up.sql", "a.mysql.", "a.mysql..", ".mysql.sql",
                "mysql.sql", "x.mysql", "...", "", "/", "//mysql//x.sql", "/mysql/x.sql", "mysql/", "db/MySQL/x.sql",
                "a/b.c/d.mysql.e.f", "a..mysql..sql", "a.pg.sql", "a.h2.sql", "cockroachdb/x.sql", "cockroachdbx/x.sql",
                "db/\u0130/x.sql", "db/h\u2082/x.sql", "x.tidb.", "x..tidb", "dir.mysql/x.sql", "a.b.c.d.mariadb.sql"));
        SharedCorpus.present().ifPresent(root -> {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
                files.forEach(p -> paths.add(root.relativize(p).toString().replace('\\', '/')));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ReviewConfig d = ReviewConfig.defaults();
        for (Dialect dialect : Dialect.values()) {
            FormatContext context = new FormatContext(new InMemoryRepositoryFiles(Map.of()), d.withDialect(dialect), null);
            for (String path : paths) {
                assertEquals(bySplitting(context, path), context.isForAnotherDatabase(path), dialect + " " + path);
            }
        }
    }

    private static boolean bySplitting(FormatContext context, String path) {
        String dir = PathNames.parent(path);
        for (String segment : dir.split("/")) {
            if (FormatContext.isDatabaseName(segment) && !context.dialect().answersTo(segment)) {
                return true;
            }
        }
        String[] parts = PathNames.fileName(path).split("\\.");
        for (int i = 1; i < parts.length - 1; i++) {
            if (FormatContext.isDatabaseName(parts[i]) && !context.dialect().answersTo(parts[i])) {
                return true;
            }
        }
        return false;
    }
}
