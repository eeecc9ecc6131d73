package dev.migrationreview.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.sql.Dialect;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A rule id shared by PostgreSQL and MySQL (drop-column) has a page per dialect family: explain, the app's rule pages and
 * the links in reports pick the reviewed dialect's, and a rule of one dialect is found whatever the dialect asked for.
 */
class RuleDocsDialectTest {

    @Test
    void aSharedIdHasAPagePerDialectFamily() {
        String mysql = RuleDocs.markdown("drop-column", Dialect.MARIADB).orElseThrow();
        String postgres = RuleDocs.markdown("drop-column", Dialect.POSTGRESQL).orElseThrow();
        assertTrue(mysql.startsWith("# drop-column"), mysql);
        assertTrue(mysql.contains("MySQL and MariaDB page"), mysql);
        assertTrue(mysql.contains("## Example: Flagged (bad.sql)"), "the MySQL examples come with the MySQL page: " + mysql);
        assertTrue(mysql.contains("ALTER TABLE orders DROP COLUMN note;"), mysql);
        assertTrue(postgres.contains("ACCESS EXCLUSIVE"), postgres);
        assertFalse(postgres.contains("MySQL and MariaDB page"), postgres);
        assertEquals(postgres, RuleDocs.markdown("drop-column").orElseThrow(), "without a dialect: PostgreSQL's, as before");
    }

    @Test
    void aRuleOfOneDialectIsFoundWhateverTheDialect() {
        assertTrue(RuleDocs.markdown("table-copy", Dialect.POSTGRESQL).orElseThrow().startsWith("# table-copy"));
        assertTrue(RuleDocs.markdown("create-index-non-concurrent", Dialect.MYSQL).orElseThrow().startsWith("# create-index-non-concurrent"));
        assertEquals(Optional.empty(), RuleDocs.markdown("no-such-rule", Dialect.MYSQL));
    }

    @Test
    void linksNameTheDialectsPage() {
        assertEquals("mysql/drop-column", RuleDocs.pagePath("drop-column", Dialect.MYSQL));
        assertEquals("drop-column", RuleDocs.pagePath("drop-column", Dialect.POSTGRESQL));
        assertEquals("mysql/table-copy", RuleDocs.pagePath("table-copy", Dialect.MARIADB));
        assertEquals(Optional.of("https://example.com/rules/mysql/drop-column"),
                RuleDocs.link("https://example.com/rules/", "drop-column", Dialect.MYSQL));
        assertEquals(Optional.of("https://github.com/o/r/blob/main/docs/rules/mysql/drop-column.md"),
                RuleDocs.link("https://github.com/o/r/blob/main/docs/rules/{id}.md", "drop-column", Dialect.MYSQL));
    }
}
