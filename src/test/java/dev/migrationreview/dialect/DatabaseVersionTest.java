package dev.migrationreview.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatabaseVersionTest {

    @Test
    void versionsAreReadAsUsersWriteThem() {
        assertEquals(new DatabaseVersion(16, 0, 0, 1), DatabaseVersion.parse("16"));
        assertEquals("15.4", DatabaseVersion.parse(" 15.4 ").toString());
        DatabaseVersion mysql = DatabaseVersion.parse("8.0.35");
        assertEquals(8, mysql.major());
        assertEquals(0, mysql.minor());
        assertEquals(35, mysql.patch());
        assertEquals("10.11.6", DatabaseVersion.parse("10.11.6").toString());
        assertTrue(DatabaseVersion.parse("8.0.29").atLeast(DatabaseVersion.parse("8.0.12")));
        assertFalse(DatabaseVersion.parse("8.0.11").atLeast(DatabaseVersion.parse("8.0.12")));
    }

    @Test
    void anythingElseIsRefusedWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseVersion.parse("latest"));
        assertTrue(e.getMessage().contains("\"8.0.35\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatabaseVersion.parse("16."));
        assertThrows(IllegalArgumentException.class, () -> DatabaseVersion.parse("1.2.3.4"));
    }

    @Test
    void aRangeHoldsEveryMinorAndPatchOfItsEnds() {
        VersionRange range = VersionRange.of("11", "18");
        assertTrue(range.contains(DatabaseVersion.parse("11")));
        assertTrue(range.contains(DatabaseVersion.parse("18.3")));
        assertFalse(range.contains(DatabaseVersion.parse("10.23")));
        assertFalse(range.contains(DatabaseVersion.parse("19")));
        VersionRange mysql = VersionRange.of("8.0.12", "8.4");
        assertFalse(mysql.contains(DatabaseVersion.parse("8.0.11")));
        assertTrue(mysql.contains(DatabaseVersion.parse("8.4.2")));
        assertFalse(mysql.contains(DatabaseVersion.parse("8.5")));
        assertEquals("11 to 18", range.toString());
    }
}
