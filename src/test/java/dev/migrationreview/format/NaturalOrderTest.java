package dev.migrationreview.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void flywayVersionsCompareNumericallyPartByPart() {
        List<String> versions = new ArrayList<>(List.of("1.10", "2", "1.9", "1", "1.9.1", "10", "2_1", "20240101120000"));
        versions.sort(NaturalOrder::compareVersions);
        assertEquals(List.of("1", "1.9", "1.9.1", "1.10", "2", "2_1", "10", "20240101120000"), versions);
        assertEquals(0, NaturalOrder.compareVersions("1", "1.0"));
        assertEquals(0, NaturalOrder.compareVersions("2_31_1", "2.31.1"));
        assertTrue(NaturalOrder.compareVersions("99999999999999999999", "100000000000000000000") < 0, "beyond long");
        assertEquals(0, NaturalOrder.versionKey("007.1").compareTo(NaturalOrder.versionKey("7_1_0")), "leading zeros, trailing zero parts");
        assertTrue(NaturalOrder.versionKey("1.0.1").compareTo(NaturalOrder.versionKey("1")) > 0);
    }

    @Test
    void namesCompareDigitRunsAsNumbers() {
        List<String> names = new ArrayList<>(List.of("10-add.sql", "2-create.sql", "002-create.sql", "1-init.sql", "a.sql"));
        names.sort(NaturalOrder.NATURAL);
        assertEquals(List.of("1-init.sql", "002-create.sql", "2-create.sql", "10-add.sql", "a.sql"), names);
    }
}
