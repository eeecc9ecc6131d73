package dev.migrationreview.format;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathGlobTest {
    @Test
    void doubleStarCrossesDirectoriesSingleStarDoesNot() {
        PathGlob legacy = PathGlob.of("db/migration/legacy/**");
        assertTrue(legacy.matches("db/migration/legacy/V1__a.sql"));
        assertTrue(legacy.matches("db/migration/legacy/old/V1__a.sql"));
        assertFalse(legacy.matches("db/migration/V1__a.sql"));

        PathGlob star = PathGlob.of("db/*.sql");
        assertTrue(star.matches("db/a.sql"));
        assertFalse(star.matches("db/sub/a.sql"));

        PathGlob anywhere = PathGlob.of("**/seed*.sql");
        assertTrue(anywhere.matches("seed.sql"));
        assertTrue(anywhere.matches("db/x/seed_users.sql"));
    }

    @Test
    void aDirectoryCoversEverythingBelowIt() {
        assertTrue(PathGlob.of("db/legacy").matches("db/legacy/a/b.sql"));
        assertTrue(PathGlob.of("./db/legacy/").matches("db/legacy/a.sql"));
        assertFalse(PathGlob.of("db/legacy").matches("db/legacy2/a.sql"));
    }

    @Test
    void alternativesAndCharacterClasses() {
        PathGlob glob = PathGlob.of("db/{mysql,mariadb}/V[0-9]*.sql");
        assertTrue(glob.matches("db/mysql/V1__a.sql"));
        assertTrue(glob.matches("db/mariadb/V2__b.sql"));
        assertFalse(glob.matches("db/postgres/V1__a.sql"));
        assertFalse(glob.matches("db/mysql/R__a.sql"));
        assertTrue(PathGlob.of("a+b/(x).sql").matches("a+b/(x).sql"), "regex characters are literal");
    }
}
