package dev.migrationreview.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Globs in config are checked when the config is read, so a typo is an error at its line, never a crash later. */
class GlobConfigTest {
    private static final String FILE = ".github/migration-review.yml";
    private final YamlConfigLoader loader = new YamlConfigLoader();

    @Test
    void anUnclosedBraceInIgnorePathsNamesTheKeyAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(FILE, "dialect: postgresql\nignore-paths:\n  - 'db/ok/**'\n  - '{a,b'\n"));
        assertEquals("ignore-paths[1]", e.key());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("'{a,b' is not a valid glob: '{' at position 1 is never closed"), e.getMessage());
    }

    @Test
    void aBackwardsRangeNamesTheRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(FILE, "ignore-paths: ['db/[z-a]']\n"));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("range z-a backwards"), e.getMessage());
    }

    @Test
    void aMigrationsPathWithABraceIsCheckedToo() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(FILE, """
                migrations:
                  - path: db/{flyway
                    tool: flyway
                """));
        assertEquals("migrations[0].path", e.key());
        assertEquals(2, e.line());
    }
}
