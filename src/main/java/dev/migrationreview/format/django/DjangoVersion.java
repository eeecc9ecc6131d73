package dev.migrationreview.format.django;

/**
 * The Django version whose schema editor the translation follows, as the repository's requirements pin it. What
 * changes with it: auto fields are identity columns from 4.1 (serial types before), {@code db_default} exists
 * from 5.0.
 */
public record DjangoVersion(int major, int minor) implements Comparable<DjangoVersion> {
    /** The newest release this translation models, assumed when the repository does not say. */
    public static final DjangoVersion LATEST = new DjangoVersion(5, 2);

    /** {@code "4.2.11"}, {@code "5.0"}, {@code "3"}; null or unreadable text gives {@link #LATEST}. */
    public static DjangoVersion parse(String text) {
        if (text == null) {
            return LATEST;
        }
        String[] parts = text.strip().split("\\.");
        try {
            int major = Integer.parseInt(parts[0].replaceAll("\\D.*", ""));
            int minor = parts.length > 1 && !parts[1].isEmpty() && Character.isDigit(parts[1].charAt(0))
                    ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return new DjangoVersion(major, minor);
        } catch (NumberFormatException e) {
            return LATEST;
        }
    }

    public boolean atLeast(int otherMajor, int otherMinor) {
        return major > otherMajor || (major == otherMajor && minor >= otherMinor);
    }

    @Override
    public int compareTo(DjangoVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
