package dev.migrationreview.dialect;

/**
 * The versions a dialect models, both ends included, compared as far as they are written: a range from
 * {@code 11} to {@code 18} holds {@code 11.0} and {@code 18.3}; one from {@code 8.0.12} starts at that patch.
 */
public record VersionRange(DatabaseVersion lowest, DatabaseVersion highest) {

    public static VersionRange of(String lowest, String highest) {
        return new VersionRange(DatabaseVersion.parse(lowest), DatabaseVersion.parse(highest));
    }

    public boolean contains(DatabaseVersion v) {
        return v.atLeast(lowest) && !beyondHighest(v);
    }

    private boolean beyondHighest(DatabaseVersion v) {
        if (v.major() != highest.major()) {
            return v.major() > highest.major();
        }
        if (highest.parts() == 1) {
            return false;
        }
        if (v.minor() != highest.minor()) {
            return v.minor() > highest.minor();
        }
        return highest.parts() == 3 && v.patch() > highest.patch();
    }

    @Override
    public String toString() {
        return lowest + " to " + highest;
    }
}
