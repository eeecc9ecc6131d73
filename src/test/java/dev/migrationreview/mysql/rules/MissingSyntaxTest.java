package dev.migrationreview.mysql.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.config.Risk;
import io.micronaut.context.BeanContext;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rename the production server cannot parse is the migration failing, not a quick metadata change: rename-column's
 * bad example on MySQL 5.7 and MariaDB 10.4 gets a critical online-ddl-refused finding whose fix is CHANGE COLUMN with the
 * column's definition from the history.
 */
class MissingSyntaxTest {
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

    private static List<Finding> refused(String dialect, String version) throws IOException {
        return MysqlRuleCatalogueTest.review(engine, "rename-column", "bad.sql",
                        yaml -> yaml.replace("dialect: mysql", "dialect: " + dialect)
                                .replaceAll("database-version: \"[^\"]*\"", "database-version: \"" + version + "\""))
                .files().stream().flatMap(f -> f.statements().stream()).map(StatementReport::findings).flatMap(List::stream)
                .filter(f -> f.rule().equals("online-ddl-refused")).toList();
    }

    @Test
    void renameColumnOnMysql57FailsAndTheFixIsChangeColumn() throws IOException {
        List<Finding> findings = refused("mysql", "5.7.44");
        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertTrue(f.message().startsWith("RENAME COLUMN exists from MySQL 8.0.3; MySQL 5.7.44 rejects it as a syntax error (1064)."),
                f.message());
        assertTrue(f.fix().contains("ALTER TABLE orders CHANGE COLUMN note comment varchar(50) CHARACTER SET utf8mb4 NULL;"), f.fix());
    }

    @Test
    void renameColumnOnMariadb104FailsToo() throws IOException {
        assertEquals(1, refused("mariadb", "10.4").size());
    }

    @Test
    void releasesThatHaveTheSyntaxRunIt() throws IOException {
        assertEquals(List.of(), refused("mysql", "8.0.3"));
        assertEquals(List.of(), refused("mariadb", "10.5.2"));
    }
}
