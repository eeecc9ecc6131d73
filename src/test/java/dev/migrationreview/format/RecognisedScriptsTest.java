package dev.migrationreview.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The head's and the base's finds of one review read an unchanged file once, and an edited one anew. */
class RecognisedScriptsTest {
    private final LayoutMigrationFinder finder = new LayoutMigrationFinder();

    @Test
    void anUnchangedFileIsReadOnceAndAnEditedOneAgain() throws IOException {
        String v1 = "create table a (id int);";
        InMemoryRepositoryFiles base = new InMemoryRepositoryFiles(Map.of(
                "db/migration/V1__a.sql", v1,
                "db/migration/V2__b.sql", "create index concurrently b on a (id);",
                "db/migration/V3__c.sql", "create table c (id int);"));
        InMemoryRepositoryFiles head = new InMemoryRepositoryFiles(Map.of(
                "db/migration/V1__a.sql", v1,
                "db/migration/V2__b.sql", "create index b on a (id);",
                "db/migration/V3__c.sql", "create table c (id int);",
                "db/migration/V3__c.sql.conf", "executeInTransaction=false\n"));
        RecognisedScripts recognised = new RecognisedScripts();
        List<MigrationScript> atHead = finder.findWithSkipped(head, ReviewConfig.defaults(), recognised).scripts();
        List<MigrationScript> atBase = finder.findWithSkipped(base, ReviewConfig.defaults(), recognised).scripts();

        assertSame(atHead.get(0), atBase.get(0), "same path and text: read once");
        assertNotSame(atHead.get(1), atBase.get(1), "edited: read again");
        assertFalse(atBase.get(1).sections().get(0).transactional(), "the base's own text decides");
        assertEquals(true, atHead.get(1).sections().get(0).transactional());
        assertNotSame(atHead.get(2), atBase.get(2), "same text, another side-car: read again");
        assertEquals(List.of(false, true), List.of(atHead.get(2).sections().get(0).transactional(),
                atBase.get(2).sections().get(0).transactional()));
        // and the same as finds that share nothing
        assertEquals(finder.find(base, ReviewConfig.defaults()), atBase);
        assertEquals(finder.find(head, ReviewConfig.defaults()), atHead);
    }

    @Test
    void aFileTheReviewDoesNotJudgeKeepsTheToolsDefaultFlagAndAJudgedOneIsReadInFull() throws IOException {
        InMemoryRepositoryFiles files = new InMemoryRepositoryFiles(Map.of(
                "db/migration/V1__a.sql", "create index concurrently a_id on a (id);",
                "db/migration/V2__b.sql", "create index concurrently b_id on b (id);"));
        RecognisedScripts recognised = RecognisedScripts.judging(List.of("db/migration/V2__b.sql"));
        List<MigrationScript> found = finder.findWithSkipped(files, ReviewConfig.defaults(), recognised).scripts();

        assertEquals(true, found.get(0).transactional(), "history: Flyway's default, without looking");
        assertFalse(found.get(1).transactional(), "judged: Flyway runs CONCURRENTLY outside a transaction");
        // what history replay reads is the same either way: every line, the history's counted only once read
        List<MigrationScript> full = finder.find(files, ReviewConfig.defaults());
        assertEquals(full.get(0).sections().get(0).firstLine(), found.get(0).sections().get(0).firstLine());
        assertEquals(MigrationScript.Section.END_OF_FILE, found.get(0).sections().get(0).lastLine());
        assertFalse(found.get(0).text().isRead(), "history is read when replayed, not when found");
        assertEquals(full.get(0).appliedText(), found.get(0).appliedText());
        assertEquals(full.get(1), found.get(1));
    }

    @Test
    void aHistoryFileSentAsOneQueryStringIsNotSplitForItsFlag() throws IOException {
        InMemoryRepositoryFiles files = new InMemoryRepositoryFiles(Map.of(
                "migrations/1_a.up.sql", "create table a (id int);",
                "migrations/2_b.up.sql", "create index concurrently b_id on a (id);"));
        RecognisedScripts recognised = RecognisedScripts.judging(List.of("migrations/2_b.up.sql"));
        List<MigrationScript> found = finder.findWithSkipped(files, ReviewConfig.defaults(), recognised).scripts();

        assertEquals(MigrationTool.GOLANG_MIGRATE, found.get(0).tool());
        assertEquals(true, found.get(0).transactional(), "history: PostgreSQL's answer for a query string, not split");
        assertFalse(found.get(1).transactional(), "judged: one statement runs on its own");
        assertEquals(finder.find(files, ReviewConfig.defaults()).get(1), found.get(1));
        assertEquals(finder.find(files, ReviewConfig.defaults()).get(0).appliedText(), found.get(0).appliedText());
    }
}
