package dev.migrationreview.tablestats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableStatsFileTest {

    @Test
    void writtenFileReadsBackTheSameFacts() {
        TableStatsSnapshot snapshot = new TableStatsSnapshot(Instant.parse("2026-12-06T05:00:00Z"), "16.4", 10,
                List.of(new TableStatistics("orders", 5_000_000L, 2_147_483_648L, 42.5, true),
                        new TableStatistics("audit.events", null, 65_536L, 0.0, false)));

        String text = TableStatsFile.write(snapshot);
        TableStatsSnapshot back = TableStatsFile.read("t.json", text);

        assertEquals(snapshot.generatedAt(), back.generatedAt());
        assertEquals("16.4", back.serverVersion());
        // written sorted by name, so that a refreshed file diffs table by table
        assertEquals(List.of(new TableStatistics("audit.events", null, 65_536L, 0.0, false),
                new TableStatistics("orders", 5_000_000L, 2_147_483_648L, 42.5, true)), back.tables());
        assertTrue(text.indexOf("audit.events") < text.indexOf("\"orders\""), text);
    }

    @Test
    void aBadFieldIsNamedWithTheFile() {
        String bad = """
                {"format": "migration-review-table-stats", "version": 1, "generated-at": "2026-12-06T05:00:00Z",
                 "tables": {"orders": {"rows": "many"}}}
                """;
        TableStatsFileException e = assertThrows(TableStatsFileException.class, () -> TableStatsFile.read("facts.json", bad));
        assertEquals("facts.json: tables.orders.rows: expected a whole number of at least 0, found \"many\"", e.getMessage());
    }

    @Test
    void notJsonNamesTheLine() {
        TableStatsFileException e = assertThrows(TableStatsFileException.class,
                () -> TableStatsFile.read("facts.json", "{\n\"format\": \n}"));
        assertTrue(e.getMessage().startsWith("facts.json:3: not valid JSON"), e.getMessage());
    }

    @Test
    void aFileOfAnotherFormatIsRefused() {
        TableStatsFileException e = assertThrows(TableStatsFileException.class,
                () -> TableStatsFile.read("facts.json", "{\"tables\": {}}"));
        assertTrue(e.getMessage().startsWith("facts.json: format: expected \"migration-review-table-stats\""), e.getMessage());
    }
}
