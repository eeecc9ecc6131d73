package dev.migrationreview.analysis.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class GroupedDigitsTest {
    /** Exactly what {@code String.format(Locale.ROOT, "%,d", n)} writes, for every length of number and both signs. */
    @Test
    void writesWhatTheRootLocaleFormatterWrites() {
        long[] edges = {0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, 5_000_000, 12_345_678_901L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long n : edges) {
            assertEquals(String.format(Locale.ROOT, "%,d", n), GroupedDigits.of(n), Long.toString(n));
        }
        for (long n = 1; n > 0 && n < Long.MAX_VALUE / 7; n = n * 7 + 3) {
            assertEquals(String.format(Locale.ROOT, "%,d", n), GroupedDigits.of(n), Long.toString(n));
            assertEquals(String.format(Locale.ROOT, "%,d", -n), GroupedDigits.of(-n), Long.toString(-n));
        }
    }
}
