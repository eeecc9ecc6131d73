package dev.migrationreview.format.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Flyway decides a script's transaction from its statements' first keywords, as its own parser reads them. */
class FlywayFormatTest {

    @Test
    void aStatementsKindIsReadPastCommentsQuotesAndLineBreaks() {
        assertEquals("CREATE INDEX CONCURRENTLY X ON T (A)", FlywayFormat.head("create /* why */ index\n  concurrently x on t (a)"));
        assertEquals("INSERT INTO T VALUES ('', \"\")", FlywayFormat.head("insert into t values ('a;b', \"odd;name\") -- note"));
    }

    /** The quick look that spares splitting a file finds every spelling the statement heads would find. */
    @Test
    void aFileIsSplitWheneverItsHeadsCouldNameANonTransactionalStatement() {
        assertTrue(FlywayFormat.containsIgnoringCase("create index concurrently x on t (a);", "CONCURRENTLY"));
        assertTrue(FlywayFormat.containsIgnoringCase("VACUUM", "VACUUM"));
        assertTrue(FlywayFormat.containsIgnoringCase("-- flyway:executeInTransaction=false", "EXECUTEINTRANSACTION"));
        // head() upper-cases letter by letter, so a dotless i reads as I there, and must here
        String dotless = "re\u0131ndex schema app";
        assertEquals("REINDEX SCHEMA APP", FlywayFormat.head(dotless));
        assertTrue(FlywayFormat.containsIgnoringCase(dotless, "REINDEX"));
        assertFalse(FlywayFormat.containsIgnoringCase("CREATE INDEX x ON t (a);", "CONCURRENTLY"));
        assertFalse(FlywayFormat.containsIgnoringCase("VACUU", "VACUUM"));
    }
}
