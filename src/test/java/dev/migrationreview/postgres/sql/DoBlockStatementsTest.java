package dev.migrationreview.postgres.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.schema.HistoryReplay;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.SchemaReplay;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Static statements inside DO bodies are statements of the file, at their own lines; EXECUTE is not understood. */
class DoBlockStatementsTest {
    private static final PostgresStatementParser PARSER = new PostgresStatementParser();

    private static final String FILE = """
            CREATE TABLE shipments (id bigint PRIMARY KEY, weight numeric, carrier text);
            DO $body$
            DECLARE
                missing boolean;
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'shipments_weight_positive') THEN
                    ALTER TABLE shipments
                        ADD CONSTRAINT shipments_weight_positive CHECK (weight > 0);
                ELSIF missing THEN
                    RAISE NOTICE 'skipped';
                ELSE
                    CREATE INDEX shipments_carrier_idx ON shipments (carrier);
                END IF;
                missing := false;
                BEGIN
                    ALTER TABLE shipments ADD COLUMN tracking text;
                EXCEPTION WHEN duplicate_column THEN
                    NULL;
                END;
                EXECUTE 'ALTER TABLE ' || quote_ident('shipments') || ' ADD COLUMN late boolean';
            END
            $body$;
            ALTER TABLE shipments ADD COLUMN note text;
            """;

    @AfterAll
    static void close() {
        PARSER.close();
    }

    @Test
    void bodyStatementsAreParsedAtTheirOwnLines() {
        List<ParsedStatement> statements = PARSER.parse(FILE);
        assertEquals(List.of("CREATE TABLE", "ALTER TABLE", "CREATE INDEX", "ALTER TABLE", "EXECUTE", "ALTER TABLE"),
                statements.stream().map(ParsedStatement::kind).toList());
        ParsedStatement constraint = statements.get(1);
        assertEquals(7, constraint.span().startLine());
        assertEquals(8, constraint.span().endLine());
        assertTrue(constraint.statement() instanceof Statement.AlterTable);
        assertEquals(12, statements.get(2).span().startLine());
        assertEquals(16, statements.get(3).span().startLine());
        ParsedStatement dynamic = statements.get(4);
        assertEquals(20, dynamic.span().startLine());
        assertFalse(dynamic.understood());
        assertTrue(((Statement.Unrecognised) dynamic.statement()).reason().contains("EXECUTE"));
        assertEquals(23, statements.get(5).span().startLine());
        for (int i = 0; i < statements.size(); i++) {
            assertEquals(i, statements.get(i).raw().index());
        }
    }

    @Test
    void bodyStatementsAreReplayed() {
        HistoryReplay replay = new HistoryReplay(PARSER);
        int lines = FILE.split("\n", -1).length;
        SchemaReplay.Result result = replay.replay(Schema.EMPTY, List.of(new MigrationScript("migrations/001_shipments.sql",
                MigrationTool.PLAIN, null, FILE, List.of(new MigrationScript.Section(1, lines, true)))));
        var table = result.schema().table(QualifiedName.parse("shipments")).orElseThrow();
        assertTrue(table.constraint("shipments_weight_positive").isPresent());
        assertTrue(table.column("tracking").isPresent());
        assertTrue(result.schema().index(QualifiedName.parse("shipments_carrier_idx")).isPresent());
    }

    @Test
    void aBodyWithoutStaticStatementsStaysOneDoBlock() {
        List<ParsedStatement> statements = PARSER.parse("DO $$ BEGIN RAISE NOTICE 'hello'; END $$;\n");
        assertEquals(1, statements.size());
        assertTrue(statements.get(0).statement() instanceof Statement.DoBlock);
    }
}
