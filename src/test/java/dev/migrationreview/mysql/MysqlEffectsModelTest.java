package dev.migrationreview.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.OnlineDdl.Algorithm;
import dev.migrationreview.analysis.OnlineDdl.LockLevel;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.sql.Dialect;
import org.junit.jupiter.api.Test;

class MysqlEffectsModelTest {
    static final String ORDERS = """
            CREATE TABLE orders (
              id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
              status enum('new','paid') NOT NULL,
              note varchar(60) DEFAULT NULL,
              customer_id bigint NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            """;

    private static OnlineDdl ddl(Dialect d, String version, String change) {
        StatementReport s = MysqlReview.last(d, version, ORDERS, change);
        assertNotNull(s.ddl(), change + " has no ddl on " + d.configName() + " " + version);
        return s.ddl();
    }

    @Test
    void addColumnAtTheEndIsInstantFrom8012AndRebuildsBefore() {
        String add = "ALTER TABLE orders ADD COLUMN total int NOT NULL DEFAULT 0;";
        assertEquals(new OnlineDdl(Algorithm.INPLACE, LockLevel.NONE, true), plain(ddl(Dialect.MYSQL, "5.7", add)));
        assertEquals(new OnlineDdl(Algorithm.INPLACE, LockLevel.NONE, true), plain(ddl(Dialect.MYSQL, "8.0.11", add)));
        assertEquals(new OnlineDdl(Algorithm.INSTANT, LockLevel.NONE, false), plain(ddl(Dialect.MYSQL, "8.0.12", add)));
        assertEquals(new OnlineDdl(Algorithm.INSTANT, LockLevel.NONE, false), plain(ddl(Dialect.MARIADB, "10.3", add)));
    }

    @Test
    void addColumnAfterAnotherIsInstantFrom8029AndMariadb104() {
        String add = "ALTER TABLE orders ADD COLUMN total int AFTER id;";
        assertTrue(ddl(Dialect.MYSQL, "8.0.28", add).rebuildsTable());
        assertEquals(Algorithm.INSTANT, ddl(Dialect.MYSQL, "8.0.29", add).algorithm());
        assertEquals(Algorithm.INPLACE, ddl(Dialect.MARIADB, "10.3", add).algorithm());
        assertEquals(Algorithm.INSTANT, ddl(Dialect.MARIADB, "10.4", add).algorithm());
    }

    @Test
    void renameColumnIsInstantFrom8028() {
        String rename = "ALTER TABLE orders RENAME COLUMN note TO remark;";
        assertEquals(Algorithm.INPLACE, ddl(Dialect.MYSQL, "8.0.27", rename).algorithm());
        assertFalse(ddl(Dialect.MYSQL, "8.0.27", rename).rebuildsTable());
        assertEquals(Algorithm.INSTANT, ddl(Dialect.MYSQL, "8.0.28", rename).algorithm());
    }

    @Test
    void renameColumnAndRenameIndexAreSyntaxErrorsBeforeTheReleasesThatAddedThem() {
        String rename = "ALTER TABLE orders RENAME COLUMN note TO remark;";
        OnlineDdl old = ddl(Dialect.MYSQL, "5.7.44", rename);
        assertTrue(old.refused());
        assertFalse(old.requested());
        assertEquals("RENAME COLUMN exists from MySQL 8.0.3; MySQL 5.7.44 rejects it as a syntax error (1064).", old.refusal());
        assertFalse(ddl(Dialect.MYSQL, "8.0.3", rename).refused());
        assertTrue(ddl(Dialect.MARIADB, "10.4", rename).refused());
        assertFalse(ddl(Dialect.MARIADB, "10.5.2", rename).refused());
        String renameIndex = "CREATE INDEX orders_note ON orders (note);\nALTER TABLE orders RENAME INDEX orders_note TO orders_remark;";
        assertTrue(ddl(Dialect.MARIADB, "10.5.1", renameIndex).refused());
        assertFalse(ddl(Dialect.MARIADB, "10.5.2", renameIndex).refused());
        assertFalse(ddl(Dialect.MYSQL, "5.7", renameIndex).refused());
        // CHANGE old new is the spelling every version reads
        assertFalse(ddl(Dialect.MYSQL, "5.7", "ALTER TABLE orders CHANGE note remark varchar(60) DEFAULT NULL;").refused());
    }

