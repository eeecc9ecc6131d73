package dev.migrationreview.postgres.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.sql.RawStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A quote or comment that never closes would swallow the rest of the file; the splitter marks it and ends
 * its statement at the end of the line, so the statements after it are still seen, inside the file's lines.
 */
class UnterminatedTextTest {
    private final PostgresStatementSplitter splitter = new PostgresStatementSplitter();

    private void assertRecovered(String text, String construct, int line, String opening) {
        List<RawStatement> s = splitter.split(text);
        long lines = text.lines().count();
        RawStatement broken = s.stream().filter(r -> r.unterminated() != null).findFirst().orElseThrow(() -> new AssertionError(s));
        assertEquals(construct, broken.unterminated().construct(), text);
        assertEquals(line, broken.unterminated().line(), text);
        assertEquals(opening, broken.unterminated().opening(), text);
        assertEquals(line, broken.span().endLine(), "ends on the line it opened: " + text);
        RawStatement last = s.get(s.size() - 1);
        assertEquals("DROP TABLE orders", last.sql(), "the statement after is found: " + s);
        assertNull(last.unterminated());
        for (RawStatement r : s) {
            assertTrue(r.span().startLine() >= 1 && r.span().endLine() <= lines && r.span().startLine() <= r.span().endLine(),
                    r + " lies within the " + lines + " lines of " + text);
        }
    }

    @Test
    void aStringLiteral() {
        assertRecovered("SELECT 'x;\nDROP TABLE orders;\n", "string literal", 1, "'");
        assertRecovered("UPDATE t SET a = 1;\nINSERT INTO t VALUES ('it''s\n);\nDROP TABLE orders;", "string literal", 2, "'");
    }

    @Test
    void anEscapeString() {
        assertRecovered("SELECT E'tab\\t\\';\nDROP TABLE orders;\n", "string literal", 1, "E'");
    }

    @Test
    void aQuotedIdentifier() {
        assertRecovered("ALTER TABLE \"Orders ADD COLUMN a int;\r\nDROP TABLE orders;\r\n", "quoted identifier", 1, "\"");
    }

    @Test
    void aDollarQuotedBody() {
        assertRecovered("CREATE FUNCTION f() RETURNS int AS $body$\n  SELECT 1;\n$$ LANGUAGE sql;\nDROP TABLE orders;\n",
                "dollar-quoted body", 1, "$body$");
    }

    @Test
    void aBlockComment() {
        assertRecovered("/* the orders table /* is legacy */\nDROP TABLE orders;\n", "block comment", 1, "/*");
        assertRecovered("SELECT 1 /* trailing\nDROP TABLE orders;\n", "block comment", 1, "/*");
    }

    @Test
    void closedTextIsUntouched() {
        List<RawStatement> s = splitter.split("SELECT 'a;\nb';\n/* c\n */ SELECT $$x;\n$$;\n");
        assertEquals(2, s.size());
        s.forEach(r -> assertNull(r.unterminated()));
    }

    @Test
    void manyUnclosedQuotesCostAFewReadsOfTheFileAtMost() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("SELECT $t").append(i).append("$ /* ").append(i).append('\n');
        }
        long start = System.nanoTime();
        List<RawStatement> s = splitter.split(text.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertNotNull(s.get(0).unterminated());
        assertTrue(s.stream().anyMatch(r -> r.unterminated() != null && !r.unterminated().restSplit()), "the search stops");
        assertTrue(millis < 5_000, "took " + millis + " ms");
    }
}
