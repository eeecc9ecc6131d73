package dev.migrationreview.format.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Flyway decides a script's transaction from its statements' first keywords, as its own parser reads them. */
class FlywayFormatTest {

    @Test
    void aStatementsKindIsReadPastCommentsQuotesAndLineBreaks() {
        assertEquals("CREATE INDEX CONCURRENTLY X ON T (A)", FlywayFormat.head("create /* why */ index\n  concurrently x on t (a)"));
        assertEquals("INSERT INTO T VALUES ('', \"\")", FlywayFormat.head("insert into t values ('a;b', \"odd;name\") -- note"));
    }
}
