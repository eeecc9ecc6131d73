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

    @Test
    void malformedPatternsAreNamedNotThrownAsRegexErrors() {
        assertTrue(PathGlob.problem("{a,b").orElseThrow().contains("never closed"));
        assertTrue(PathGlob.problem("db/[z-a]").orElseThrow().contains("z-a backwards"));
        assertTrue(PathGlob.problem("db/{x,{y,z}").isPresent());
        assertTrue(PathGlob.problem("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}").orElseThrow().contains("more than"));
        assertTrue(PathGlob.problem("db/[abc").isEmpty(), "an unclosed [ is a literal, as before");
        assertTrue(PathGlob.of("db/[abc").matches("db/[abc/V1.sql"));
        assertTrue(PathGlob.of("db/}x,y").matches("db/}x,y"), "a stray } and , are literal");
        assertTrue(PathGlob.of("db/{a,{b,c}}/*.sql").matches("db/c/V1.sql"), "nested alternatives");
        assertTrue(PathGlob.of("db/[!0-9]*").matches("db/x1"));
        assertFalse(PathGlob.of("db/[!0-9]*").matches("db/1x"));
    }

    @Test
    void pathologicalPatternsMatchInTimeProportionalToTheirLength() {
        String deep = "**/".repeat(2_000) + "x";
        String stars = "*a".repeat(2_000) + "b";
        String path = "d/".repeat(500) + "y";
        String aaa = "a".repeat(4_000);
        long start = System.nanoTime();
        assertFalse(PathGlob.of(deep).matches(path));
        assertTrue(PathGlob.of(deep).matches("d/".repeat(500) + "x"));
        assertFalse(PathGlob.of(stars).matches(aaa));
        assertFalse(PathGlob.of("{**/,*/}".repeat(8) + "x").matches(path));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        // a backtracking matcher takes longer than the universe's age on these; the automaton takes milliseconds
        assertTrue(seconds < 5, "took " + seconds + " s");
    }
}
