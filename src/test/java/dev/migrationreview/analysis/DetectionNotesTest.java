package dev.migrationreview.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.report.JsonReport;
import dev.migrationreview.report.TextReport;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A review never passes silently over files it did not read: it names them and what would claim them. */
class DetectionNotesTest {
    private static ApplicationContext context;
    private static RepositoryChangeReviewer reviewer;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder(Environment.CLI).start();
        reviewer = context.getBean(RepositoryChangeReviewer.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void migrationLikeFilesNoFormatClaimsAreNamedWithTheConfigThatWouldClaimThem() throws IOException {
        Map<String, String> head = Map.of(
                "db/changes/add_orders.sql", "CREATE TABLE orders (id bigint);\n",
                "app/db/migrate/add_orders.rb", "class AddOrders < ActiveRecord::Migration[7.1]\nend\n",
                "shop/migrations/0002_orders.py", "from django.db import migrations\n",
                "README.md", "docs\n");
        Report report = reviewer.review(new InMemoryRepositoryFiles(Map.of()), new InMemoryRepositoryFiles(head), List.copyOf(head.keySet()));

        assertTrue(report.files().isEmpty());
        List<String> notes = report.notes();
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("No migrations in this change")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("db/changes/add_orders.sql looks like a migration")
                && n.contains("migrations: [{ path: db/changes, tool: plain }]")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("app/db/migrate/add_orders.rb looks like a Rails migration, but its name does not start with a version")),
                notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("shop/migrations/0002_orders.py looks like a Django migration")),
                notes.toString());
        assertTrue(TextReport.render(report, false).contains("No migrations in this change, so nothing was reviewed."),
                TextReport.render(report, false));
        assertTrue(JsonReport.render(report).contains("No migrations in this change"));
    }

    @Test
    void downScriptsAreNamedAsRollbacksNotAsUnclaimedMigrations() throws IOException {
        Map<String, String> head = Map.of(
                "migrations/2024-01-01-000000_orders/up.sql", "CREATE TABLE orders (id bigint);\n",
                "migrations/2024-01-01-000000_orders/down.sql", "DROP TABLE orders;\n",
                "migrations/2024-01-01-000000_orders/.keep", "");
        Report report = reviewer.review(new InMemoryRepositoryFiles(Map.of()), new InMemoryRepositoryFiles(head),
                List.of("migrations/2024-01-01-000000_orders/up.sql", "migrations/2024-01-01-000000_orders/down.sql"));

        assertEquals(List.of("migrations/2024-01-01-000000_orders/up.sql"), report.files().stream().map(FileReport::path).toList());
        List<String> notes = report.notes();
        assertTrue(notes.contains("migrations/2024-01-01-000000_orders/down.sql undoes a migration (a down script): a deploy never"
                + " runs it, so it was not reviewed."), notes.toString());
        assertTrue(notes.stream().noneMatch(n -> n.contains("looks like a migration")), notes.toString());
        assertTrue(DetectionNotes.isRollback("db/migration/U3__orders.sql"));
        assertTrue(DetectionNotes.isRollback("migrations/000002_orders.down.sql"));
        assertTrue(!DetectionNotes.isRollback("migrations/000002_orders.up.sql"));
        assertTrue(!DetectionNotes.isRollback("db/migration/V3__down.sql"));
    }

    @Test
    void anotherDatabasesFilesAreNamedAndNotReplayed() throws IOException {
        Map<String, String> files = Map.of(
                "migrations/00001_orders.up.sql", "CREATE TABLE orders (id bigint);\n",
                "migrations/00002_orders_index.up.sql", "CREATE INDEX orders_id_idx ON orders (id);\n",
                "migrations/sqlite/00001_orders.up.sql", "CREATE TABLE orders (id integer);\n");
        Map<String, String> base = Map.of(
                "migrations/00001_orders.up.sql", files.get("migrations/00001_orders.up.sql"),
                "migrations/sqlite/00001_orders.up.sql", files.get("migrations/sqlite/00001_orders.up.sql"));
        Report report = reviewer.review(new InMemoryRepositoryFiles(base), new InMemoryRepositoryFiles(files),
                List.of("migrations/00002_orders_index.up.sql"));
        assertEquals(1, report.files().size());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("migrations/sqlite/00001_orders.up.sql is written for another"
                + " database than postgresql")), report.notes().toString());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("History: 1 migration file replayed")), report.notes().toString());
    }
}
