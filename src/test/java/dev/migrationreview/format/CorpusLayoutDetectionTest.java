package dev.migrationreview.format;

import dev.migrationreview.SharedCorpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.ReviewConfig.MigrationLocation;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Layout detection over the real repositories in ../shared/corpus (SOURCES.md lists their tools and
 * conventions). The corpus is test input only and is never copied into this repository; without it these
 * tests are skipped. {@code -Dmigration-review.corpus=DIR} points at it from a checkout elsewhere.
 */
class CorpusLayoutDetectionTest {
    private final LayoutMigrationFinder finder = new LayoutMigrationFinder();

    private static Path corpus(String name) {
        Path root = SharedCorpus.root();
        Path dir = root.resolve(name);
        assumeTrue(Files.isDirectory(dir), "corpus " + dir.toAbsolutePath().normalize()
                + " is absent: skipping (the real-repository corpus lives next to the project as ../shared/corpus)");
        return dir;
    }

    private List<MigrationScript> detect(String name) throws IOException {
        return finder.find(new DirectoryRepositoryFiles(corpus(name)), ReviewConfig.defaults());
    }

    private static Set<MigrationTool> tools(List<MigrationScript> scripts) {
        return scripts.stream().map(MigrationScript::tool).collect(Collectors.toSet());
    }

