package dev.migrationreview.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.mysql.sql.MysqlColumnTypes;
import dev.migrationreview.mysql.sql.MysqlStatementParser;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class MysqlStatementParserTest {
    private final MysqlStatementParser parser = new MysqlStatementParser();

    @Test
    void commentsQuotesAndEscapesDoNotEndStatements() {
        List<ParsedStatement> s = parser.parse("""
                # a hash comment; not a statement
                INSERT INTO `t` (a) VALUES ('it\\'s; fine', "x;y"); -- trailing
                -- migration-review:ignore drop-table reason
                DROP TABLE `old`;
                --not a comment in MySQL without the space is still fine here
                """);
        assertEquals("INSERT", s.get(0).kind());
        assertEquals(2, s.get(0).span().startLine());
        assertInstanceOf(Statement.DropTable.class, s.get(1).statement());
        assertEquals(List.of("migration-review:ignore drop-table reason"), s.get(1).raw().leadingComments());
    }

    @Test
    void delimiterBlocksAndRoutineBodiesStayWhole() {
        List<ParsedStatement> s = parser.parse("""
                DELIMITER $$
                CREATE TRIGGER trg BEFORE INSERT ON orders FOR EACH ROW
                BEGIN
                  SET NEW.a = 1;
                  IF NEW.b IS NULL THEN SET NEW.b = 2; END IF;
                END$$
                DELIMITER ;
                CREATE PROCEDURE p()
                BEGIN
                  SELECT CASE WHEN 1 THEN 2 END;
                  UPDATE t SET a = 1;
                END;
                SELECT 1;
                """);
        assertEquals(List.of("DELIMITER", "CREATE TRIGGER", "DELIMITER", "CREATE PROCEDURE", "SELECT"),
                s.stream().map(ParsedStatement::kind).toList());
        assertEquals(2, s.get(1).span().startLine());
        assertEquals(6, s.get(1).span().endLine());
        assertEquals(12, s.get(3).span().endLine());
    }

    @Test
    void versionedCommentsAreStatements() {
        List<ParsedStatement> s = parser.parse("/*!40101 SET NAMES utf8mb4 */;\n/*!40014 SET FOREIGN_KEY_CHECKS=0 */;\n");
        assertEquals(2, s.size());
        Statement.SetParameter fk = assertInstanceOf(Statement.SetParameter.class, s.get(1).statement());
        assertEquals("foreign_key_checks", fk.name());
    }

    @Test
    void alterTableActionsInMysqlTerms() {
        ParsedStatement p = parser.parse("""
                ALTER TABLE `orders`
                  ADD COLUMN `note` varchar(300) CHARACTER SET utf8mb4 NOT NULL DEFAULT '' AFTER `id`,
                  MODIFY `status` enum('new','paid','shipped') NOT NULL,
                  CHANGE COLUMN `Old` `new_name` int unsigned NULL FIRST,
                  ADD FULLTEXT INDEX ft_note (note),
                  DROP FOREIGN KEY fk_x,
                  RENAME INDEX a TO b,
                  ALGORITHM=INPLACE, LOCK=NONE
                """).get(0);
        Statement.AlterTable a = assertInstanceOf(Statement.AlterTable.class, p.statement());
        assertEquals("orders", a.table().name());
        AlterTableAction.AddColumn add = assertInstanceOf(AlterTableAction.AddColumn.class, a.actions().get(0));
        assertEquals("AFTER id", add.position());
        assertEquals("utf8mb4", MysqlColumnTypes.charset(add.column().type()));
        assertEquals(1200, MysqlColumnTypes.maxBytes(add.column().type(), "latin1"));
        AlterTableAction.ChangeColumn modify = assertInstanceOf(AlterTableAction.ChangeColumn.class, a.actions().get(1));
        assertEquals(List.of("new", "paid", "shipped"), MysqlColumnTypes.values(modify.column().type()));
        AlterTableAction.ChangeColumn change = assertInstanceOf(AlterTableAction.ChangeColumn.class, a.actions().get(2));
        assertEquals("old", change.from());
        assertEquals("new_name", change.column().name());
        assertEquals("FIRST", change.position());
        AlterTableAction.AddIndex ft = assertInstanceOf(AlterTableAction.AddIndex.class, a.actions().get(3));
        assertEquals("fulltext", ft.method());
        assertInstanceOf(AlterTableAction.DropConstraint.class, a.actions().get(4));
        assertInstanceOf(AlterTableAction.RenameIndex.class, a.actions().get(5));
        assertEquals(new AlterTableAction.OnlineDdlClause("ALGORITHM", "INPLACE"), a.actions().get(6));
        assertEquals(new AlterTableAction.OnlineDdlClause("LOCK", "NONE"), a.actions().get(7));
    }

    @Test
    void createTableKeepsKeysOptionsAndTheTableCharset() {
        Statement.CreateTable t = assertInstanceOf(Statement.CreateTable.class, parser.parse("""
                CREATE TABLE IF NOT EXISTS `users` (
                  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
                  `email` varchar(255) NOT NULL,
                  `kind` set('a','b') DEFAULT NULL,
                  `full` varchar(100) GENERATED ALWAYS AS (concat(a, b)) STORED,
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `uq_email` (`email`),
                  KEY `idx_kind` (`kind`, `email`(10)),
                  CONSTRAINT `fk_org` FOREIGN KEY (`org_id`) REFERENCES `orgs` (`id`) ON DELETE CASCADE
                ) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_bin;
                """).get(0).statement());
        assertEquals(4, t.columns().size());
        assertEquals("AUTO_INCREMENT", t.columns().get(0).identity());
        assertEquals("utf8mb3", MysqlColumnTypes.charset(t.columns().get(1).type()));
        assertEquals("concat(a, b)", t.columns().get(3).generatedExpression());
        assertEquals(2, t.indexes().size());
        assertEquals(List.of("kind", "email(10)"), t.indexes().get(1).columns());
        assertEquals(2, t.constraints().size());
        assertEquals("CASCADE", t.constraints().get(1).onDelete());
        assertTrue(t.options().stream().anyMatch(o -> o.option().equals("ENGINE") && o.value().equals("InnoDB")));
    }

    @Test
    void dropIndexIsAnAlterTableAndUnknownStaysUnknown() {
        List<ParsedStatement> s = parser.parse("DROP INDEX idx ON t ALGORITHM=INPLACE LOCK=NONE; FROBNICATE everything;");
        Statement.AlterTable a = assertInstanceOf(Statement.AlterTable.class, s.get(0).statement());
        assertEquals(new AlterTableAction.DropIndex("idx"), a.actions().get(0));
        assertEquals(3, a.actions().size());
        assertInstanceOf(Statement.Unrecognised.class, s.get(1).statement());
        assertNotNull(s.get(1).parseError());
    }

    @Test
    void anUnclosedStringIsMarkedAndTheRestStillSplit() {
        List<ParsedStatement> s = parser.parse("INSERT INTO t VALUES ('oops);\nDROP TABLE x;\n");
        assertNotNull(s.get(0).raw().unterminated());
        assertNull(s.get(s.size() - 1).raw().unterminated());
    }
}
