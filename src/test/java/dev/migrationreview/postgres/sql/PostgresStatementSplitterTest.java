package dev.migrationreview.postgres.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.SourceSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresStatementSplitterTest {

    private final PostgresStatementSplitter splitter = new PostgresStatementSplitter();

    private List<RawStatement> split(String text) {
        return splitter.split(text);
    }

    @Test
    void splitsOnSemicolonsAndKeepsSpans() {
        List<RawStatement> s = split("CREATE TABLE a (id int);\nALTER TABLE a\n  ADD COLUMN b text;\n");
        assertEquals(2, s.size());
        assertEquals("CREATE TABLE a (id int)", s.get(0).sql());
        assertEquals(new SourceSpan(1, 1, 1, 24), s.get(0).span());
        assertEquals("ALTER TABLE a\n  ADD COLUMN b text", s.get(1).sql());
        assertEquals(new SourceSpan(2, 1, 3, 20), s.get(1).span());
        assertEquals(1, s.get(1).index());
    }

    @Test
    void semicolonInsideSingleQuotedStringWithDoubledQuotes() {
        List<RawStatement> s = split("INSERT INTO t VALUES ('it''s; here');\nSELECT 1;");
        assertEquals(2, s.size());
        assertEquals("INSERT INTO t VALUES ('it''s; here')", s.get(0).sql());
    }

    @Test
    void escapeStringWithBackslashQuote() {
        List<RawStatement> s = split("SELECT E'a\\'; b';\nSELECT 2;");
        assertEquals(2, s.size());
        assertEquals("SELECT E'a\\'; b'", s.get(0).sql());
    }

    @Test
    void backslashIsLiteralInStandardStrings() {
        // with standard_conforming_strings the backslash does not escape the quote
        List<RawStatement> s = split("SELECT 'a\\'; SELECT 2;");
        assertEquals(2, s.size());
        assertEquals("SELECT 'a\\'", s.get(0).sql());
    }

    @Test
    void quotedIdentifierWithSemicolonAndDoubledQuote() {
        List<RawStatement> s = split("CREATE TABLE \"we;ird\"\"name\" (id int); SELECT 1");
        assertEquals(2, s.size());
        assertEquals("CREATE TABLE \"we;ird\"\"name\" (id int)", s.get(0).sql());
    }

    @Test
    void dollarQuotedBodies() {
        String text = "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.x := 1;\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n"
                + "DO $body$ BEGIN PERFORM 1; RAISE NOTICE '$$'; END $body$;\n";
        List<RawStatement> s = split(text);
        assertEquals(2, s.size());
        assertEquals(new SourceSpan(1, 1, 6, 20), s.get(0).span());
        assertTrue(s.get(1).sql().startsWith("DO $body$"));
        assertEquals(7, s.get(1).span().startLine());
    }

    @Test
    void positionalParameterIsNotADollarQuote() {
        List<RawStatement> s = split("PREPARE p AS SELECT $1; SELECT 2;");
        assertEquals(2, s.size());
        assertEquals("PREPARE p AS SELECT $1", s.get(0).sql());
    }

    @Test
    void lineAndNestedBlockComments() {
        String text = "/* outer /* inner; */ still; comment */\nSELECT 1; -- trailing; comment\nSELECT /* ; */ 2;";
        List<RawStatement> s = split(text);
        assertEquals(2, s.size());
        assertEquals("SELECT 1", s.get(0).sql());
        assertEquals(2, s.get(0).span().startLine());
        assertEquals("SELECT /* ; */ 2", s.get(1).sql());
        assertEquals(List.of(), s.get(1).leadingComments());
    }

    @Test
    void commentsDirectlyAboveAreLeadingComments() {
        String text = "-- unrelated\n\n-- migration-review:ignore create-index-non-concurrent small table\n"
                + "/* second */\nCREATE INDEX i ON t (a);\n";
        List<RawStatement> s = split(text);
        assertEquals(1, s.size());
        assertEquals(List.of("migration-review:ignore create-index-non-concurrent small table", "second"),
                s.get(0).leadingComments());
        assertEquals(5, s.get(0).span().startLine());
    }

    @Test
    void blankLineDetachesComment() {
        List<RawStatement> s = split("-- about something else\n\nSELECT 1;");
        assertEquals(List.of(), s.get(0).leadingComments());
    }

    @Test
    void trailingCommentBelongsToNoOne() {
        List<RawStatement> s = split("SELECT 1; -- why\nSELECT 2;");
        assertEquals(List.of(), s.get(1).leadingComments());
    }

    @Test
    void fileWithoutTrailingSemicolon() {
        List<RawStatement> s = split("SELECT 1;\nALTER TABLE t\n  DROP COLUMN c\n-- trailing comment\n");
        assertEquals(2, s.size());
        assertEquals("ALTER TABLE t\n  DROP COLUMN c", s.get(1).sql());
        assertEquals(new SourceSpan(2, 1, 3, 15), s.get(1).span());
    }

    @Test
    void emptyStatementsAreSkipped() {
        List<RawStatement> s = split(";;\nSELECT 1;;  ;\n");
        assertEquals(1, s.size());
        assertEquals(0, s.get(0).index());
    }

    @Test
    void psqlMetaCommandsAreKeptAsTheirOwnStatements() {
        List<RawStatement> s = split("\\set ON_ERROR_STOP on\n\\connect db\nSELECT 1;\n");
        assertEquals(3, s.size());
        assertTrue(s.get(0).metaCommand());
        assertEquals("\\set ON_ERROR_STOP on", s.get(0).sql());
        assertEquals(new SourceSpan(1, 1, 1, 21), s.get(0).span());
        assertFalse(s.get(2).metaCommand());
    }

    @Test
    void copyFromStdinDataIsSkipped() {
        String text = "COPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t'z\n\\.\n\nSELECT 1;\n";
        List<RawStatement> s = split(text);
        assertEquals(2, s.size());
        assertEquals("COPY public.t (a, b) FROM stdin", s.get(0).sql());
        assertEquals("SELECT 1", s.get(1).sql());
        assertEquals(6, s.get(1).span().startLine());
    }

    @Test
    void columnsCountFromLineStartAfterIndentation() {
        List<RawStatement> s = split("BEGIN;\n    CREATE INDEX CONCURRENTLY i\n        ON t (a)\n    ;\n");
        assertEquals(new SourceSpan(2, 5, 4, 5), s.get(1).span());
        assertEquals("CREATE INDEX CONCURRENTLY i\n        ON t (a)", s.get(1).sql());
    }

    @Test
    void stringsAndDollarBodiesSpanningLinesKeepLineCount() {
        List<RawStatement> s = split("COMMENT ON TABLE t IS 'one\ntwo\nthree';\nSELECT 1;");
        assertEquals(new SourceSpan(1, 1, 3, 7), s.get(0).span());
        assertEquals(4, s.get(1).span().startLine());
    }

    @Test
    void byteOrderMarkIsNotPartOfTheStatement() {
        List<RawStatement> s = split("\uFEFFSELECT 1;");
        assertEquals("SELECT 1", s.get(0).sql());
        assertEquals(1, s.get(0).span().startColumn());
    }

    @Test
    void oneShotDelimiterBlockAsDolphinSchedulerWritesIt() {
        String text = "delimiter d//\nCREATE FUNCTION f() RETURNS void AS $$\nBEGIN\n  NULL;\nEND;\n$$ LANGUAGE plpgsql;\nd//\n\nselect f();\n";
        List<RawStatement> s = split(text);
        assertEquals(3, s.size());
        assertTrue(s.get(0).metaCommand());
        assertEquals("CREATE FUNCTION f() RETURNS void AS $$\nBEGIN\n  NULL;\nEND;\n$$ LANGUAGE plpgsql", s.get(1).sql());
        assertEquals(new SourceSpan(2, 1, 6, 20), s.get(1).span());
        assertEquals("select f()", s.get(2).sql());
        assertEquals(9, s.get(2).span().startLine());
    }

    @Test
    void noBreakSpaceAfterTheLastStatementIsNoStatement() {
        List<RawStatement> s = split("DROP TABLE IF EXISTS a CASCADE;\u00A0\n");
        assertEquals(1, s.size());
    }

    @Test
    void metaCommandLineEndsTheStatementBeingCollected() {
        List<RawStatement> s = split("SELECT format('CREATE INDEX ON %I (id)', t)\n  FROM tables\n\\gexec\nSELECT 1;");
        assertEquals(3, s.size());
        assertEquals("SELECT format('CREATE INDEX ON %I (id)', t)\n  FROM tables", s.get(0).sql());
        assertEquals(new SourceSpan(1, 1, 2, 13), s.get(0).span());
        assertEquals("\\gexec", s.get(1).sql());
        assertTrue(s.get(1).metaCommand());
    }

    @Test
    void backslashInsideAStatementLineIsNotAMetaCommand() {
        List<RawStatement> s = split("SELECT E'a\\nb', 1 \\ 2;\nSELECT 2;");
        assertEquals(2, s.size());
    }

    @Test
    void sqlStandardFunctionBodyKeepsItsSemicolons() {
        String text = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\n  SELECT 2;\nEND;\n"
                + "BEGIN;\nSELECT 3;\nCOMMIT;";
        List<RawStatement> s = split(text);
        assertEquals(4, s.size());
        assertEquals(new SourceSpan(1, 1, 5, 4), s.get(0).span());
        assertEquals("BEGIN", s.get(1).sql());
    }

    @Test
    void windowsLineEndings() {
        List<RawStatement> s = split("-- note\r\nALTER TABLE t\r\n  ADD COLUMN c int;\r\n\\echo done\r\n");
        assertEquals(2, s.size());
        assertEquals(List.of("note"), s.get(0).leadingComments());
        assertEquals(new SourceSpan(2, 1, 3, 19), s.get(0).span());
        assertEquals("\\echo done", s.get(1).sql());
    }
}
