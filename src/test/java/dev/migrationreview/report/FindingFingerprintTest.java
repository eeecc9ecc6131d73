package dev.migrationreview.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class FindingFingerprintTest {

    @Test
    void layoutAndKeywordCaseDoNotChangeTheFingerprint() {
        String a = FindingFingerprint.of("create-index-non-concurrent", "db/V2__idx.sql", "CREATE INDEX idx ON orders (status)");
        String b = FindingFingerprint.of("create-index-non-concurrent", "db/V2__idx.sql", "create index idx\n    on orders (status) ;");
        assertEquals(a, b);
        assertEquals(40, a.length());
    }

    @Test
    void ruleFileAndStatementEachChangeIt() {
        String base = FindingFingerprint.of("r", "a.sql", "ALTER TABLE t ADD COLUMN c int");
        assertNotEquals(base, FindingFingerprint.of("s", "a.sql", "ALTER TABLE t ADD COLUMN c int"));
        assertNotEquals(base, FindingFingerprint.of("r", "b.sql", "ALTER TABLE t ADD COLUMN c int"));
        assertNotEquals(base, FindingFingerprint.of("r", "a.sql", "ALTER TABLE t ADD COLUMN d int"));
    }

    @Test
    void quotedTextKeepsItsCaseAndSpaces() {
        assertEquals("update t set s = 'Pending  Review' where id = 1",
                FindingFingerprint.normalise("UPDATE t\n  SET s = 'Pending  Review'  WHERE id = 1;"));
        assertNotEquals(FindingFingerprint.normalise("SELECT 'A'"), FindingFingerprint.normalise("SELECT 'a'"));
    }
}
