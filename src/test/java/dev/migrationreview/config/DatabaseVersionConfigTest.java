package dev.migrationreview.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** database-version is read as written, and a version the dialect does not model is a config error, never a silent review. */
class DatabaseVersionConfigTest {
    private static final String FILE = ".github/migration-review.yml";
    private final YamlConfigLoader loader = new YamlConfigLoader();

    @Test
    void minorAndPatchAreKept() {
        assertEquals("8.0.29", loader.parse(FILE, "dialect: mysql\ndatabase-version: \"8.0.29\"\n").version().toString());
        assertEquals(8, loader.parse(FILE, "dialect: mysql\ndatabase-version: \"8.0.29\"\n").databaseVersion());
        assertEquals("16.2", loader.parse(FILE, "database-version: \"16.2\"\n").version().toString());
    }

    @Test
    void aPostgresVersionOutsideTheModelNamesTheKeyAndTheRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(FILE, "dialect: postgresql\ndatabase-version: \"9.5\"\n"));
        assertEquals("database-version", e.key());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("9.6 to 18"), e.getMessage());
        ConfigException future = assertThrows(ConfigException.class, () -> loader.parse(FILE, "database-version: 19\n"));
        assertTrue(future.getMessage().contains("postgresql 19 is outside"), future.getMessage());
    }

    @Test
    void theContractsMigrationToolsAreAccepted() {
        for (String tool : List.of("liquibase", "rails", "django")) {
            String yaml = "migrations:\n  - path: db/migrate\n    tool: " + tool + "\n";
            assertEquals(tool, loader.parse(FILE, yaml).migrations().get(0).tool());
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.parse(FILE, "migrations:\n  - path: db/migrate\n    tool: laravel\n"));
        assertEquals("migrations[0].tool", e.key());
        assertTrue(e.getMessage().contains("unknown migration tool 'laravel'"), e.getMessage());
    }
}
