package dev.migrationreview.format.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Flyway decides a script's transaction from its statements' first keywords, as its own parser reads them. */
class FlywayFormatTest {

    @Test
    void aStatementsKindIsReadPastCommentsQuotesAndLineBreaks() {
        assertEquals("CREATE INDEX CONCURRENTLY X ON T (A)", FlywayFormat.head("create /* why */ index\n  concurrently x on t (a)"));
        assertEquals("INSERT INTO T VALUES ('', \"\")", FlywayFormat.head("insert into t values ('a;b', \"odd;name\") -- note"));
    }

    /**
     * A file is split only when its upper-cased text names a word of a non-transactional statement; that must
     * hold for every spelling whose head() Flyway's rules would match, odd letters included.
     */
    @Test
    void everyNonTransactionalHeadNamesItsWordInTheUpperCasedFile() {
        List<String> statements = List.of(
                "create index concurrently x on t (a)",
                "CREATE /* c */ UNIQUE\n index   Concurrently x on t (a)",
                "re\u0131ndex schema app", // a dotless i upper-cases to I, in head() and in the file alike
                "alter sy\ufb06em set work_mem = '1MB'", // the st ligature upper-cases to ST
                "vacuum analyze t",
                "discard all",
                "create database other",
                "drop tablespace old");
        for (String sql : statements) {
            String head = FlywayFormat.head(sql);
            String upper = sql.toUpperCase(Locale.ROOT);
            assertTrue(FlywayFormat.NON_TRANSACTIONAL_WORDS.stream().anyMatch(head::contains), head);
            assertTrue(FlywayFormat.NON_TRANSACTIONAL_WORDS.stream().anyMatch(upper::contains), "not split: " + sql);
        }
        assertEquals("REINDEX SCHEMA APP", FlywayFormat.head("re\u0131ndex schema app"));
    }
}
