package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users run it: real files, real git repositories, exit codes and output. */
class CliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String HISTORY = """
            CREATE TABLE orders (
                id bigint PRIMARY KEY,
                status text NOT NULL
            );
            """;

    private static final String CHANGE = """
            -- add the customer's note
            ALTER TABLE orders ADD COLUMN note text;

            CREATE INDEX orders_status_idx
                ON orders (status);
            FROBNICATE the widgets;
            """;

    private static final String TABLES = "tables:\n  orders: { rows: 5000000 }\n";
    /** The rules' own calibration of an index build's risk may change; the CLI's exit code is what these tests hold. */
    private static final String BIG_ORDERS = TABLES + "rules:\n  create-index-non-concurrent: { risk: high }\n";

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs the real entry point in its own JVM, in {@code workDir}, as the jar's manifest does. */
    private static Run process(Path workDir, String... args) throws IOException, InterruptedException {
        return process(workDir, List.of(), args);
    }

    private static Run process(Path workDir, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("cli", ".err");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(stderr.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI finished");
        String err = Files.readString(stderr);
        Files.delete(stderr);
        return new Run(p.exitValue(), out, err);
    }

    /** The command line runs the engine alone: the server's libraries are not even loaded (issue 13). */
    @Test
    void analyzeLoadsNothingOfTheServer() throws Exception {
        Files.writeString(dir.resolve("change.sql"), CHANGE);
        Path loaded = dir.resolve("classes.txt");

        Run run = process(dir, List.of("-Xlog:class+load=info:file=" + loaded), "analyze", "change.sql");

        // the index build on `orders`, whose size nobody gave, rates high (the safe form is cheap): exit 1, not an error
        assertEquals(1, run.exitCode(), "stderr: " + run.err());
        assertEquals("", run.err(), "nothing on stderr");
        List<String> server = Files.readAllLines(loaded).stream()
                // Micronaut's type converters (loaded by any bean context) name some HTTP classes; the server itself is not there.
                .filter(line -> line.matches(".*\\] (io\\.micronaut\\.http\\.server\\.netty\\.NettyHttpServer|io\\.netty\\.channel\\.(nio|epoll)"
                        + "|io\\.micronaut\\.management|io\\.micronaut\\.scheduling|io\\.micrometer|com\\.github\\.kagkarlsson"
                        + "|org\\.flywaydb|com\\.zaxxer|ch\\.qos\\.logback|org\\.h2"
                        + "|dev\\.migrationreview\\.(webhook|jobs|store|github|setup))\\..*"))
                .toList();
        assertEquals(List.of(), server, "server classes loaded by analyze");
    }

    @Test
    void analyzeJsonThroughTheRealMain() throws Exception {
        Files.writeString(dir.resolve("history.sql"), HISTORY);
        Files.writeString(dir.resolve("change.sql"), CHANGE);
        // found in the working directory without --config: production facts make the index build high
        Files.writeString(dir.resolve(".migration-review.yml"), BIG_ORDERS);

        Run run = process(dir, "analyze", "--format", "json", "--schema", "history.sql", "change.sql");

        assertEquals(1, run.exitCode(), "a high finding fails at the default fail-on high; stderr: " + run.err() + " stdout: " + run.out());
        JsonNode report = MAPPER.readTree(run.out());
        assertEquals("migration-review/v1", report.get("format").asText());
        assertEquals("postgresql", report.get("dialect").asText());
        assertEquals("14", report.get("databaseVersion").asText());
        assertEquals(1, report.get("files").size(), "--schema files are history, not reported");
        JsonNode file = report.get("files").get(0);
        assertEquals("change.sql", file.get("path").asText());
        assertEquals("plain", file.get("tool").asText());
        JsonNode statements = file.get("statements");
        assertEquals(3, statements.size());
        assertStatement(statements.get(0), 0, 2, 2, "ALTER TABLE", true);
        assertStatement(statements.get(1), 1, 4, 5, "CREATE INDEX", true);
        assertStatement(statements.get(2), 2, 6, 6, "FROBNICATE", false);
        assertEquals("ALTER TABLE orders ADD COLUMN note text", statements.get(0).get("sql").asText());
        assertEquals("public.orders", statements.get(0).get("locks").get(0).get("relation").asText());
        assertEquals("AccessExclusiveLock", statements.get(0).get("locks").get(0).get("mode").asText());
        assertEquals("ShareLock", statements.get(1).get("locks").get(0).get("mode").asText());
        assertTrue(rules(statements.get(1)).contains("create-index-non-concurrent"), statements.get(1).toString());
        assertTrue(rules(statements.get(2)).contains("statement-not-understood"), statements.get(2).toString());
        assertEquals("high", report.get("risk").asText());
        assertFalse(run.out().contains("INFO"), "logs stay off stdout");
    }

    @Test
    void exitCodesFollowFailOn() throws Exception {
        Path clean = Files.writeString(dir.resolve("clean.sql"), "CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);\n");
        Path index = Files.writeString(dir.resolve("index.sql"), "CREATE INDEX orders_status_idx ON orders (status);\n");
        Path history = Files.writeString(dir.resolve("history.sql"), HISTORY);
        Path big = Files.writeString(dir.resolve("big.yml"), BIG_ORDERS);
        Path lenient = Files.writeString(dir.resolve("lenient.yml"), "fail-on: critical\n" + BIG_ORDERS);

        Run cleanRun = cli("analyze", clean.toString());
        assertEquals(0, cleanRun.exitCode(), cleanRun.out());
        Run unknownSize = cli("analyze", "--schema", history.toString(), index.toString());
        assertTrue(unknownSize.out().contains("tables.orders.rows"), unknownSize.out());
        assertEquals(1, cli("analyze", "--config", big.toString(), "--schema", history.toString(), index.toString()).exitCode());
        Run relaxed = cli("analyze", "--config", lenient.toString(), "--schema", history.toString(), index.toString());
        assertEquals(0, relaxed.exitCode(), relaxed.out());
    }

    @Test
    void inputErrorsExitTwoNamingTheProblem() throws Exception {
        Path ok = Files.writeString(dir.resolve("ok.sql"), "SELECT 1;\n");
        Path badConfig = Files.writeString(dir.resolve("bad.yml"), "dialect: postgresql\nfail-on: sometimes\n");

        Run missing = cli("analyze", dir.resolve("nope.sql").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("nope.sql: no such file"), missing.err());

        Run config = cli("analyze", "--config", badConfig.toString(), ok.toString());
        assertEquals(2, config.exitCode());
        assertTrue(config.err().contains("bad.yml:2") && config.err().contains("fail-on"), config.err());

        Run dialect = cli("analyze", "--dialect", "oracle", ok.toString());
        assertEquals(2, dialect.exitCode());
        assertTrue(dialect.err().contains("--dialect: unknown dialect 'oracle'"), dialect.err());

        Run mysql = cli("analyze", "--dialect", "mysql", "--database-version", "7.1", ok.toString());
        assertEquals(2, mysql.exitCode());
        assertTrue(mysql.err().contains("--database-version: mysql 7.1 is outside what migration-review models (5.7, 8.0 to 8.4, 9.x)"),
                mysql.err());
        Run mariadb = cli("analyze", "--dialect", "mariadb", "--database-version", "10.2", ok.toString());
        assertEquals(2, mariadb.exitCode());
        assertTrue(mariadb.err().contains("mariadb 10.2 is outside what migration-review models (10.3 to 11.8)"), mariadb.err());

        assertEquals(2, cli("analyze", "--format", "xml", ok.toString()).exitCode());
        assertEquals(2, cli("analyze").exitCode(), "FILE is required");
        assertEquals(2, cli("no-such-command").exitCode());

        Run explain = cli("explain", "no-such-rule");
        assertEquals(2, explain.exitCode());
        assertTrue(explain.err().contains("no such rule"), explain.err());

        Run notGit = cli("review", "--repo", dir.toString());
        assertEquals(2, notGit.exitCode());
        assertTrue(notGit.err().contains("not a git repository"), notGit.err());
    }

    @Test
    void reviewOnARealRepositoryUsesHistoryAndConfigFromTheMergeBase() throws Exception {
        TestGit git = new TestGit(dir);
        git.init();
        git.write("db/migration/V1__orders.sql", HISTORY);
        git.write("db/migration/V2__customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, name text);\n");
        git.write(".github/migration-review.yml", "dialect: postgresql\ndatabase-version: \"16\"\n" + BIG_ORDERS);
        git.commit("history");
        git.git("checkout", "-q", "-b", "feature");
        git.write("db/migration/V3__index.sql", "-- speed up the status filter\nCREATE INDEX orders_status_idx ON orders (status);\n");
        // the pull request tries to silence its own finding: config is read from the base, so this has no effect
        git.write(".github/migration-review.yml", "dialect: postgresql\ndatabase-version: \"16\"\n" + TABLES
                + "rules:\n  create-index-non-concurrent: off\n");
        git.write("README.md", "not a migration\n");
        // editing an applied migration: reviewed, and the report says databases that ran it will not run it again
        git.write("db/migration/V2__customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, name text, email text);\n");
        git.commit("feature");

        Run json = cli("review", "--repo", dir.toString(), "--format", "json");
        assertEquals(1, json.exitCode(), json.err());
        JsonNode report = MAPPER.readTree(json.out());
        assertEquals("16", report.get("databaseVersion").asText());
        assertEquals(2, report.get("files").size());
        assertEquals("db/migration/V2__customers.sql", report.get("files").get(0).get("path").asText(), "in Flyway's order");
        JsonNode file = report.get("files").get(1);
        assertEquals("db/migration/V3__index.sql", file.get("path").asText());
        assertTrue(report.get("notes").toString().contains("db/migration/V2__customers.sql already exists at the base commit"),
                report.get("notes").toString());
        assertEquals("flyway", file.get("tool").asText());
        JsonNode statement = file.get("statements").get(0);
        assertStatement(statement, 0, 2, 2, "CREATE INDEX", true);
        assertTrue(rules(statement).contains("create-index-non-concurrent"), statement.toString());
        assertTrue(report.get("notes").get(0).asText().contains(".github/migration-review.yml at the base commit"), report.get("notes").toString());

        Run text = cli("review", "--repo", dir.toString(), "--base", "main", "--head", "feature");
        assertEquals(1, text.exitCode(), text.err());
        assertTrue(text.out().contains("db/migration/V3__index.sql:2  HIGH  create-index-non-concurrent  "), text.out());

        // untracked, so invisible to the review, which reads commits
        Path lenient = Files.writeString(dir.resolve("lenient.yml"), "fail-on: critical\n" + BIG_ORDERS);
        Run explicit = cli("review", "--repo", dir.toString(), "--config", lenient.toString());
        assertEquals(0, explicit.exitCode(), "--config replaces the base's config: " + explicit.err());

        Run nothing = cli("review", "--repo", dir.toString(), "--base", "feature", "--head", "feature", "--format", "markdown");
        assertEquals(0, nothing.exitCode(), nothing.err());
        assertTrue(nothing.out().startsWith("### migration-review: risk **NONE**"), nothing.out());

        Run badRef = cli("review", "--repo", dir.toString(), "--base", "no-such-branch");
        assertEquals(2, badRef.exitCode());
        assertTrue(badRef.err().contains("--base no-such-branch: no such commit"), badRef.err());
    }

    @Test
    void sarifRulesAndExplain() throws Exception {
        Files.writeString(dir.resolve("history.sql"), HISTORY);
        Path change = Files.writeString(dir.resolve("change.sql"), CHANGE);
        Run sarif = cli("analyze", "--format", "sarif", "--docs-url", "https://docs.example.com/rules/{id}.html",
                "--schema", dir.resolve("history.sql").toString(), change.toString());
        JsonNode root = MAPPER.readTree(sarif.out());
        assertEquals("2.1.0", root.get("version").asText());
        JsonNode run = root.get("runs").get(0);
        assertTrue(run.get("results").size() >= 2);
        run.get("tool").get("driver").get("rules").forEach(r -> assertEquals("https://docs.example.com/rules/" + r.get("id").asText()
                + ".html", r.get("helpUri").asText()));

        Run rules = cli("rules");
        assertEquals(0, rules.exitCode());
        assertTrue(rules.out().lines().anyMatch(l -> l.matches("create-index-non-concurrent +high +\\S.*")), rules.out());
        assertTrue(rules.out().lines().anyMatch(l -> l.startsWith("statement-not-understood ")), rules.out());

        Run explain = cli("explain", "statement-not-understood");
        assertEquals(0, explain.exitCode(), explain.err());
        assertTrue(explain.out().startsWith("# statement-not-understood"), explain.out());
        Run rulePage = cli("explain", "create-index-non-concurrent");
        assertEquals(0, rulePage.exitCode(), rulePage.err());
        assertTrue(rulePage.out().contains("CONCURRENTLY"), rulePage.out());
        String bad = Files.readString(Path.of("src/test/resources/rules/create-index-non-concurrent/bad.sql")).stripTrailing();
        assertTrue(rulePage.out().contains("## Example: Flagged (bad.sql)\n\n```sql\n" + bad + "\n```"), rulePage.out());
        assertTrue(rulePage.out().contains("## Example: Not flagged (good.sql)"), rulePage.out());
    }

    @Test
    void helpListsTheServerAsASubcommandAndTheExitCodes() {
        // Without arguments the jar runs `serve` (the GitHub App); the server's own tests start it.
        Run run = cli("--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: migration-review"), run.out());
        assertTrue(run.out().contains("  serve "), run.out());
        assertTrue(run.out().contains("2   usage, config or input error"), run.out());
    }

    private static void assertStatement(JsonNode s, int index, int startLine, int endLine, String kind, boolean understood) {
        assertEquals(index, s.get("index").asInt(), s.toString());
        assertEquals(startLine, s.get("startLine").asInt(), s.toString());
        assertEquals(endLine, s.get("endLine").asInt(), s.toString());
        assertEquals(kind, s.get("kind").asText(), s.toString());
        assertEquals(understood, s.get("understood").asBoolean(), s.toString());
    }

    private static List<String> rules(JsonNode statement) {
        List<String> out = new ArrayList<>();
        statement.get("findings").forEach(f -> out.add(f.get("rule").asText()));
        return out;
    }
}
