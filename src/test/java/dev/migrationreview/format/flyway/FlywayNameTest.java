package dev.migrationreview.format.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The written-out name reader accepts exactly what Flyway's patterns match, with the same version and description. */
class FlywayNameTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern UNDO = Pattern.compile("U(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    /** What the patterns make of a name, as the reader's record. */
    private static FlywayName byPatterns(String name) {
        Matcher v = VERSIONED.matcher(name);
        if (v.matches()) {
            return new FlywayName('V', v.group(1), v.group(2));
        }
        Matcher r = REPEATABLE.matcher(name);
        if (r.matches()) {
            return new FlywayName('R', null, r.group(1));
        }
        Matcher u = UNDO.matcher(name);
        return u.matches() ? new FlywayName('U', u.group(1), u.group(2)) : null;
    }

    @Test
    void edgeCasesReadAsThePatternsReadThem() {
        List<String> names = List.of("V1__a.sql", "V1_2__a.sql", "V1.2.3__a_b.sql", "V2_31_1__x.sql", "V1__2__x.sql",
                "V1___x.sql", "V1__.sql", "V1__..sql", "V1_2__.sql", "V__a.sql", "V1_a__x.sql", "V1._2__x.sql",
                "V1..2__x.sql", "V1_2___x.sql", "V01__x.sql", "V1__x.SQL", "V1__x.sql.conf", "v1__x.sql", "R__a.sql",
                "R__.sql", "R___.sql", "R__a b.sql", "R_a.sql", "R1__a.sql", "U3__undo.sql", "U__x.sql", "U1.1__x.sql",
                "V1__line\nbreak.sql", "V1__a\rb.sql", "R__a\u2028b.sql", "V1__a\u0085.sql", "V1__a\tb.sql", "V١__x.sql",
                "V1__x.sql\n", "V1__x.sqll", "X1__x.sql", "V1__é.sql", "V", "", "R__x.sq", "V1.__x.sql", "V1_", "V1__x.",
                "V9999999999999999999999__big.sql");
        for (String name : names) {
            assertEquals(byPatterns(name), FlywayName.parse(name), name);
        }
    }

    @Test
    void everyNameInTheCorpusReadsAsThePatternsReadIt() throws IOException {
        assumeTrue(SharedCorpus.present().isPresent(), SharedCorpus::missingMessage);
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SharedCorpus.present().get())) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        }
        int flyway = 0;
        for (String name : names) {
            FlywayName expected = byPatterns(name);
            assertEquals(expected, FlywayName.parse(name), name);
            flyway += expected == null ? 0 : 1;
        }
        assertTrue(flyway > 100, "the corpus holds Flyway names: " + flyway);
    }
}
