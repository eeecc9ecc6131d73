package dev.migrationreview.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Risk;
import dev.migrationreview.config.ReviewConfig.DeployStrategy;
import dev.migrationreview.config.ReviewConfig.MigrationLocation;
import dev.migrationreview.config.ReviewConfig.RuleSetting;
import dev.migrationreview.config.ReviewConfig.TableFacts;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlConfigLoaderTest {
    private static final String FILE = ".github/migration-review.yml";
    private final YamlConfigLoader loader = new YamlConfigLoader();

    private static String resource(String name) throws IOException {
        try (var in = YamlConfigLoaderTest.class.getResourceAsStream("/config/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDocumentedExampleReadsAsWritten() throws IOException {
        ReviewConfig config = loader.parse(FILE, resource("documented-example.yml"));

        assertEquals(Dialect.POSTGRESQL, config.dialect());
        assertEquals(16, config.databaseVersion());
        assertEquals(List.of(new MigrationLocation("db/migration", "flyway")), config.migrations());
        assertEquals("db/structure.sql", config.schemaFile());
        assertEquals(DeployStrategy.ROLLING, config.deploy());
        assertEquals(Risk.HIGH, config.failOn());
        assertEquals(1_000_000L, config.largeTableRows());
        assertEquals(Map.of("orders", new TableFacts(5_000_000L, 2L * 1024 * 1024 * 1024, true)), config.tables());
        assertEquals(Map.of("prefer-text-field", new RuleSetting(false, null),
                "create-index-non-concurrent", new RuleSetting(true, Risk.CRITICAL)), config.rules());
        assertEquals(List.of("db/migration/legacy/**"), config.ignorePaths());
    }

    @Test
    void theDocumentedExampleInDocsIsTheTestedOne() throws IOException {
        java.nio.file.Path doc = java.nio.file.Path.of("docs/configuration.md");
        String text = java.nio.file.Files.readString(doc);
        assertTrue(text.contains(resource("documented-example.yml").strip()),
                "docs/configuration.md must show src/test/resources/config/documented-example.yml verbatim");
    }

    @Test
    void aMissingFileMeansDefaults() throws IOException {
        ReviewConfig config = loader.load(new InMemoryRepositoryFiles(Map.of("db/V1__a.sql", "select 1;")));

        assertEquals(ReviewConfig.defaults(), config);
        assertEquals(Dialect.POSTGRESQL, config.dialect());
        assertEquals(14, config.databaseVersion());
        assertTrue(config.migrations().isEmpty(), "no locations: detect from the layout");
        assertEquals(Risk.HIGH, config.failOn());
    }

    @Test
    void aYamlExtensionIsNamedInsteadOfSilentlyIgnored() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(new InMemoryRepositoryFiles(Map.of(
                ".github/migration-review.yaml", "fail-on: low\n"))));
        assertEquals(".github/migration-review.yaml", e.file());
        assertTrue(e.getMessage().contains("must be named .github/migration-review.yml"), e.getMessage());
    }

    @Test
    void anEmptyFileMeansDefaults() {
        assertEquals(ReviewConfig.defaults(), loader.parse(FILE, "# nothing configured yet\n"));
    }

    @Test
    void theGithubDirectoryFileWinsOverTheRootOne() throws IOException {
        ReviewConfig config = loader.load(new InMemoryRepositoryFiles(Map.of(
                ".github/migration-review.yml", "database-version: 16\n",
                ".migration-review.yml", "database-version: 12\n")));
        assertEquals(16, config.databaseVersion());

        ReviewConfig root = loader.load(new InMemoryRepositoryFiles(Map.of(".migration-review.yml", "fail-on: medium\n")));
        assertEquals(Risk.MEDIUM, root.failOn());
    }

    @Test
    void anUnknownTopLevelKeyNamesTheKeyAndLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.parse(FILE, "dialect: postgresql\nfail_on: high\n"));
        assertEquals(FILE, e.file());
        assertEquals("fail_on", e.key());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(FILE + ":2: fail_on: unknown key"), e.getMessage());
        assertTrue(e.getMessage().contains("fail-on"), "lists the valid keys: " + e.getMessage());
    }

    @Test
    void anUnknownNestedKeyNamesItsDottedPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(FILE, """
                tables:
                  orders:
                    rows: 10
                    row: 12
                """));
        assertEquals("tables.orders.row", e.key());
        assertEquals(4, e.line());
    }

    @Test
    void aWrongTypeNamesTheKeyAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(FILE, """
                dialect: postgresql
                tables:
                  orders: { rows: [1, 2], hot: true }
                """));
        assertEquals("tables.orders.rows", e.key());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("expected a whole number, found a list"), e.getMessage());

        ConfigException list = assertThrows(ConfigException.class, () -> loader.parse(FILE, "ignore-paths: db/legacy/**\n"));
        assertEquals("ignore-paths", list.key());
        assertEquals(1, list.line());

        ConfigException migrations = assertThrows(ConfigException.class, () -> loader.parse(FILE, """
                migrations:
                  path: db/migration
                """));
        assertEquals("migrations", migrations.key());
        assertEquals(2, migrations.line());
    }

    @Test
    void aBadValueNamesTheKeyLineAndTheAllowedValues() {
        ConfigException dialect = assertThrows(ConfigException.class, () -> loader.parse(FILE, "\n\ndialect: oracle\n"));
        assertEquals("dialect", dialect.key());
        assertEquals(3, dialect.line());
        assertTrue(dialect.getMessage().contains("postgresql, mysql or mariadb"), dialect.getMessage());

        ConfigException tool = assertThrows(ConfigException.class, () -> loader.parse(FILE, """
                migrations:
                  - path: db/migration
                    tool: flyway
                  - path: sql
                    tool: alembic
                """));
        assertEquals("migrations[1].tool", tool.key());
        assertEquals(5, tool.line());

        ConfigException risk = assertThrows(ConfigException.class, () -> loader.parse(FILE, """
                rules:
                  create-index-non-concurrent: { risk: severe }
                """));
        assertEquals("rules.create-index-non-concurrent.risk", risk.key());
        assertEquals(2, risk.line());

        ConfigException bytes = assertThrows(ConfigException.class, () -> loader.parse(FILE, """
                tables:
                  orders:
                    bytes: 2 gigs
                """));
        assertEquals("tables.orders.bytes", bytes.key());
        assertEquals(3, bytes.line());

        ConfigException version = assertThrows(ConfigException.class, () -> loader.parse(FILE, "database-version: latest\n"));
        assertEquals("database-version", version.key());
        assertEquals(1, version.line());

        ConfigException deploy = assertThrows(ConfigException.class, () -> loader.parse(FILE, "deploy: canary\n"));
        assertTrue(deploy.getMessage().contains("rolling, blue-green or downtime-ok"), deploy.getMessage());

        ConfigException rows = assertThrows(ConfigException.class, () -> loader.parse(FILE, "large-table-rows: -5\n"));
        assertEquals("large-table-rows", rows.key());

        ConfigException hot = assertThrows(ConfigException.class, () -> loader.parse(FILE, "tables:\n  t: { hot: maybe }\n"));
        assertEquals("tables.t.hot", hot.key());
        assertEquals(2, hot.line());
    }

    @Test
    void aFileThatIsNotAMappingIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(FILE, "- dialect: postgresql\n"));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("expected a mapping"), e.getMessage());
    }

    @Test
    void aMigrationWithoutPathIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(FILE, """
                migrations:
                  - tool: goose
                """));
        assertEquals("migrations[0].path", e.key());
        assertEquals(2, e.line());
    }

    @Test
    void aDuplicateKeyIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(FILE, "fail-on: high\nfail-on: low\n"));
        assertEquals("fail-on", e.key());
        assertEquals(2, e.line());
    }

    @Test
    void brokenYamlNamesTheLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(FILE, "dialect: postgresql\ntables: {orders: \n"));
        assertEquals(FILE, e.file());
        assertTrue(e.line() >= 2, "line of the YAML problem: " + e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void sizesAcceptUnitsAndPlainBytes() {
        ReviewConfig config = loader.parse(FILE, """
                tables:
                  a: { bytes: 2GB }
                  b: { bytes: 500MB }
                  c: { bytes: 123 }
                  d: { bytes: 1.5 kB }
                  e: { bytes: 3TiB, rows: 1_000 }
                """);
        assertEquals(2L << 30, config.tables().get("a").bytes());
        assertEquals(500L << 20, config.tables().get("b").bytes());
        assertEquals(123L, config.tables().get("c").bytes());
        assertEquals(1536L, config.tables().get("d").bytes());
        assertEquals(3L << 40, config.tables().get("e").bytes());
        assertEquals(1000L, config.tables().get("e").rows());
        assertNull(config.tables().get("a").rows());
        assertFalse(config.tables().get("a").hot());
        assertTrue(loader.parse(FILE, "tables:\n  t: { hot: \"true\" }\n").tables().get("t").hot(), "a quoted boolean reads the same");
    }

    @Test
    void ruleSettingsTakeEveryDocumentedForm() {
        ReviewConfig config = loader.parse(FILE, """
                rules:
                  a: off
                  b: on
                  c: low
                  d: { risk: critical }
                  e: { enabled: false }
                  not-a-known-rule: off
                """);
        assertEquals(new RuleSetting(false, null), config.rules().get("a"));
        assertEquals(new RuleSetting(true, null), config.rules().get("b"));
        assertEquals(new RuleSetting(true, Risk.LOW), config.rules().get("c"));
        assertEquals(new RuleSetting(true, Risk.CRITICAL), config.rules().get("d"));
        assertEquals(new RuleSetting(false, null), config.rules().get("e"));
        assertTrue(config.rules().containsKey("not-a-known-rule"), "unknown ids are kept for the engine to report");
    }

    @Test
    void mysqlWithoutAVersionDefaultsToTheOldestSupportedMysql() {
        ReviewConfig config = loader.parse(FILE, "dialect: mysql\n");
        assertEquals(Dialect.MYSQL, config.dialect());
        assertEquals(8, config.databaseVersion());
        assertEquals(10, loader.parse(FILE, "dialect: mariadb\n").databaseVersion());
        assertEquals(15, loader.parse(FILE, "database-version: 15.4\n").databaseVersion());
    }
}