    @Test
    void varcharAcross255BytesAndEnumReorderCopyTheTable() {
        // utf8mb4: 60 characters are 240 bytes, 100 are 400: the length prefix grows from 1 to 2 bytes
        assertEquals(new OnlineDdl(Algorithm.COPY, LockLevel.SHARED, true),
                plain(ddl(Dialect.MYSQL, "8.0.35", "ALTER TABLE orders MODIFY note varchar(100) DEFAULT NULL;")));
        assertEquals(new OnlineDdl(Algorithm.INPLACE, LockLevel.NONE, false),
                plain(ddl(Dialect.MYSQL, "8.0.35", "ALTER TABLE orders MODIFY note varchar(63) DEFAULT NULL;")));
        assertEquals(Algorithm.INSTANT, ddl(Dialect.MYSQL, "8.0.35",
                "ALTER TABLE orders MODIFY status enum('new','paid','shipped') NOT NULL;").algorithm());
        assertEquals(Algorithm.COPY, ddl(Dialect.MYSQL, "8.0.35",
                "ALTER TABLE orders MODIFY status enum('new','shipped','paid') NOT NULL;").algorithm());
    }

    @Test
    void aRequestTheServerCannotMeetIsRefusedAndDescribedAsAsked() {
        OnlineDdl d = ddl(Dialect.MYSQL, "8.0.12", "ALTER TABLE orders ADD COLUMN x int AFTER id, ALGORITHM=INSTANT;");
        assertEquals(Algorithm.INSTANT, d.algorithm());
        assertTrue(d.requested());
        assertNotNull(d.refusal());
        assertFalse(d.rebuildsTable());
        OnlineDdl fulltext = ddl(Dialect.MYSQL, "8.0.35", "ALTER TABLE orders ADD FULLTEXT INDEX ft (note), LOCK=NONE;");
        assertEquals(LockLevel.NONE, fulltext.lock());
        assertNotNull(fulltext.refusal());
        OnlineDdl ok = ddl(Dialect.MYSQL, "8.0.35", "CREATE INDEX idx_note ON orders (note) ALGORITHM=INPLACE LOCK=NONE;");
        assertNull(ok.refusal());
        assertNotNull(ddl(Dialect.MYSQL, "8.0.35", "ALTER TABLE orders ADD INDEX i (note), ALGORITHM=NOCOPY;").refusal());
        assertNull(ddl(Dialect.MARIADB, "10.11", "ALTER TABLE orders ADD INDEX i (note), ALGORITHM=NOCOPY;").refusal());
    }

    @Test
    void foreignKeyChecksDecideBetweenCopyAndInPlace() {
        String fk = "ALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id);";
        assertEquals(Algorithm.COPY, ddl(Dialect.MYSQL, "8.0.35", fk).algorithm());
        assertEquals(new OnlineDdl(Algorithm.INPLACE, LockLevel.NONE, false),
                plain(ddl(Dialect.MYSQL, "8.0.35", "SET foreign_key_checks = 0;\n" + fk)));
    }

    @Test
    void theSixtyFifthInstantChangeRebuildsOn8029() {
        StringBuilder history = new StringBuilder(ORDERS);
        for (int i = 0; i < 64; i++) {
            history.append("ALTER TABLE orders ADD COLUMN c").append(i).append(" int;\n");
        }
        StatementReport s = MysqlReview.last(Dialect.MYSQL, "8.0.29", history.toString(), "ALTER TABLE orders ADD COLUMN more int;");
        assertEquals(65, s.ddl().instantChanges());
        assertEquals(Algorithm.INPLACE, s.ddl().algorithm());
        assertTrue(s.ddl().rebuildsTable());
        StatementReport forced = MysqlReview.last(Dialect.MYSQL, "8.0.29", history + "OPTIMIZE TABLE orders;\n",
                "ALTER TABLE orders ADD COLUMN more int;");
        assertEquals(1, forced.ddl().instantChanges());
        assertEquals(Algorithm.INSTANT, forced.ddl().algorithm());
    }

    @Test
    void ddlTakesAnExclusiveMetadataLockAndDataChangesASharedWriteOne() {
        StatementReport alter = MysqlReview.last(Dialect.MYSQL, "8.4", ORDERS, "ALTER TABLE orders DROP COLUMN note;");
        assertEquals("EXCLUSIVE", alter.locks().get(0).mode().databaseName());
        StatementReport update = MysqlReview.last(Dialect.MYSQL, "8.4", ORDERS, "UPDATE orders SET note = 'x';");
        assertEquals("SHARED_WRITE", update.locks().get(0).mode().databaseName());
        assertNull(update.ddl());
        assertEquals(1, update.scans().size());
    }

    private static OnlineDdl plain(OnlineDdl d) {
        return new OnlineDdl(d.algorithm(), d.lock(), d.rebuildsTable());
    }

