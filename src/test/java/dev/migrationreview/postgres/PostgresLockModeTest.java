package dev.migrationreview.postgres;

import static dev.migrationreview.postgres.PostgresLockMode.ACCESS_EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.ACCESS_SHARE;
import static dev.migrationreview.postgres.PostgresLockMode.EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.ROW_EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.ROW_SHARE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE_ROW_EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE_UPDATE_EXCLUSIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.LockImpact;
import org.junit.jupiter.api.Test;

class PostgresLockModeTest {

    @Test
    void conflictTableIsSymmetric() {
        for (PostgresLockMode a : PostgresLockMode.values()) {
            for (PostgresLockMode b : PostgresLockMode.values()) {
                assertEquals(a.conflictsWith(b), b.conflictsWith(a), a + " vs " + b);
            }
        }
    }

    @Test
    void conflictsAsTheDocumentationTabulatesThem() {
        assertTrue(ACCESS_SHARE.conflictsWith(ACCESS_EXCLUSIVE));
        assertFalse(ACCESS_SHARE.conflictsWith(EXCLUSIVE));
        assertTrue(ROW_SHARE.conflictsWith(EXCLUSIVE));
        assertFalse(ROW_EXCLUSIVE.conflictsWith(ROW_EXCLUSIVE));
        assertTrue(ROW_EXCLUSIVE.conflictsWith(SHARE));
        assertTrue(SHARE_UPDATE_EXCLUSIVE.conflictsWith(SHARE_UPDATE_EXCLUSIVE));
        assertFalse(SHARE_UPDATE_EXCLUSIVE.conflictsWith(ROW_EXCLUSIVE));
        assertFalse(SHARE.conflictsWith(SHARE));
        assertTrue(SHARE_ROW_EXCLUSIVE.conflictsWith(SHARE_ROW_EXCLUSIVE));
        assertFalse(SHARE_ROW_EXCLUSIVE.conflictsWith(ROW_SHARE));
        assertEquals(8, java.util.Arrays.stream(PostgresLockMode.values()).filter(ACCESS_EXCLUSIVE::conflictsWith).count());
    }

    @Test
    void impactIsDerivedFromConflicts() {
        assertEquals(LockImpact.NOTHING, ACCESS_SHARE.impact());
        assertEquals(LockImpact.NOTHING, ROW_SHARE.impact());
        assertEquals(LockImpact.NOTHING, ROW_EXCLUSIVE.impact());
        assertEquals(LockImpact.SCHEMA_CHANGES, SHARE_UPDATE_EXCLUSIVE.impact());
        assertEquals(LockImpact.WRITES, SHARE.impact());
        assertEquals(LockImpact.WRITES, SHARE_ROW_EXCLUSIVE.impact());
        assertEquals(LockImpact.WRITES, EXCLUSIVE.impact());
        assertEquals(LockImpact.READS_AND_WRITES, ACCESS_EXCLUSIVE.impact());
    }

    @Test
    void namesRoundTrip() {
        for (PostgresLockMode m : PostgresLockMode.values()) {
            assertEquals(m, PostgresLockMode.fromDatabaseName(m.databaseName()).orElseThrow());
            assertEquals(m, PostgresLockMode.fromSqlName(m.sqlName().toLowerCase()).orElseThrow());
        }
        assertEquals(SHARE_ROW_EXCLUSIVE, PostgresLockMode.fromSqlName("share  row exclusive mode").orElseThrow());
        assertEquals(ACCESS_EXCLUSIVE, PostgresLockMode.fromSqlName(null).orElseThrow());
        assertTrue(PostgresLockMode.fromSqlName("SHARED").isEmpty());
    }
}
