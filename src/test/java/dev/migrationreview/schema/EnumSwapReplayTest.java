package dev.migrationreview.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import dev.migrationreview.sql.QualifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The enum swap an ORM writes to remove a value (create the new type, move the columns to it, drop the old, rename
 * the new to the old name): the renamed type keeps its quoted, mixed-case name, so later ADD VALUE finds it.
 */
class EnumSwapReplayTest {
    private final HistoryReplay replay = new HistoryReplay(new PostgresStatementParser());

    private static MigrationScript file(String path, String sql) {
        int lines = sql.split("\n", -1).length;
        return new MigrationScript(path, MigrationTool.PLAIN, null, sql, List.of(new MigrationScript.Section(1, lines, true)));
    }

    @Test
    void renamedMixedCaseEnumKeepsItsNameAndItsColumns() {
        SchemaReplay.Result result = replay.replay(Schema.EMPTY, List.of(
                file("migrations/1_init/migration.sql", """
                        CREATE TYPE "TicketState" AS ENUM ('OPEN', 'PARKED', 'CLOSED');
                        CREATE TABLE "Ticket" ("id" TEXT NOT NULL, "state" "TicketState" NOT NULL DEFAULT 'OPEN', CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id"));
                        """),
                file("migrations/2_drop_parked/migration.sql", """
                        BEGIN;
                        CREATE TYPE "TicketState_new" AS ENUM ('OPEN', 'CLOSED');
                        ALTER TABLE "Ticket" ALTER COLUMN "state" DROP DEFAULT;
                        ALTER TABLE "Ticket" ALTER COLUMN "state" TYPE "TicketState_new" USING ("state"::text::"TicketState_new");
                        ALTER TYPE "TicketState" RENAME TO "TicketState_old";
                        ALTER TYPE "TicketState_new" RENAME TO "TicketState";
                        DROP TYPE "TicketState_old";
                        ALTER TABLE "Ticket" ALTER COLUMN "state" SET DEFAULT 'OPEN';
                        COMMIT;
                        """),
                file("migrations/3_add_value/migration.sql", """
                        ALTER TYPE "TicketState" ADD VALUE 'ESCALATED';
                        """)));
        Schema schema = result.schema();
        assertEquals(List.of(), result.unmodelled());
        QualifiedName type = new QualifiedName("public", "TicketState");
        assertTrue(schema.enums().containsKey(type), "enums after the swap: " + schema.enums().keySet());
        assertEquals(List.of("OPEN", "CLOSED", "ESCALATED"), schema.enums().get(type).values());
        assertFalse(schema.enums().containsKey(new QualifiedName("public", "TicketState_new")));
        assertFalse(schema.enums().containsKey(new QualifiedName("public", "TicketState_old")));
        String columnType = schema.table(new QualifiedName("public", "Ticket")).orElseThrow().column("state").orElseThrow().type().name();
        assertTrue(columnType.equalsIgnoreCase("TicketState") || columnType.equalsIgnoreCase("\"TicketState\""), columnType);
    }
}