    /** What the real-server harness observed on MariaDB 10.11.5 and 11.4.5 and MySQL 8.0.12 (notes of mysql-servers). */
    @Test
    void realServerObservationsHold() {
        // an instant column change with one that is not: in place, and the table is rebuilt
        OnlineDdl combined = ddl(Dialect.MYSQL, "8.0.12", "ALTER TABLE orders ADD COLUMN extra int, ADD INDEX (extra);");
        assertEquals(Algorithm.INPLACE, combined.algorithm());
        assertTrue(combined.rebuildsTable());
        assertTrue(ddl(Dialect.MARIADB, "10.11", "ALTER TABLE orders ADD COLUMN extra int, ADD INDEX (extra);").rebuildsTable());
        // MariaDB 10.4.3+ extends a VARCHAR of at most 127 bytes that no index covers instantly, even across 255 bytes;
        // one of more bytes (utf8mb4 varchar(60): 240) is copied, and 10.3 copies every such change
        String latin1 = ORDERS + "ALTER TABLE orders ADD COLUMN code varchar(60) CHARACTER SET latin1 DEFAULT NULL;\n";
        String extend = "ALTER TABLE orders MODIFY code varchar(256) CHARACTER SET latin1 DEFAULT NULL;";
        assertEquals(Algorithm.INSTANT, MysqlReview.last(Dialect.MARIADB, "10.11", latin1, extend).ddl().algorithm());
        assertEquals(Algorithm.COPY, MysqlReview.last(Dialect.MARIADB, "10.3", latin1, extend).ddl().algorithm());
        assertEquals(Algorithm.COPY, ddl(Dialect.MARIADB, "10.11", "ALTER TABLE orders MODIFY note varchar(100) DEFAULT NULL;").algorithm());
        // 10.4+ drops an indexed column with its index, NOCOPY; 10.3 rebuilds for any DROP COLUMN
        String indexed = "ALTER TABLE orders ADD INDEX (customer_id);\n";
        assertEquals(Algorithm.NOCOPY, MysqlReview.last(Dialect.MARIADB, "10.11", ORDERS + indexed, "ALTER TABLE orders DROP COLUMN customer_id;")
                .ddl().algorithm());
        assertTrue(MysqlReview.last(Dialect.MARIADB, "10.3", ORDERS + indexed, "ALTER TABLE orders DROP COLUMN customer_id;").ddl().rebuildsTable());
        // a foreign key without an index builds one: NOCOPY on MariaDB even with foreign_key_checks=0
        String customers = "CREATE TABLE customers (id bigint PRIMARY KEY);\n";
        assertEquals(Algorithm.NOCOPY, MysqlReview.last(Dialect.MARIADB, "11.4", ORDERS + customers, "SET foreign_key_checks = 0;\n"
                + "ALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id);").ddl().algorithm());
        assertEquals(Algorithm.INSTANT, MysqlReview.last(Dialect.MARIADB, "11.4", ORDERS + customers + indexed, "SET foreign_key_checks = 0;\n"
                + "ALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id);").ddl().algorithm());
        // a refused request shows what it asked for
        OnlineDdl refused = ddl(Dialect.MYSQL, "5.7", "ALTER TABLE orders ADD COLUMN extra int, ALGORITHM=INSTANT, LOCK=NONE;");
        assertTrue(refused.refused());
        assertEquals(Algorithm.INSTANT, refused.algorithm());
        assertEquals(LockLevel.NONE, refused.lock());
        // MariaDB 11.2+ copies online
        assertEquals(new OnlineDdl(Algorithm.COPY, LockLevel.NONE, true),
                plain(ddl(Dialect.MARIADB, "11.4", "ALTER TABLE orders MODIFY customer_id int NOT NULL;")));
        assertEquals(LockLevel.SHARED, ddl(Dialect.MARIADB, "10.11", "ALTER TABLE orders MODIFY customer_id int NOT NULL;").lock());
        // the table's default charset alone changes no row
        assertFalse(ddl(Dialect.MYSQL, "8.0.12", "ALTER TABLE orders DEFAULT CHARACTER SET latin1;").rebuildsTable());
        StatementReport fk = MysqlReview.last(Dialect.MYSQL, "8.0.12", ORDERS + "CREATE TABLE customers (id bigint PRIMARY KEY);\n",
                "ALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id);");
        assertTrue(fk.locks().stream().anyMatch(l -> l.relation().name().equals("customers") && l.mode().databaseName().equals("EXCLUSIVE")));
        StatementReport truncate = MysqlReview.last(Dialect.MYSQL, "8.4", ORDERS, "TRUNCATE TABLE orders;");
        assertEquals(1, truncate.rewrites().size());
    }
}
