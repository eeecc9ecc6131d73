package dev.migrationreview.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layouts that passed as "No findings in 0 files" before: each is now a format of its own, found by its pattern. */
class NewLayoutsTest {
    private final LayoutMigrationFinder finder = new LayoutMigrationFinder();

    private static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            out.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return out;
    }

    private MigrationFinder.Found find(Map<String, String> files) throws IOException {
        return finder.findWithSkipped(new InMemoryRepositoryFiles(files), ReviewConfig.defaults());
    }

    private static List<String> paths(MigrationFinder.Found found) {
        return found.scripts().stream().map(MigrationScript::path).toList();
    }

    @Test
    void sqlxMigrationsOfACrateThatDependsOnSqlx() throws IOException {
        MigrationFinder.Found found = find(files(
                "server/Cargo.toml", "[package]\nname = \"shop\"\n\n[dependencies]\nsqlx = { version = \"0.8\", features = [\"postgres\"] }\n",
                "server/migrations/20240102000000_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n",
                "server/migrations/20240102000000_orders.down.sql", "DROP TABLE orders;\n",
                "server/migrations/20240101000000_customers.sql", "-- no-transaction\nCREATE INDEX CONCURRENTLY customers_email_idx ON customers (email);\n",
                "server/migrations/20240103000000_two.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"));
        assertEquals(List.of("server/migrations/20240101000000_customers.sql", "server/migrations/20240102000000_orders.up.sql",
                "server/migrations/20240103000000_two.sql"), paths(found));
        assertTrue(found.scripts().stream().allMatch(s -> s.tool().configName().equals("sqlx")));
        assertFalse(found.scripts().get(0).transactional(), "-- no-transaction with one statement runs on its own");
        assertTrue(found.scripts().get(1).transactional());
    }

    @Test
    void withoutSqlxTheSameNamesStayGolangMigrate() throws IOException {
        MigrationFinder.Found found = find(files(
                "Cargo.toml", "[dependencies]\ndiesel = \"2\"\n",
                "migrations/1_orders.up.sql", "CREATE TABLE orders (id bigint);\n"));
        assertEquals("golang-migrate", found.scripts().get(0).tool().configName());
    }

    @Test
    void supabaseCliMigrationsRunEachFileInATransaction() throws IOException {
        MigrationFinder.Found found = find(files(
                "supabase/migrations/20240301120000_profiles.sql", "CREATE TABLE profiles (id uuid PRIMARY KEY);\nALTER TABLE profiles ENABLE ROW LEVEL SECURITY;\n",
                "supabase/migrations/20240201120000_init.sql", "CREATE SCHEMA app;\n",
                "supabase/seed.sql", "INSERT INTO profiles VALUES (gen_random_uuid());\n"));
        assertEquals(List.of("supabase/migrations/20240201120000_init.sql", "supabase/migrations/20240301120000_profiles.sql"), paths(found));
        assertEquals("supabase", found.scripts().get(0).tool().configName());
        assertTrue(found.scripts().get(1).transactional());
    }

    @Test
    void numberedRunnersInAMigrationsFolderWithDashOrUnderscore() throws IOException {
        MigrationFinder.Found found = find(files(
                "src/db/migrations/0002-add-email.sql", "ALTER TABLE users ADD COLUMN email text;\n",
                "src/db/migrations/0001_create-users.sql", "CREATE TABLE users (id serial PRIMARY KEY);\n",
                "src/db/migrations/0010-index.sql", "-- postgres-migrations disable-transaction\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n",
                "src/db/queries/0001_report.sql", "SELECT 1;\n"));
        assertEquals(List.of("src/db/migrations/0001_create-users.sql", "src/db/migrations/0002-add-email.sql",
                "src/db/migrations/0010-index.sql"), paths(found));
        assertEquals("numbered", found.scripts().get(0).tool().configName());
        assertTrue(found.scripts().get(0).transactional());
        assertFalse(found.scripts().get(2).transactional());
    }

    @Test
    void numberedRunnersKeepingSeveralSetsUnderAMigrationsFolder() throws IOException {
        MigrationFinder.Found found = find(files(
                "migrations/tenant/0002-add-email.sql", "ALTER TABLE users ADD COLUMN email text;\n",
                "migrations/tenant/0001-create-users.sql", "CREATE TABLE users (id serial PRIMARY KEY);\n",
                "migrations/multitenant/0001-create-tenants.sql", "CREATE TABLE tenants (id serial PRIMARY KEY);\n",
                "migrations/tenant/fixtures/0001-seed.sql", "INSERT INTO users DEFAULT VALUES;\n"));
        assertEquals(List.of("migrations/multitenant/0001-create-tenants.sql", "migrations/tenant/0001-create-users.sql",
                "migrations/tenant/0002-add-email.sql"), paths(found).stream().sorted().toList());
        assertTrue(found.scripts().stream().allMatch(s -> s.tool().configName().equals("numbered")));
    }

    @Test
    void nodePgMigrateSqlFilesApplyTheirUpSection() throws IOException {
        MigrationFinder.Found found = find(files(
                "migrations/1700000000000_orders.sql", "-- Up Migration\nCREATE TABLE orders (id bigint);\n\n-- Down Migration\nDROP TABLE orders;\n"));
        MigrationScript script = found.scripts().get(0);
        assertEquals("node-pg-migrate", script.tool().configName());
        assertEquals(List.of(new MigrationScript.Section(2, 3, true)), script.sections());
    }

    @Test
    void anAtlasDirectoryIsMarkedByItsSumFile() throws IOException {
        MigrationFinder.Found found = find(files(
                "ent/migrate/migrations/atlas.sum", "h1:abc=\n20240102_b.sql h1:x=\n",
                "ent/migrate/migrations/20240102_b.sql", "-- atlas:txmode none\nCREATE INDEX CONCURRENTLY b_idx ON b (x);\n",
                "ent/migrate/migrations/20240101_a.sql", "CREATE TABLE b (x int);\n"));
        assertEquals(List.of("ent/migrate/migrations/20240101_a.sql", "ent/migrate/migrations/20240102_b.sql"), paths(found));
        assertEquals("atlas", found.scripts().get(0).tool().configName());
        assertTrue(found.scripts().get(0).transactional());
        assertFalse(found.scripts().get(1).transactional());
    }

    @Test
    void filesForAnotherDatabaseAreNotHistoryAndAreNamed() throws IOException {
        MigrationFinder.Found found = find(files(
                "db/migrations/V1__orders.sql", "CREATE TABLE orders (id bigint);\n",
                "db/migrations/V2__orders.mysql.sql", "ALTER TABLE orders ENGINE=InnoDB;\n",
                "client/migrations/sqlite/0001_cache.sql", "CREATE TABLE cache (k text);\n"));
        assertEquals(List.of("db/migrations/V1__orders.sql"), paths(found));
        assertEquals(Set.of("db/migrations/V2__orders.mysql.sql", "client/migrations/sqlite/0001_cache.sql"), Set.copyOf(found.otherDatabase()));
    }
}
