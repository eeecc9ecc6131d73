package dev.migrationreview.format.flyway;

/**
 * A Flyway script's file name read once: {@code V<version>__<description>.sql}, {@code R__<description>.sql} or
 * {@code U<version>__<description>.sql}. Written out rather than matched with Flyway's patterns
 * ({@code V(\d+(?:[._]\d+)*)__(.+)\.sql} and its siblings): a find tried up to four patterns on each of 800
 * names, several times (claim, order, read, recognise), a twentieth of a warm review. It accepts exactly the names
 * those patterns match, with the same parts (FlywayNameTest compares them).
 *
 * @param kind        {@code 'V'}, {@code 'R'} or {@code 'U'}
 * @param version     the version as written ({@code 2_31_1}), null for {@code R__}
 * @param description the description as written ({@code add_users})
 */
record FlywayName(char kind, String version, String description) {
    /** The name's parts, or null when it is not a Flyway script's name. */
    static FlywayName parse(String fileName) {
        int n = fileName.length();
        // shortest: R__x.sql
        if (n < 8 || !fileName.endsWith(".sql")) {
            return null;
        }
        char kind = fileName.charAt(0);
        int at;
        String version = null;
        if (kind == 'R') {
            at = 1;
        } else if (kind == 'V' || kind == 'U') {
            // \d+(?:[._]\d+)*: the longest such run is the only one "__" can follow (a shorter one is followed by a
            // digit or by one separator and a digit)
            at = 1;
            if (!isDigit(fileName, at)) {
                return null;
            }
            while (true) {
                while (isDigit(fileName, at)) {
                    at++;
                }
                if (at + 1 < n && (fileName.charAt(at) == '.' || fileName.charAt(at) == '_') && isDigit(fileName, at + 1)) {
                    at++;
                } else {
                    break;
                }
            }
            version = fileName.substring(1, at);
        } else {
            return null;
        }
        if (!fileName.startsWith("__", at)) {
            return null;
        }
        int start = at + 2;
        int end = n - 4;
        // .+ : at least one character, none a line terminator
        if (end <= start) {
            return null;
        }
        for (int i = start; i < end; i++) {
            char c = fileName.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return null;
            }
        }
        return new FlywayName(kind, version, fileName.substring(start, end));
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    boolean versioned() {
        return kind == 'V';
    }

    boolean repeatable() {
        return kind == 'R';
    }
}
