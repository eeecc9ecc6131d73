package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories as people really have them: names with spaces and line breaks, submodules inside a
 * migration folder, files saved in Latin-1. None of them may stop a review; each is said in the report.
 */
class UnusualRepositoryEntriesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CONFIG = "dialect: postgresql\ndatabase-version: \"16\"\nfail-on: low\ntables:\n  orders: { rows: 5000000 }\n";

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private TestGit historyWithOrders() throws Exception {
        TestGit git = new TestGit(dir);
        git.init();
        git.write(".github/migration-review.yml", CONFIG);
        git.write("db/migration/V1__create orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n");
        git.commit("history");
        git.git("checkout", "-q", "-b", "feature");
        return git;
    }

    @Test
    void spacesInMigrationNamesAreReadAtBaseAndHead() throws Exception {
        TestGit git = historyWithOrders();
        git.write("db/migration/V2__with space.sql", "CREATE INDEX orders_status_idx ON orders (status);\n");
        git.commit("index");

        Run run = cli("review", "--repo", dir.toString(), "--format", "json");
        assertEquals(1, run.exitCode(), run.err());
        JsonNode report = MAPPER.readTree(run.out());
        assertEquals("db/migration/V2__with space.sql", report.get("files").get(0).get("path").asText());
        assertTrue(report.get("files").get(0).toString().contains("create-index-non-concurrent"), run.out());
        assertTrue(report.get("notes").toString().contains("1 migration file replayed"), "the history file with a space was read: " + run.out());
    }

    @Test
    void aSubmoduleAndALineBreakInAMigrationFolderAreSkippedWithANote() throws Exception {
        TestGit git = historyWithOrders();
        git.write("db/migration/V2__index.sql", "CREATE INDEX orders_status_idx ON orders (status);\n");
        git.write("db/migration/V3__odd\nname.sql", "DROP TABLE orders;\n");
        String self = git.git("rev-parse", "HEAD").strip();
        // a gitlink, exactly what `git submodule add` records in the tree
        git.git("add", "-A");
        git.git("update-index", "--add", "--cacheinfo", "160000," + self + ",db/migration/vendored");
        git.git("-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "odd entries");

        Run run = cli("review", "--repo", dir.toString(), "--format", "json");
        assertEquals(1, run.exitCode(), run.err());
        JsonNode report = MAPPER.readTree(run.out());
        assertEquals(1, report.get("files").size(), run.out());
        assertEquals("db/migration/V2__index.sql", report.get("files").get(0).get("path").asText());
        String notes = report.get("notes").toString();
        assertTrue(notes.contains("db/migration/vendored: a git submodule"), notes);
        assertTrue(notes.contains("V3__odd\\\\nname.sql") && notes.contains("line break"), notes);
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithItsLineTheSameWayByReviewAndAnalyze() throws Exception {
        TestGit git = historyWithOrders();
        Path file = dir.resolve("db/migration/V2__latin1.sql");
        // "café" in Latin-1: 0xE9 is no UTF-8 on its own
        byte[] latin1 = "-- orders by caf\u00e9\nALTER TABLE orders ADD COLUMN note text;\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        git.commit("latin-1");

        Run review = cli("review", "--repo", dir.toString(), "--format", "json");
        Path config = Files.writeString(Files.createTempFile("config", ".yml"), CONFIG);
        Run analyze = cli("analyze", "--format", "json", "--config", config.toString(), file.toString());
        Files.delete(config);
        assertEquals(review.exitCode(), analyze.exitCode(), review.err() + analyze.err());
        assertTrue(review.exitCode() < 2, review.err());
        String expected = ": not UTF-8: byte 0xE9 on line 1 is not valid UTF-8 (migration-review reads migration files as UTF-8)";
        JsonNode reviewNotes = MAPPER.readTree(review.out()).get("notes");
        JsonNode analyzeNotes = MAPPER.readTree(analyze.out()).get("notes");
        assertTrue(reviewNotes.toString().contains("db/migration/V2__latin1.sql" + expected), reviewNotes.toString());
        assertTrue(analyzeNotes.toString().contains(file + expected), analyzeNotes.toString());
        // the statement after the bad byte is still reviewed
        assertEquals("ALTER TABLE", MAPPER.readTree(analyze.out()).get("files").get(0).get("statements").get(0).get("kind").asText());
        assertFalse(review.err().contains("Exception"), review.err());
    }

    @Test
    void aMalformedGlobInConfigIsAnInputErrorNamingKeyAndLine() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yml"), CONFIG + "ignore-paths:\n  - 'db/{legacy,old'\n");
        Path file = Files.writeString(dir.resolve("V1__a.sql"), "SELECT 1;\n");
        Run run = cli("analyze", "--config", config.toString(), file.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(":7: ignore-paths[0]: 'db/{legacy,old' is not a valid glob"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
