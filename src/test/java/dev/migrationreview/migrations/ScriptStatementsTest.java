package dev.migrationreview.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrationreview.migrations.ScriptStatements.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptStatementsTest {

    @Test
    void semicolonsInsideQuotesCommentsAndDollarBodiesDoNotEndStatements() {
        String sql = """
                -- a comment; with a semicolon
                INSERT INTO t VALUES ('a;b', 'it''s; fine', E'esc\\'; still', "odd;name");
                /* outer /* nested; */ still comment; */
                CREATE FUNCTION f() RETURNS int AS $body$
                  SELECT 1; SELECT $$;$$;
                $body$ LANGUAGE sql;
                SELECT $1::int
                """;
        List<Statement> statements = ScriptStatements.of(sql);
        assertEquals(3, statements.size(), statements.toString());
        assertEquals(new Statement(2, 2, "INSERT INTO T VALUES ('', '', E'', \"\")"), statements.get(0));
        assertEquals(4, statements.get(1).firstLine());
        assertEquals(6, statements.get(1).lastLine());
        assertEquals("CREATE FUNCTION F() RETURNS INT AS $$ LANGUAGE SQL", statements.get(1).text());
        assertEquals(new Statement(7, 7, "SELECT $1::INT"), statements.get(2), "no trailing semicolon still counts");
    }

    @Test
    void psqlMetaCommandsAndEmptyStatementsAreNotStatements() {
        List<Statement> statements = ScriptStatements.of("\\set ON_ERROR_STOP on\n;\n;;\n\\connect app\nselect 1;\n-- end\n");
        assertEquals(List.of(new Statement(5, 5, "SELECT 1")), statements);
    }

    @Test
    void standardStringsTakeNoBackslashEscapes() {
        // with standard_conforming_strings (the default since 9.1) 'x\' is a complete string
        assertEquals(2, ScriptStatements.of("SELECT 'x\\';\nSELECT 2;\n").size());
        assertEquals(1, ScriptStatements.of("SELECT E'x\\';\nSELECT 2;\n").size(), "E'x\\' escapes the quote: one open string");
    }
}
