package dev.migrationreview.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.ReviewConfig.MigrationLocation;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.format.MigrationScript.Section;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutMigrationFinderTest {
    private final LayoutMigrationFinder finder = new LayoutMigrationFinder();

    private static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            map.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return map;
    }

    private List<MigrationScript> find(Map<String, String> files) throws IOException {
        return finder.find(new InMemoryRepositoryFiles(files), ReviewConfig.defaults());
    }

    private List<MigrationScript> find(Map<String, String> files, ReviewConfig config) throws IOException {
        return finder.find(new InMemoryRepositoryFiles(files), config);
    }

    private static List<String> paths(List<MigrationScript> scripts) {
        return scripts.stream().map(MigrationScript::path).toList();
    }

    private static ReviewConfig withLocations(List<MigrationLocation> locations) {
        ReviewConfig d = ReviewConfig.defaults();
        return new ReviewConfig(d.dialect(), d.databaseVersion(), locations, d.schemaFile(), d.deploy(), d.failOn(),
                d.largeTableRows(), d.tables(), d.rules(), d.ignorePaths());
    }

    private static ReviewConfig ignoring(String... globs) {
        ReviewConfig d = ReviewConfig.defaults();
        return new ReviewConfig(d.dialect(), d.databaseVersion(), d.migrations(), d.schemaFile(), d.deploy(), d.failOn(),
                d.largeTableRows(), d.tables(), d.rules(), List.of(globs));
    }

    private static ReviewConfig version(int databaseVersion) {
        ReviewConfig d = ReviewConfig.defaults();
        return new ReviewConfig(d.dialect(), databaseVersion, d.migrations(), d.schemaFile(), d.deploy(), d.failOn(),
                d.largeTableRows(), d.tables(), d.rules(), d.ignorePaths());
    }

    private static MigrationScript only(List<MigrationScript> scripts, String path) {
        return scripts.stream().filter(s -> s.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not found in " + paths(scripts)));
    }

    @Nested
    class Flyway {
        private static final String DIR = "api/src/main/resources/marquez/db/migration/";

        @Test
        void versionsOrderNumericallyThenRepeatablesByDescription() throws IOException {
            List<MigrationScript> scripts = find(files(
                    DIR + "V10__drop_unique_constraint_on_job_name.sql", "ALTER TABLE jobs DROP CONSTRAINT jobs_name_key;\n",
                    DIR + "V1.10__later.sql", "SELECT 1;\n",
                    DIR + "V1.9__earlier.sql", "SELECT 1;\n",
                    DIR + "V2__b.sql", "SELECT 1;\n",
                    DIR + "V1__init.sql", "CREATE TABLE jobs (name text UNIQUE);\n",
                    DIR + "R__Runs_view.sql", "CREATE OR REPLACE VIEW runs_view AS SELECT 1;\n",
                    DIR + "R__Datasets_view.sql", "CREATE OR REPLACE VIEW datasets_view AS SELECT 1;\n",
                    DIR + "U2__undo_b.sql", "SELECT 1;\n",
                    "README.md", "# marquez\n"));

            assertEquals(List.of(DIR + "V1__init.sql", DIR + "V1.9__earlier.sql", DIR + "V1.10__later.sql", DIR + "V2__b.sql",
                    DIR + "V10__drop_unique_constraint_on_job_name.sql", DIR + "R__Datasets_view.sql", DIR + "R__Runs_view.sql"),
                    paths(scripts));
            assertTrue(scripts.stream().allMatch(s -> s.tool() == MigrationTool.FLYWAY));
            assertEquals("1.10", only(scripts, DIR + "V1.10__later.sql").version());
            assertEquals(null, only(scripts, DIR + "R__Runs_view.sql").version());
            assertTrue(scripts.stream().allMatch(MigrationScript::transactional), "Flyway's default on PostgreSQL");
        }

        @Test
        void underscoreVersionsAcrossReleaseDirectoriesFormOneHistory() throws IOException {
            String root = "dhis-2/dhis-support/dhis-support-db-migration/src/main/resources/org/hisp/dhis/db/migration/";
            List<MigrationScript> scripts = find(files(
                    root + "2.32/V2_32_1__a.sql", "SELECT 1;\n",
                    root + "2.31/V2_31_10__c.sql", "SELECT 1;\n",
                    root + "2.31/V2_31_2__b.sql", "SELECT 1;\n",
                    root + "2.31/V2_31_1__a.sql", "SELECT 1;\n",
                    root + "2.100/V2_100_1__future.sql", "SELECT 1;\n"));

            assertEquals(List.of(root + "2.31/V2_31_1__a.sql", root + "2.31/V2_31_2__b.sql", root + "2.31/V2_31_10__c.sql",
                    root + "2.32/V2_32_1__a.sql", root + "2.100/V2_100_1__future.sql"), paths(scripts));
            assertEquals("2.31.10", scripts.get(2).version());
        }

        @Test
        void executeInTransactionFalseFromSidecarOrHeader() throws IOException {
            List<MigrationScript> scripts = find(files(
                    "db/migration/V1__init.sql", "CREATE TABLE t (id int);\n",
                    "db/migration/V2__index.sql", "CREATE INDEX t_id ON t (id);\n",
                    "db/migration/V2__index.sql.conf", "executeInTransaction=false\n",
                    "db/migration/V3__header.sql", "-- flyway:executeInTransaction=false\nVACUUM t;\n"));

            assertTrue(only(scripts, "db/migration/V1__init.sql").transactional());
            assertFalse(only(scripts, "db/migration/V2__index.sql").transactional());
            assertFalse(only(scripts, "db/migration/V3__header.sql").transactional());
            assertEquals(3, scripts.size(), "the .conf sidecar is not a migration");
        }

        @Test
        void scriptsWithStatementsThatCannotRunInATransactionRunWithoutOne() throws IOException {
            List<MigrationScript> scripts = find(files(
                    "db/migration/V1__init.sql", "CREATE TABLE t (id int, \"create index concurrently\" text);\n",
                    "db/migration/V2__idx.sql", "-- Flyway sees this and runs the script outside a transaction\n"
                            + "create  index\n  concurrently t_id on t (id);\n",
                    "db/migration/V3__enum.sql", "ALTER TYPE mood ADD VALUE 'meh';\n",
                    "db/migration/V4__comment.sql", "/* CREATE INDEX CONCURRENTLY x ON t (id); */\nCOMMENT ON TABLE t IS 'VACUUM';\n"),
                    version(11));

            assertTrue(only(scripts, "db/migration/V1__init.sql").transactional(), "a quoted name is not a statement");
            assertFalse(only(scripts, "db/migration/V2__idx.sql").transactional());
            assertFalse(only(scripts, "db/migration/V3__enum.sql").transactional(), "ADD VALUE is non-transactional before 12");
            assertTrue(only(scripts, "db/migration/V4__comment.sql").transactional(), "comments and strings are not statements");

            List<MigrationScript> on16 = find(files("db/migration/V3__enum.sql", "ALTER TYPE mood ADD VALUE 'meh';\n"), version(16));
            assertTrue(on16.get(0).transactional(), "since PostgreSQL 12 ADD VALUE runs in a transaction");
        }

        @Test
        void separateModulesAreSeparateLocationsInPathOrder() throws IOException {
            List<MigrationScript> scripts = find(files(
                    "payment/src/main/resources/org/killbill/billing/payment/migration/V20160101000000__p.sql", "SELECT 1;\n",
                    "account/src/main/resources/org/killbill/billing/account/migration/V20170101000000__a.sql", "SELECT 1;\n",
                    "account/src/main/resources/org/killbill/billing/account/ddl.sql", "CREATE TABLE accounts (id int);\n"));
            assertEquals(List.of(
                    "account/src/main/resources/org/killbill/billing/account/migration/V20170101000000__a.sql",
                    "payment/src/main/resources/org/killbill/billing/payment/migration/V20160101000000__p.sql"), paths(scripts));
        }

        @Test
        void buildOutputAndOtherDatabasesAreNotMigrations() throws IOException {
            List<MigrationScript> scripts = find(files(
                    "src/main/resources/db/migration/postgresql/V1__a.sql", "SELECT 1;\n",
                    "src/main/resources/db/migration/mysql/V1__a.sql", "SELECT 1;\n",
                    "target/classes/db/migration/postgresql/V1__a.sql", "SELECT 1;\n"));
            assertEquals(List.of("src/main/resources/db/migration/postgresql/V1__a.sql"), paths(scripts));
        }
    }

    @Nested
    class GolangMigrate {
        @Test
        void upFilesInNumericOrderDownFilesIgnored() throws IOException {
            String dir = "make/migrations/postgresql/";
            List<MigrationScript> scripts = find(files(
                    dir + "0010_2.0.0_schema.up.sql", "ALTER TABLE a ADD COLUMN b int;\nALTER TABLE a ADD COLUMN c int;\n",
                    dir + "0002_1.7.0_schema.up.sql", "CREATE INDEX CONCURRENTLY a_b ON a (b);\n",
                    dir + "0001_initial_schema.up.sql", "CREATE TABLE a (id int);\n",
                    dir + "0001_initial_schema.down.sql", "DROP TABLE a;\n",
                    dir + "0003_add_replication_op_uuid.up.sql", "-- nothing yet\n"));

            assertEquals(List.of(dir + "0001_initial_schema.up.sql", dir + "0002_1.7.0_schema.up.sql",
                    dir + "0003_add_replication_op_uuid.up.sql", dir + "0010_2.0.0_schema.up.sql"), paths(scripts));
            assertTrue(scripts.stream().allMatch(s -> s.tool() == MigrationTool.GOLANG_MIGRATE));
            assertEquals("0002", scripts.get(1).version());
            // golang-migrate adds no transaction: one statement autocommits, several form an implicit transaction
            assertFalse(scripts.get(0).transactional());
            assertFalse(scripts.get(1).transactional(), "CREATE INDEX CONCURRENTLY alone in a file works");
            assertFalse(scripts.get(2).transactional());
            assertTrue(scripts.get(3).transactional(), "a multi-statement file is one implicit transaction");
        }

        @Test
        void mysqlHasNoImplicitTransactionForABatch() throws IOException {
            ReviewConfig d = ReviewConfig.defaults();
            ReviewConfig mysql = new ReviewConfig(Dialect.MYSQL, 8, List.of(), null, d.deploy(), d.failOn(), d.largeTableRows(),
                    d.tables(), d.rules(), List.of());
            List<MigrationScript> scripts = find(files(
                    "migrations/0001_init.up.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n",
                    "db/migration/V1__idx.sql", "CREATE INDEX CONCURRENTLY i ON a (id);\n"), mysql);
            assertFalse(only(scripts, "migrations/0001_init.up.sql").transactional());
            assertTrue(only(scripts, "db/migration/V1__idx.sql").transactional(), "PostgreSQL's statement list is not MySQL's");
        }

        @Test
        void unixTimestampVersionsOrderNumerically() throws IOException {
            String dir = "atc/db/migration/migrations/";
            List<MigrationScript> scripts = find(files(
                    dir + "1510670987_update_unique_constraint_for_resource_caches.up.sql", "SELECT 1;\n",
                    dir + "1510262030_initial_schema.up.sql", "SELECT 1;\n",
                    dir + "999_older.up.sql", "SELECT 1;\n"));
            assertEquals(List.of(dir + "999_older.up.sql", dir + "1510262030_initial_schema.up.sql",
                    dir + "1510670987_update_unique_constraint_for_resource_caches.up.sql"), paths(scripts));
        }

        @Test
        void databaseSpecificVariantsReplaceTheGenericFile() throws IOException {
            String dir = "persistence/sql/migrations/sql/";
            List<MigrationScript> scripts = find(files(
                    dir + "20150100000001000000_networks.cockroach.up.sql", "SELECT 1;\n",
                    dir + "20150100000001000000_networks.mysql.up.sql", "SELECT 1;\n",
                    dir + "20150100000001000000_networks.postgres.up.sql", "CREATE TABLE networks (id uuid);\n",
                    dir + "20150100000001000000_networks.sqlite3.up.sql", "SELECT 1;\n",
                    dir + "20150100000001000000_networks.up.sql", "SELECT 'generic';\n",
                    dir + "20150100000001000000_networks.postgres.down.sql", "DROP TABLE networks;\n",
                    dir + "20150100000002000000_identities.up.sql", "SELECT 1;\n",
                    dir + "20150100000003000000_index.postgres.autocommit.up.sql", "CREATE INDEX CONCURRENTLY i ON t (c);\n"));
            assertEquals(List.of(dir + "20150100000001000000_networks.postgres.up.sql",
                    dir + "20150100000002000000_identities.up.sql",
                    dir + "20150100000003000000_index.postgres.autocommit.up.sql"), paths(scripts));
        }
    }

    @Nested
    class Goose {
        private static final String DIR = "cmd/hatchet-migrate/migrate/migrations/";

        @Test
        void upSectionsInVersionOrderWithTransactionMode() throws IOException {
            String init = """
                    -- +goose Up
                    -- CreateEnum
                    CREATE TYPE "Role" AS ENUM ('OWNER', 'MEMBER');

                    -- +goose StatementBegin
                    CREATE FUNCTION f() RETURNS trigger AS $$
                    BEGIN
                      RETURN NEW;
                    END;
                    $$ LANGUAGE plpgsql;
                    -- +goose StatementEnd

                    -- +goose Down
                    DROP TYPE "Role";
                    """;
            String concurrent = """
                    -- +goose NO TRANSACTION
                    -- +goose Up
                    CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON t (c);
                    -- +goose Down
                    DROP INDEX CONCURRENTLY ix;
                    """;
            List<MigrationScript> scripts = find(files(
                    DIR + "20240716143349_v0_39_0.sql", concurrent,
                    DIR + "20240115180414_init.sql", init,
                    DIR + "embed.go", "package migrations\n"));

            assertEquals(List.of(DIR + "20240115180414_init.sql", DIR + "20240716143349_v0_39_0.sql"), paths(scripts));
            MigrationScript first = scripts.get(0);
            assertEquals(MigrationTool.GOOSE, first.tool());
            assertEquals("20240115180414", first.version());
            assertEquals(List.of(new Section(2, 12, true)), first.sections());
            assertFalse(first.appliedText().contains("DROP TYPE"), "the Down section is never applied");
            assertTrue(first.appliedText().contains("CREATE TYPE \"Role\""));
            assertEquals(first.content().split("\n", -1).length, first.appliedText().split("\n", -1).length,
                    "applied text keeps the file's line numbers");

            MigrationScript withBom = finder.script("x.sql", "\uFEFF-- +goose Up\nSELECT 1;\n", null);
            assertEquals(List.of(new Section(2, 3, true)), withBom.sections(), "a byte-order mark does not hide the marker");

            MigrationScript second = scripts.get(1);
            assertFalse(second.transactional(), "-- +goose NO TRANSACTION");
            assertEquals(List.of(new Section(3, 3, false)), second.sections());
        }
    }

    @Nested
    class Dbmate {
        @Test
        void upSectionsInFileNameOrderAndTransactionFalse() throws IOException {
            String root = "migrations/db/";
            String plain = "-- migrate:up\n\nGRANT ALL ON SCHEMA auth TO postgres;\n\n-- migrate:down\nREVOKE ALL ON SCHEMA auth FROM postgres;\n";
            String noTx = "-- migrate:up transaction:false\nALTER TYPE mood ADD VALUE 'meh';\n-- migrate:down\n";
            String noTxMany = "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (c);\nSELECT 1;\n-- migrate:down\n";
            List<MigrationScript> scripts = find(files(
                    root + "migrations/20211118015519_create-realtime-schema.sql", plain,
                    root + "migrations/10000000000000_demote-postgres.sql", plain,
                    root + "migrations/20220101000000_enum.sql", noTx,
                    root + "migrations/20220101000001_batch.sql", noTxMany,
                    root + "init-scripts/00000000000001-auth-schema.sql", plain,
                    root + "init-scripts/00000000000000-initial-schema.sql", plain,
                    "migrations/schema-15.sql", "--\n-- PostgreSQL database dump\n--\nCREATE TABLE x (id int);\n"));

            assertEquals(List.of(root + "init-scripts/00000000000000-initial-schema.sql",
                    root + "init-scripts/00000000000001-auth-schema.sql",
                    root + "migrations/10000000000000_demote-postgres.sql",
                    root + "migrations/20211118015519_create-realtime-schema.sql",
                    root + "migrations/20220101000000_enum.sql",
                    root + "migrations/20220101000001_batch.sql"), paths(scripts));
            MigrationScript demote = scripts.get(2);
            assertEquals(MigrationTool.DBMATE, demote.tool());
            assertEquals(List.of(new Section(2, 4, true)), demote.sections());
            assertFalse(demote.appliedText().contains("REVOKE"));
            assertFalse(only(scripts, root + "migrations/20220101000000_enum.sql").transactional());
            assertTrue(only(scripts, root + "migrations/20220101000001_batch.sql").transactional(),
                    "transaction:false still sends one multi-statement string: PostgreSQL's implicit transaction");
        }
    }

    @Nested
    class Prisma {
        @Test
        void directoriesInNameOrderAsOneBatchEach() throws IOException {
            String dir = "packages/prisma/migrations/";
            List<MigrationScript> scripts = find(files(
                    dir + "migration_lock.toml", "provider = \"postgresql\"\n",
                    dir + "20230411134605_doc_208/migration.sql", "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"x\" TEXT;\n",
                    dir + "20230404095503_initial_migration/migration.sql",
                    "-- CreateTable\nCREATE TABLE \"User\" (\"id\" SERIAL);\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"u\" ON \"User\"(\"id\");\n"));
            assertEquals(List.of(dir + "20230404095503_initial_migration/migration.sql", dir + "20230411134605_doc_208/migration.sql"),
                    paths(scripts));
            assertEquals(MigrationTool.PRISMA, scripts.get(0).tool());
            assertEquals("20230404095503", scripts.get(0).version());
            assertTrue(scripts.get(0).transactional(), "two statements in one batch: one implicit transaction");
            assertFalse(scripts.get(1).transactional(), "a lone statement autocommits");
        }
    }

    @Nested
    class Diesel {
        @Test
        void upSqlInVersionOrderWithMetadataToml() throws IOException {
            List<MigrationScript> scripts = find(files(
                    "migrations/2019-02-26-002946_create_user/up.sql", "create table user_ (id serial primary key);\n",
                    "migrations/2019-02-26-002946_create_user/down.sql", "drop table user_;\n",
                    "migrations/00000000000000_diesel_initial_setup/up.sql", "CREATE OR REPLACE FUNCTION x() RETURNS void AS $$ SELECT 1; $$ LANGUAGE sql;\n",
                    "migrations/00000000000000_diesel_initial_setup/down.sql", "DROP FUNCTION x();\n",
                    "migrations/2020-01-01-000000_concurrent/up.sql", "CREATE INDEX CONCURRENTLY i ON user_ (id);\n",
                    "migrations/2020-01-01-000000_concurrent/metadata.toml", "run_in_transaction = false\n",
                    "migrations/2020-01-02-000000_two/up.sql", "CREATE INDEX CONCURRENTLY j ON user_ (id);\nSELECT 1;\n",
                    "migrations/2020-01-02-000000_two/metadata.toml", "run_in_transaction = false\n"));
            assertEquals(List.of("migrations/00000000000000_diesel_initial_setup/up.sql",
                    "migrations/2019-02-26-002946_create_user/up.sql",
                    "migrations/2020-01-01-000000_concurrent/up.sql",
                    "migrations/2020-01-02-000000_two/up.sql"), paths(scripts));
            assertEquals(MigrationTool.DIESEL, scripts.get(1).tool());
            assertEquals("2019-02-26-002946", scripts.get(1).version());
            assertTrue(scripts.get(0).transactional());
            assertTrue(scripts.get(1).transactional());
            assertFalse(scripts.get(2).transactional());
            assertTrue(scripts.get(3).transactional(), "batch_execute of two statements is one implicit transaction");
        }
    }

    @Nested
    class Sqitch {
        @Test
        void deployScriptsInPlanOrderWithReworkedChanges() throws IOException {
            String plan = """
                    %syntax-version=1.0.0
                    %project=flipr

                    appschema 2013-12-30T23:19:44Z Marge N. <marge@example.com> # App schema.
                    users [appschema] 2013-12-31T00:00:00Z Marge N. <marge@example.com> # Users.
                    insert_user [users appschema] 2014-01-01T00:00:00Z Marge N. <marge@example.com>
                    @v1.0.0-dev1 2014-01-02T00:00:00Z Marge N. <marge@example.com> # Tag v1.0.0-dev1.

                    insert_user [insert_user@v1.0.0-dev1] 2014-01-03T00:00:00Z Marge N. <marge@example.com> # Reworked.
                    """;
            String deploy = "-- Deploy flipr:users to pg\n\nBEGIN;\n\nCREATE TABLE flipr.users (nickname TEXT PRIMARY KEY);\n\nCOMMIT;\n";
            List<MigrationScript> scripts = find(files(
                    "sqitch.conf", "[core]\n\tengine = pg\n",
                    "sqitch.plan", plan,
                    "deploy/users.sql", deploy,
                    "deploy/appschema.sql", "BEGIN;\nCREATE SCHEMA flipr;\nCOMMIT;\n",
                    "deploy/insert_user.sql", "BEGIN;\nCREATE OR REPLACE FUNCTION flipr.insert_user() RETURNS void AS $$ $$ LANGUAGE sql;\nCOMMIT;\n",
                    "deploy/insert_user@v1.0.0-dev1.sql", "BEGIN;\nCREATE FUNCTION flipr.insert_user() RETURNS void AS $$ $$ LANGUAGE sql;\nCOMMIT;\n",
                    "revert/users.sql", "BEGIN;\nDROP TABLE flipr.users;\nCOMMIT;\n",
                    "verify/users.sql", "SELECT nickname FROM flipr.users WHERE FALSE;\n"));
            assertEquals(List.of("deploy/appschema.sql", "deploy/users.sql", "deploy/insert_user@v1.0.0-dev1.sql",
                    "deploy/insert_user.sql"), paths(scripts));
            assertTrue(scripts.stream().allMatch(s -> s.tool() == MigrationTool.SQITCH));
            assertEquals("users", scripts.get(1).version());
            // sqitch adds no transaction; the script's own BEGIN/COMMIT are statements the engine sees
            assertTrue(scripts.stream().noneMatch(MigrationScript::transactional));
        }

        @Test
        void topDirFromSqitchConf() throws IOException {
            List<MigrationScript> scripts = find(files(
                    "db/sqitch.conf", "[core]\n\tengine = pg\n\ttop_dir = sql\n",
                    "db/sqitch.plan", "%project=x\n\nb 2014-01-01T00:00:00Z A <a@b>\na 2014-01-01T00:00:00Z A <a@b>\n",
                    "db/sql/deploy/a.sql", "CREATE TABLE a (id int);\n",
                    "db/sql/deploy/b.sql", "CREATE TABLE b (id int);\n"));
            assertEquals(List.of("db/sql/deploy/b.sql", "db/sql/deploy/a.sql"), paths(scripts));
        }
    }

    @Nested
    class Liquibase {
        @Test
        void changeSetsAreSectionsRollbacksAreNotApplied() throws IOException {
            String sql = """
                    --liquibase formatted sql

                    --changeset nvoxland:1
                    CREATE TABLE test1 (id int PRIMARY KEY);
                    --rollback DROP TABLE test1;

                    --changeset nvoxland:2 runInTransaction:false
                    CREATE INDEX CONCURRENTLY test1_id ON test1 (id);
                    /* liquibase rollback
                    DROP INDEX test1_id;
                    */

                    --changeset nvoxland:3 dbms:mysql
                    ALTER TABLE test1 ENGINE=InnoDB;

                    --changeset nvoxland:4 runInTransaction:false splitStatements:false
                    CREATE INDEX CONCURRENTLY a ON test1 (id);
                    CREATE INDEX CONCURRENTLY b ON test1 (id);
                    """;
            List<MigrationScript> scripts = find(files(
                    "src/main/resources/db/changelog/db.changelog-master.yaml", """
                            databaseChangeLog:
                              - include:
                                  file: db/changelog/changes/002-second.sql
                              - include:
                                  file: db/changelog/changes/001-first.sql
                            """,
                    "src/main/resources/db/changelog/changes/001-first.sql", sql,
                    "src/main/resources/db/changelog/changes/002-second.sql", "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n"));
            assertEquals(List.of("src/main/resources/db/changelog/changes/002-second.sql",
                    "src/main/resources/db/changelog/changes/001-first.sql"), paths(scripts), "changelog include order");
            MigrationScript first = scripts.get(1);
            assertEquals(MigrationTool.LIQUIBASE, first.tool());
            assertEquals(List.of(new Section(4, 4, true), new Section(6, 6, true), new Section(8, 8, false),
                    new Section(12, 12, false), new Section(17, 19, true, true)), first.sections());
            assertFalse(first.appliedText().contains("DROP"), "rollback lines are never applied");
            assertFalse(first.appliedText().contains("ENGINE=InnoDB"), "a mysql-only change set is not applied to PostgreSQL");
        }

        @Test
        void includeAllDirectoriesKeepTheirPlaceInTheMasterChangelog() throws IOException {
            String header = "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n";
            List<MigrationScript> scripts = find(files(
                    "db/changelog.xml", """
                            <databaseChangeLog>
                              <include file="db/first/b-setup.sql"/>
                              <includeAll path="db/changes/"/>
                              <include file="db/last/a-final.sql"/>
                            </databaseChangeLog>
                            """,
                    "db/last/a-final.sql", header,
                    "db/changes/2-second.sql", header,
                    "db/changes/10-third.sql", header,
                    "db/first/b-setup.sql", header));
            assertEquals(List.of("db/first/b-setup.sql", "db/changes/2-second.sql", "db/changes/10-third.sql", "db/last/a-final.sql"),
                    paths(scripts));
        }
    }

    @Nested
    class ConfigAndIgnore {
        @Test
        void ignorePathsExcludeFiles() throws IOException {
            List<MigrationScript> scripts = find(files(
                    "db/migration/V1__a.sql", "SELECT 1;\n",
                    "db/migration/legacy/V0_1__old.sql", "SELECT 1;\n",
                    "db/migration/V2__b.sql", "SELECT 1;\n"), ignoring("db/migration/legacy/**", "**/V2__*.sql"));
            assertEquals(List.of("db/migration/V1__a.sql"), paths(scripts));
        }

        @Test
        void configuredLocationsNameToolAndOrder() throws IOException {
            Map<String, String> files = files(
                    "db/patches/010-add.sql", "ALTER TABLE a ADD COLUMN b int;\n",
                    "db/patches/002-create.sql", "CREATE TABLE a (id int);\n",
                    "db/patches/README.md", "patches\n",
                    "db/base/schema.sql", "CREATE SCHEMA app;\n",
                    "sql/V1__detected.sql", "SELECT 1;\n");
            List<MigrationScript> scripts = find(files, withLocations(List.of(
                    new MigrationLocation("db/base/*.sql", "plain"),
                    new MigrationLocation("db/patches", "plain"),
                    new MigrationLocation("sql", null))));
            assertEquals(List.of("db/base/schema.sql", "db/patches/002-create.sql", "db/patches/010-add.sql", "sql/V1__detected.sql"),
                    paths(scripts));
            assertEquals(MigrationTool.PLAIN, scripts.get(1).tool());
            assertFalse(scripts.get(1).transactional(), "plain files run statement by statement");
            assertEquals(MigrationTool.FLYWAY, scripts.get(3).tool(), "a location without a tool is detected");
        }

        @Test
        void aConfiguredToolOverridesDetection() throws IOException {
            List<MigrationScript> scripts = find(files(
                    "migrations/001_init.up.sql", "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n"),
                    withLocations(List.of(new MigrationLocation("migrations", "dbmate"))));
            assertEquals(MigrationTool.DBMATE, scripts.get(0).tool());
            assertFalse(scripts.get(0).appliedText().contains("DROP"));
        }
    }

    @Nested
    class SingleFiles {
        @Test
        void toolFromMarkersAndNames() {
            assertEquals(MigrationTool.GOOSE, finder.script("x.sql", "-- +goose Up\nSELECT 1;\n", null).tool());
            assertEquals(MigrationTool.DBMATE, finder.script("x.sql", "-- migrate:up\nSELECT 1;\n", null).tool());
            assertEquals(MigrationTool.LIQUIBASE, finder.script("x.sql", "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n", null).tool());
            assertEquals(MigrationTool.FLYWAY, finder.script("db/V3__x.sql", "SELECT 1;\n", null).tool());
            assertEquals(MigrationTool.GOLANG_MIGRATE, finder.script("m/0001_x.up.sql", "SELECT 1;\n", null).tool());
            assertEquals(MigrationTool.PRISMA, finder.script("prisma/migrations/20230101000000_x/migration.sql", "SELECT 1;\n", null).tool());
            assertEquals(MigrationTool.DIESEL, finder.script("migrations/2020-01-01-000000_x/up.sql", "SELECT 1;\n", null).tool());
            MigrationScript plain = finder.script("change.sql", "CREATE TABLE a (id int);\nSELECT 1;\n", null);
            assertEquals(MigrationTool.PLAIN, plain.tool());
            assertEquals(List.of(new Section(1, 3, false)), plain.sections());
        }

        @Test
        void aNamedToolIsUsed() {
            MigrationScript goose = finder.script("change.sql", "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n", MigrationTool.GOOSE);
            assertEquals(List.of(new Section(2, 2, true)), goose.sections());
            MigrationScript sqitch = finder.script("deploy/a.sql", "BEGIN;\nSELECT 1;\nCOMMIT;\n", MigrationTool.SQITCH);
            assertFalse(sqitch.transactional());
        }
    }

    @Test
    void aCheckoutOnDiskIsReadLikeAnyRepository(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("db/migration"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("db/migration/V2__b.sql"), "SELECT 2;\n");
        Files.writeString(dir.resolve("db/migration/V1__a.sql"), "SELECT 1;\n");
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.write(dir.resolve("db/migration/V3__latin1.sql"), new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\'', ';'});

        Path outside = Files.createTempFile("outside", ".sql");
        try {
            Files.createSymbolicLink(dir.resolve("db/migration/V4__link.sql"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            // file systems without symbolic links: nothing to escape through
        }

        DirectoryRepositoryFiles files = new DirectoryRepositoryFiles(dir);
        assertTrue(files.read("db/migration/V4__link.sql").isEmpty(), "a link out of the checkout is not followed");
        Files.delete(outside);
        assertEquals(List.of("db/migration/V1__a.sql", "db/migration/V2__b.sql", "db/migration/V3__latin1.sql"), files.paths());
        assertTrue(files.read("../outside.sql").isEmpty(), "no reading outside the checkout");
        assertTrue(files.read("db/migration/missing.sql").isEmpty());
        assertTrue(files.read("db/migration/V3__latin1.sql").orElseThrow().startsWith("SELECT '"));

        List<MigrationScript> scripts = finder.find(files, ReviewConfig.defaults());
        assertEquals(List.of("db/migration/V1__a.sql", "db/migration/V2__b.sql", "db/migration/V3__latin1.sql"), paths(scripts));
        assertEquals(Dialect.POSTGRESQL, ReviewConfig.defaults().dialect());
    }
}
