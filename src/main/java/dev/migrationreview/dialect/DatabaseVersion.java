package dev.migrationreview.dialect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server version as its users write it: {@code "16"}, {@code "15.4"}, {@code "8.0.35"}, {@code "10.11.6"}.
 * Parts not written are 0 and compare as such; {@link #toString()} gives it back as written.
 */
public record DatabaseVersion(int major, int minor, int patch, int parts) implements Comparable<DatabaseVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,4})(?:\\.(\\d{1,4}))?(?:\\.(\\d{1,4}))?");

    public DatabaseVersion {
        if (major < 0 || minor < 0 || patch < 0 || parts < 1 || parts > 3) {
            throw new IllegalArgumentException("bad version " + major + "." + minor + "." + patch);
        }
    }

    /** A major version alone ({@code 16}). */
    public static DatabaseVersion of(int major) {
        return new DatabaseVersion(major, 0, 0, 1);
    }

    /**
     * Parses {@code major[.minor[.patch]]}.
     *
     * @throws IllegalArgumentException naming what is wrong, for the config error
     */
    public static DatabaseVersion parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a database version; write it as the server reports it,"
                    + " e.g. \"16\", \"15.4\" or \"8.0.35\"");
        }
        int parts = m.group(3) != null ? 3 : m.group(2) != null ? 2 : 1;
        return new DatabaseVersion(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), parts);
    }

    @Override
    public int compareTo(DatabaseVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    /** Whether this version is {@code other} or later. */
    public boolean atLeast(DatabaseVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return (major * 1000 + minor) * 1000 + patch;
    }

    @Override
    public String toString() {
        return switch (parts) {
            case 1 -> String.valueOf(major);
            case 2 -> major + "." + minor;
            default -> major + "." + minor + "." + patch;
        };
    }
}
