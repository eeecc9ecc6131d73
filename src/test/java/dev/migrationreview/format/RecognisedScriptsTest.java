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
}
