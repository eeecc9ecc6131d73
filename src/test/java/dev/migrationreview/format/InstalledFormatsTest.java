package dev.migrationreview.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every listed format loads, answers to its own name, and has a fix sentence for its transaction opt-out. */
class InstalledFormatsTest {

    @Test
    void everyFormatIsFoundByItsNameAndSaysHowToLeaveItsTransaction() {
        List<MigrationFormat> all = InstalledFormats.all();
        // the tool names config and report already promise (docs/configuration.md); a new format only adds to them
        assertTrue(InstalledFormats.toolNames().containsAll(List.of("atlas", "dbmate", "diesel", "flyway", "golang-migrate", "goose",
                "liquibase", "node-pg-migrate", "numbered", "plain", "prisma", "sqitch", "sqlx", "supabase")), InstalledFormats.toolNames().toString());
        assertEquals(all.size(), InstalledFormats.toolNames().size(), "one format per tool name");
        for (MigrationFormat format : all) {
            assertEquals(format, InstalledFormats.named(format.tool().configName().toUpperCase()).orElseThrow());
            assertTrue(format.runOutsideTransaction().endsWith("."), format.tool() + ": " + format.runOutsideTransaction());
        }
    }
}
