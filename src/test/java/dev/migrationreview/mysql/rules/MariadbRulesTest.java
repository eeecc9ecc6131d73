package dev.migrationreview.mysql.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import io.micronaut.context.BeanContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The same rules on MariaDB: every example runs on MariaDB 10.11 without a rule failing; the rules whose cause does
 * not depend on the server still fire; what MariaDB decides differently (its WAIT clause, its one-day default
 * lock_wait_timeout, no row-version limit) is said in MariaDB's terms.
 */
class MariadbRulesTest {

    /** Rules whose bad example is wrong on any server, whatever its online DDL. */
    private static final List<String> ANY_SERVER = List.of("drop-column", "drop-table", "rename-column", "rename-table",
            "several-ddl-statements", "lock-timeout-missing", "update-without-where", "delete-without-where", "enum-value-reorder",
            "charset-conversion", "fulltext-index-rebuild", "foreign-key-without-index");

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

    private static Report onMariadb(String id, String file) throws IOException {
        return MysqlRuleCatalogueTest.review(engine, id, file,
                yaml -> yaml.replace("dialect: mysql", "dialect: mariadb").replaceAll("database-version: \"[^\"]*\"", "database-version: \"10.11\""));
    }

    private static List<Finding> findings(Report report) {
        return report.files().stream().flatMap(f -> f.statements().stream()).map(StatementReport::findings).flatMap(List::stream).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRunsOnMariadb() throws IOException {
        List<String> ids;
        try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/rules-mysql"))) {
            ids = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
        return ids.stream().flatMap(id -> Stream.of("bad.sql", "good.sql").map(file -> DynamicTest.dynamicTest(id + "/" + file, () -> {
            Report report = onMariadb(id, file);
            assertEquals("mariadb", report.dialect());
            assertEquals(List.of(), report.notes().stream().filter(n -> n.startsWith("Rule ") && n.contains(" failed on ")).toList());
            if (file.equals("bad.sql") && ANY_SERVER.contains(id)) {
                assertTrue(findings(report).stream().anyMatch(f -> f.rule().equals(id)), id + " on MariaDB: " + findings(report));
            }
            if (id.equals("instant-row-version-limit")) {
                assertTrue(findings(report).stream().noneMatch(f -> f.rule().equals(id)), "MariaDB keeps no row-version count");
            }
        })));
    }

    @Test
    void mariadbsWaitClauseBoundsTheMetadataLockWait() throws IOException {
        ReviewConfig config = new YamlConfigLoader().parse(".github/migration-review.yml", "dialect: mariadb\ndatabase-version: \"10.11\"\n");
        LayoutMigrationFinder finder = new LayoutMigrationFinder();
        MigrationScript base = finder.script("db/migration/V1__base.sql",
                "CREATE TABLE orders (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, note VARCHAR(50)) ENGINE=InnoDB;\n", null);
        MigrationScript waits = finder.script("db/migration/V2__waits.sql", "ALTER TABLE orders WAIT 5 ADD COLUMN shipped_at DATETIME NULL;\n", null);
        MigrationScript unbounded = finder.script("db/migration/V2__unbounded.sql", "ALTER TABLE orders ADD COLUMN shipped_at DATETIME NULL;\n", null);
        List<Finding> withWait = findings(engine.review(config, List.of(base), List.of(waits), Optional.empty(), Map.of()));
        List<Finding> without = findings(engine.review(config, List.of(base), List.of(unbounded), Optional.empty(), Map.of()));
        assertTrue(withWait.stream().noneMatch(f -> f.rule().equals("lock-timeout-missing")), withWait.toString());
        Finding f = without.stream().filter(x -> x.rule().equals("lock-timeout-missing")).findFirst().orElseThrow();
        assertTrue(f.message().contains("86400 seconds (a day)"), f.message());
        assertTrue(f.fix().contains("WAIT 5"), f.fix());
    }
}
