package dev.migrationreview.sql;

/**
 * Case folding as SQL needs it: only A-Z and a-z change. Keywords are ASCII, and PostgreSQL folds unquoted
 * identifiers in a UTF-8 database the same way (non-ASCII letters keep their case). It also keeps folding
 * linear: the JDK's full Unicode mapping grows its result one character at a time for letters that expand
 * (ß becomes SS), so upper-casing a 20,000-character identifier of ß allocated over a gigabyte.
 */
public final class AsciiCase {
    private AsciiCase() {}

    public static String upper(String s) {
        int i = 0;
        while (i < s.length() && !(s.charAt(i) >= 'a' && s.charAt(i) <= 'z')) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        char[] out = s.toCharArray();
        for (; i < out.length; i++) {
            if (out[i] >= 'a' && out[i] <= 'z') {
                out[i] = (char) (out[i] - ('a' - 'A'));
            }
        }
        return new String(out);
    }

    public static String lower(String s) {
        int i = 0;
        while (i < s.length() && !(s.charAt(i) >= 'A' && s.charAt(i) <= 'Z')) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        char[] out = s.toCharArray();
        for (; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] = (char) (out[i] + ('a' - 'A'));
            }
        }
        return new String(out);
    }
}
