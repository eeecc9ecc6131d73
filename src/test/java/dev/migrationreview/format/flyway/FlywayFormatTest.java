package dev.migrationreview.format.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.FormatContexts;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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

    @Test
    void aWordCountsWhereItEndsAWordOrAnywhereInATextWithOtherLetters() {
        assertTrue(FlywayFormat.Words.in("create index concurrently x on t (a);", false).nonTransactional);
        assertTrue(FlywayFormat.Words.in("-- see mydatabase\nselect 1;", false).nonTransactional, "a word's end");
        assertFalse(FlywayFormat.Words.in("-- the databases we support\nselect 1;", false).nonTransactional, "no word ends in one");
        assertFalse(FlywayFormat.Words.in("create table system_log (id int);", false).nonTransactional);
        assertTrue(FlywayFormat.Words.in("-- databases, caf\u00e9\nselect 1;", false).nonTransactional, "other letters: any occurrence");
        assertTrue(FlywayFormat.Words.in("alter type mood add values_x;", true).value);
        assertFalse(FlywayFormat.Words.in("alter type mood add values_x;", false).value, "only asked before PostgreSQL 12");
        assertTrue(FlywayFormat.Words.in("-- flyway:executeInTransaction=false\n", false).directive);
        assertFalse(FlywayFormat.Words.in("-- flyway: execute in transaction\n", false).directive);
    }

    /**
     * Skipping the split of a file that names no word must never change its transaction: against the same file with a
     * trailing comment that names one (so it is always split), over random files of statements, comments and quotes.
     */
    @Test
    void aFileLeftUnsplitIsOneWithoutANonTransactionalStatement() {
        List<String> pieces = List.of("create ", "CREATE ", "drop ", "index ", "unique ", "concurrently", "Concurrently ",
                "concurrentlyx ", "xconcurrently ", "database", "DataBases ", "system", "systems ", "alter ", "reindex ",
                "vacuum", "vacuum_x ", "discard ", "all", "tablespace ", "subscription ", "t ", "(a) ", "; ", ";\n", "\n",
                "  ", "-- note\n", "/* c */", "/*vacuum*/", "'vacuum'", "\"system\"", "$$x$$ ", "verbose ", "schema ");
        Random random = new Random(13);
        FormatContext context = FormatContexts.postgres();
        FlywayFormat flyway = new FlywayFormat();
        int unsplit = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder sql = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                sql.append(pieces.get(random.nextInt(pieces.size())));
            }
            String text = sql.toString();
            boolean alwaysSplit = flyway.script("V1__x.sql", text + "\n-- database\n", context).sections().get(0).transactional();
            assertEquals(alwaysSplit, flyway.script("V1__x.sql", text, context).sections().get(0).transactional(), text);
            unsplit += FlywayFormat.Words.in(text, false).nonTransactional ? 0 : 1;
        }
        assertTrue(unsplit > 300, "the random files should include many without a word: " + unsplit);
    }
}