    private static int indexOf(List<MigrationScript> scripts, String fileName) {
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).path().endsWith("/" + fileName)) {
                return i;
            }
        }
        throw new AssertionError(fileName + " not found");
    }

    @Test
    void lemmyIsDieselInVersionOrderAllTransactional() throws IOException {
        List<MigrationScript> scripts = detect("lemmy");
        assertEquals(Set.of(MigrationTool.DIESEL), tools(scripts));
        assertEquals(342, scripts.size(), "one up.sql per migration directory; down.sql never");
        assertEquals("migrations/00000000000000_diesel_initial_setup/up.sql", scripts.get(0).path());
        assertEquals("migrations/2019-02-26-002946_create_user/up.sql", scripts.get(1).path());
        assertTrue(scripts.stream().allMatch(MigrationScript::transactional), "lemmy has no metadata.toml");
    }

    @Test
    void dhis2IsOneFlywayHistoryAcrossReleaseDirectories() throws IOException {
        List<MigrationScript> scripts = detect("dhis2");
        assertEquals(Set.of(MigrationTool.FLYWAY), tools(scripts));
        assertEquals(345, scripts.size());
        assertTrue(scripts.get(0).path().endsWith("/2.31/V2_31_1__Migrations_for_release_v31.sql"));
        assertTrue(indexOf(scripts, "V2_31_7__Delete_code_klass_unique_constraint_in_deleted_object.sql")
                < indexOf(scripts, "V2_31_10__Remove_storagestatus_column_from_fileresource_table.sql"), "2.31.7 before 2.31.10");
        assertTrue(scripts.get(scripts.size() - 1).path().contains("/2.44/"));
        for (int i = 1; i < scripts.size(); i++) {
            assertTrue(NaturalOrder.compareVersions(scripts.get(i - 1).version(), scripts.get(i).version()) < 0,
                    scripts.get(i - 1).version() + " before " + scripts.get(i).version());
        }
    }

    @Test
    void marquezIsFlywayWithRepeatablesLast() throws IOException {
        List<MigrationScript> scripts = detect("marquez");
        assertEquals(84, scripts.size());
        List<String> lastThree = scripts.subList(81, 84).stream().map(s -> LayoutMigrationFinder.fileName(s.path())).toList();
        assertEquals(List.of("R__Datasets_view.sql", "R__Jobs_view_and_rewrite_function.sql", "R__Runs_view.sql"), lastThree);
        assertEquals(indexOf(scripts, "V2__add_job_contexts.sql") + 1,
                indexOf(scripts, "V2.1__alter_job_versions_to_add_job_context_uuid.sql"));
        assertFalse(scripts.get(indexOf(scripts, "V47__add_lineage_event_indexes.sql")).transactional(),
                "CREATE INDEX CONCURRENTLY makes Flyway run the script outside a transaction");
        assertEquals(83, scripts.stream().filter(MigrationScript::transactional).count());
    }

    @Test
    void hatchetIsGooseWithItsNoTransactionFiles() throws IOException {
        List<MigrationScript> scripts = detect("hatchet");
        assertEquals(Set.of(MigrationTool.GOOSE), tools(scripts));
        assertEquals(224, scripts.size());
        assertEquals("20240115180414", scripts.get(0).version());
        assertEquals(33, scripts.stream().filter(s -> !s.transactional()).count(), "SOURCES.md: 33 files say NO TRANSACTION");
        assertTrue(scripts.stream().allMatch(s -> !s.sections().isEmpty()));
    }

    @Test
    void golangMigrateLayouts() throws IOException {
        List<MigrationScript> harbor = detect("harbor");
        assertEquals(Set.of(MigrationTool.GOLANG_MIGRATE), tools(harbor));
        assertEquals(39, harbor.size());
        assertEquals("make/migrations/postgresql/0001_initial_schema.up.sql", harbor.get(0).path());
        assertEquals("make/migrations/postgresql/0002_1.7.0_schema.up.sql", harbor.get(1).path());

        List<MigrationScript> concourse = detect("concourse");
        assertEquals(Set.of(MigrationTool.GOLANG_MIGRATE), tools(concourse));
        assertEquals(149, concourse.size(), "149 .up.sql of 299 files; the 150 .down.sql are never applied");
        assertEquals("atc/db/migration/migrations/1510262030_initial_schema.up.sql", concourse.get(0).path());

        List<MigrationScript> auth = detect("supabase-auth");
        assertEquals(70, auth.size());
        assertEquals("migrations/00_init_auth_schema.up.sql", auth.get(0).path());
    }

    @Test
    void kratosTakesThePostgresVariantOfEachMigration() throws IOException {
        List<MigrationScript> scripts = detect("ory-kratos");
        assertEquals(Set.of(MigrationTool.GOLANG_MIGRATE), tools(scripts));
        assertTrue(scripts.stream().noneMatch(s -> s.path().matches(".*\\.(mysql|cockroach|sqlite3?)\\.(autocommit\\.)?up\\.sql")),
                "other databases' variants are not applied to PostgreSQL");
        assertEquals("persistence/sql/migrations/sql/20150100000001000000_networks.postgres.up.sql", scripts.get(0).path());
        for (int i = 1; i < scripts.size(); i++) {
            assertTrue(NaturalOrder.compareNumbers(scripts.get(i - 1).version(), scripts.get(i).version()) <= 0);
        }
    }

    @Test
    void supabasePostgresIsDbmateInitScriptsFirst() throws IOException {
        List<MigrationScript> scripts = detect("supabase-postgres");
        assertEquals(Set.of(MigrationTool.DBMATE), tools(scripts));
        assertEquals(34, scripts.size(), "4 init scripts + 30 migrations; the pg_dump schema*.sql are not migrations");
        assertEquals("migrations/db/init-scripts/00000000000000-initial-schema.sql", scripts.get(0).path());
        assertEquals("migrations/db/migrations/10000000000000_demote-postgres.sql", scripts.get(4).path());
        assertTrue(scripts.stream().allMatch(s -> s.sections().get(0).firstLine() == 2), "applied from the line after -- migrate:up");
        assertTrue(scripts.stream().allMatch(s -> !s.appliedText().contains("-- migrate:down")));
    }

    @Test
    void documensoIsPrisma() throws IOException {
        List<MigrationScript> scripts = detect("documenso");
        assertEquals(Set.of(MigrationTool.PRISMA), tools(scripts));
        assertEquals(163, scripts.size());
        assertEquals("packages/prisma/migrations/20230404095503_initial_migration/migration.sql", scripts.get(0).path());
        assertTrue(scripts.get(0).transactional(), "a multi-statement batch runs as one implicit transaction");
    }

    @Test
    void killbillIsFlywayPerModule() throws IOException {
        ReviewConfig d = ReviewConfig.defaults();
        ReviewConfig mysql = new ReviewConfig(Dialect.MYSQL, 8, List.of(), null, d.deploy(), d.failOn(), d.largeTableRows(),
                d.tables(), d.rules(), List.of());
        List<MigrationScript> scripts = finder.find(new DirectoryRepositoryFiles(corpus("killbill")), mysql);
        assertEquals(Set.of(MigrationTool.FLYWAY), tools(scripts));
        assertEquals(73, scripts.size(), "the ddl.sql full schemas are not migrations");
        assertTrue(scripts.get(0).path().startsWith("account/"));
    }

    @Test
    void rangerPatchesAsAConfiguredPlainLocation() throws IOException {
        ReviewConfig d = ReviewConfig.defaults();
        ReviewConfig config = new ReviewConfig(d.dialect(), d.databaseVersion(),
                List.of(new MigrationLocation("security-admin/db/postgres/patches/*.sql", "plain")), null, d.deploy(), d.failOn(),
                d.largeTableRows(), d.tables(), d.rules(), List.of());
        List<MigrationScript> scripts = finder.find(new DirectoryRepositoryFiles(corpus("apache-ranger")), config);
        assertFalse(scripts.isEmpty());
        assertTrue(scripts.stream().allMatch(s -> s.tool() == MigrationTool.PLAIN && !s.transactional()));
        for (int i = 1; i < scripts.size(); i++) {
            String a = LayoutMigrationFinder.fileName(scripts.get(i - 1).path());
            String b = LayoutMigrationFinder.fileName(scripts.get(i).path());
            assertTrue(Integer.parseInt(a.substring(0, a.indexOf('-'))) <= Integer.parseInt(b.substring(0, b.indexOf('-'))),
                    a + " before " + b);
        }
    }

    /** Tools this finder does not detect on its own: their files need a configured location. */
    @ParameterizedTest
    @ValueSource(strings = {"lago-api", "danbooru", "openstreetmap", "temporal", "dolphinscheduler", "apache-fineract",
            "authelia", "apache-ranger"})
    void repositoriesWithoutAKnownLayoutDetectNothing(String name) throws IOException {
        assertEquals(List.of(), detect(name).stream().map(MigrationScript::path).toList(),
                name + ": schema dumps, XML changelogs and home-grown migrators are not guessed at");
    }
}
