package dev.migrationreview.format.rails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RailsApplicationTest {

    private static RailsApplication project(Map<String, String> files) throws IOException {
        return RailsApplication.read(new InMemoryRepositoryFiles(files), "");
    }

    @Test
    void anErbAdapterTakesTheValueItHasWithoutItsEnvironmentVariable() throws IOException {
        RailsApplication p = project(Map.of("config/database.yml", """
                production:
                  adapter: <%= ENV['DATABASE_ADAPTER'].presence || "mysql2" %>
                  database: <%= ENV.fetch("DB") { "app" } %>
                  socket: <%= ENV['S'] || ["/tmp/a.sock"].find { |p| File.exist? p } %>
                """, "Gemfile.lock", """
                GEM
                  remote: https://rubygems.org/
                  specs:
                    actionpack (8.1.3.1)
                      rails-dom-testing (~> 2.2)
                    rails (8.1.3.1)
                      activerecord (= 8.1.3.1)

                DEPENDENCIES
                  rails (~> 8.1.3)
                """));
        assertEquals("mysql2", p.primary().orElseThrow().adapter());
        assertEquals(Optional.of(Dialect.MYSQL), p.dialect(Dialect.POSTGRESQL));
        assertEquals(Optional.of(Dialect.MARIADB), p.dialect(Dialect.MARIADB), "the adapter does not tell MariaDB apart: config does");
        assertEquals("8.1.3.1", p.railsVersion());
        assertEquals("config/database.yml:2", p.primary().orElseThrow().where());
        assertEquals(List.of(), p.problems());
    }

    @Test
    void anAdapterOnlyTheEnvironmentKnowsIsUnknownAndSaysWhy() throws IOException {
        RailsApplication p = project(Map.of("config/database.yml", """
                production:
                  adapter: <%= ENV.fetch("ADAPTER") %>
                """));
        RailsDatabase primary = p.primary().orElseThrow();
        assertNull(primary.adapter());
        assertEquals("the ERB tag <%= ENV.fetch(\"ADAPTER\") %> has no value without its environment variable", primary.unknownAdapter());
        assertEquals(Optional.empty(), p.dialect(Dialect.POSTGRESQL));
    }

    @Test
    void mergedDefaultsAndAUrlGiveTheAdapter() throws IOException {
        RailsApplication merged = project(Map.of("config/database.yml", """
                default: &default
                  adapter: postgis
                  pool: 5
                development:
                  <<: *default
                  database: dev
                """));
        assertEquals(Optional.of(Dialect.POSTGRESQL), merged.dialect(Dialect.MYSQL));
        assertEquals("development", merged.environment());

        RailsApplication url = project(Map.of("config/database.yml", """
                production:
                  url: <%= ENV.fetch("DATABASE_URL", "trilogy://localhost/app") %>
                """));
        assertEquals("trilogy", url.primary().orElseThrow().adapter());
    }

    @Test
    void aSecondDatabaseHasItsOwnMigrationFolderAndSchemaFile() throws IOException {
        RailsApplication p = RailsApplication.read(new InMemoryRepositoryFiles(Map.of("api/config/database.yml", """
                production:
                  primary:
                    adapter: postgresql
                  animals:
                    adapter: postgresql
                    migrations_paths: db/animals_migrate
                  cache:
                    adapter: sqlite3
                    migrations_paths: [db/cache_migrate/]
                """)), "api");
        assertEquals(List.of("api/db/migrate", "api/db/animals_migrate", "api/db/cache_migrate"), p.migrationFolders());
        RailsDatabase animals = p.databaseOf("api/db/animals_migrate").orElseThrow();
        assertEquals("animals", animals.name());
        assertEquals(List.of("db/animals_schema.rb", "db/animals_structure.sql"), animals.schemaFiles());
        assertEquals(Optional.empty(), p.databaseOf("api/db/cache_migrate").orElseThrow().dialect(Dialect.POSTGRESQL),
                "SQLite is not reviewed");
    }

    @Test
    void aMalformedDatabaseYmlIsAProblemNamingItsLineNotACrash() throws IOException {
        RailsApplication p = project(Map.of("config/database.yml", """
                production:
                  adapter: postgresql
                   database: [unclosed
                """));
        assertEquals(List.of(), p.databases());
        assertEquals(1, p.problems().size());
        assertTrue(p.problems().get(0).startsWith("config/database.yml:3: not valid YAML"), p.problems().get(0));

        RailsApplication unclosed = project(Map.of("config/database.yml", "production:\n  adapter: <%= ENV['A']\n"));
        assertTrue(unclosed.problems().get(0).startsWith("config/database.yml:2: an ERB tag <% is never closed"), unclosed.problems().get(0));

        RailsApplication list = project(Map.of("config/database.yml", "- production\n"));
        assertTrue(list.problems().get(0).startsWith("config/database.yml:1: expected environments"), list.problems().get(0));
    }

    @Test
    void theRailsCorporaSayTheirAdapterAndVersion() throws IOException {
        Optional<Path> corpus = SharedCorpus.present();
        assumeTrue(corpus.isPresent(), SharedCorpus::missingMessage);
        Map<String, String> expected = Map.of("rails-huginn", "mysql2 8.1.3.1", "rails-maybe", "postgresql 7.2.2.1",
                "rails-lobsters", "trilogy 8.0.2.1", "rails-openstreetmap", "postgresql 8.1.3.1", "rails-rubygems", "postgresql 8.1.3.1");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            RailsApplication p = RailsApplication.read(new DirectoryRepositoryFiles(corpus.get().resolve(e.getKey())), "");
            assertEquals(e.getValue(), p.primary().orElseThrow().adapter() + " " + p.railsVersion(), e.getKey());
            assertEquals(List.of(), p.problems(), e.getKey());
        }
    }
}
