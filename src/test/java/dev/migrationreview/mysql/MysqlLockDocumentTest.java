package dev.migrationreview.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.mariadb.MariadbEffectsModel;
import dev.migrationreview.sql.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/locks-mysql.md's tables are the model's own: the fact table of each server, and what the model answers for each
 * case on each version. This test fails when the document and the model disagree; {@code -DlocksDoc.write=true}
 * rewrites the generated part.
 */
class MysqlLockDocumentTest {
    private static final Path DOCUMENT = Path.of("docs", "locks-mysql.md");
    private static final String BEGIN = "<!-- BEGIN GENERATED: MysqlLockDocumentTest -->";
    private static final String END = "<!-- END GENERATED -->";

    private static final List<String> MYSQL_VERSIONS = List.of("5.7", "8.0.12", "8.0.28", "8.0.29", "8.4", "9.1");
    private static final List<String> MARIADB_VERSIONS = List.of("10.3", "10.4", "10.11", "11.4", "11.8");

    /** A change on the example table, as the cases of the real-server harness write them. */
    record Case(String name, String statement) {}

    static final List<Case> CASES = List.of(
            new Case("add column at the end", "ALTER TABLE orders ADD COLUMN total int NOT NULL DEFAULT 0"),
            new Case("add column after another", "ALTER TABLE orders ADD COLUMN total int AFTER id"),
            new Case("drop column", "ALTER TABLE orders DROP COLUMN note"),
            new Case("rename column", "ALTER TABLE orders RENAME COLUMN note TO remark"),
            new Case("set default", "ALTER TABLE orders ALTER COLUMN note SET DEFAULT 'x'"),
            new Case("varchar(60) to (63), utf8mb4", "ALTER TABLE orders MODIFY note varchar(63) DEFAULT NULL"),
            new Case("varchar(60) to (100), utf8mb4: across 255 bytes", "ALTER TABLE orders MODIFY note varchar(100) DEFAULT NULL"),
            new Case("ENUM value appended", "ALTER TABLE orders MODIFY status enum('new','paid','shipped') NOT NULL"),
            new Case("ENUM values reordered", "ALTER TABLE orders MODIFY status enum('paid','new') NOT NULL"),
            new Case("change type int to bigint", "ALTER TABLE orders MODIFY customer_id bigint NOT NULL"),
            new Case("make NOT NULL", "ALTER TABLE orders MODIFY note varchar(60) NOT NULL"),
            new Case("add index", "CREATE INDEX idx_note ON orders (note)"),
            new Case("add first FULLTEXT index", "ALTER TABLE orders ADD FULLTEXT INDEX ft_note (note)"),
            new Case("drop index", "ALTER TABLE orders DROP INDEX idx_customer"),
            new Case("add foreign key", "ALTER TABLE orders ADD CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customers (id)"),
            new Case("add foreign key, foreign_key_checks=0",
                    "SET foreign_key_checks = 0;\nALTER TABLE orders ADD CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES customers (id)"),
            new Case("replace primary key", "ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, customer_id)"),
            new Case("convert to utf8mb4", "ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4"),
            new Case("OPTIMIZE TABLE", "OPTIMIZE TABLE orders"),
            new Case("rename table", "ALTER TABLE orders RENAME TO purchases"));

    static final String HISTORY = """
            CREATE TABLE customers (id int NOT NULL PRIMARY KEY);
            CREATE TABLE orders (
              id int NOT NULL AUTO_INCREMENT,
              status enum('new','paid') NOT NULL,
              note varchar(60) DEFAULT NULL,
              customer_id int NOT NULL,
              PRIMARY KEY (id),
              KEY idx_customer (customer_id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            """;

    @Test
    void documentMatchesTheModel() throws Exception {
        String text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END, Math.max(b, 0));
        assertTrue(b >= 0 && e > b, DOCUMENT + " has no " + BEGIN + " ... " + END + " section");
        String updated = text.substring(0, b + BEGIN.length()) + "\n" + render() + text.substring(e);
        if (Boolean.getBoolean("locksDoc.write")) {
            Files.writeString(DOCUMENT, updated, StandardCharsets.UTF_8);
            text = updated;
        }
        assertEquals(updated, text, DOCUMENT + " is out of date with the model: run this test with -DlocksDoc.write=true");
    }

    static String render() {
        StringBuilder out = new StringBuilder();
        out.append("### What each version does, case by case\n\n");
        out.append("Each cell: algorithm / lock / `rebuild` when the table is rebuilt, with ALGORITHM=DEFAULT and LOCK=DEFAULT, on this"
                + " history:\n\n```sql\n").append(HISTORY).append("```\n\n");
        matrix(out, Dialect.MYSQL, MYSQL_VERSIONS);
        out.append('\n');
        matrix(out, Dialect.MARIADB, MARIADB_VERSIONS);
        out.append("\n### MySQL facts\n\n");
        facts(out, new MysqlEffectsModel().facts());
        out.append("\n### MariaDB facts\n\n");
        facts(out, new MariadbEffectsModel().facts());
        return out.toString();
    }

    private static void matrix(StringBuilder out, Dialect dialect, List<String> versions) {
        out.append("| case (").append(dialect == Dialect.MYSQL ? "MySQL" : "MariaDB").append(") |");
        versions.forEach(v -> out.append(' ').append(v).append(" |"));
        out.append("\n|---|");
        versions.forEach(v -> out.append("---|"));
        out.append('\n');
        for (Case c : CASES) {
            out.append("| ").append(c.name()).append(" |");
            for (String v : versions) {
                StatementReport s = MysqlReview.last(dialect, v, HISTORY, c.statement() + ";");
                OnlineDdl d = s.ddl();
                out.append(' ').append(d == null ? "-" : d.algorithm() + " / " + d.lock() + (d.rebuildsTable() ? " / rebuild" : "")).append(" |");
            }
            out.append('\n');
        }
    }

    private static void facts(StringBuilder out, ServerFacts facts) {
        out.append("| change | from | algorithm | lock | rebuilds | source |\n|---|---|---|---|---|---|\n");
        for (ServerFacts.Fact f : facts.facts()) {
            out.append("| ").append(f.change().description()).append(" | ").append(f.since()).append(" | ").append(f.algorithm())
                    .append(" | ").append(f.lock()).append(" | ").append(f.rebuilds() ? "yes" : "no").append(" | ").append(f.citation())
                    .append(" |\n");
        }
    }
}
