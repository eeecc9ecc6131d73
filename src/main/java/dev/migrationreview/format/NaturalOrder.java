package dev.migrationreview.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders version strings and names the way migration tools do: runs of digits compare as numbers
 * (so {@code 1.10} follows {@code 1.9} and {@code V2_1} equals {@code V2.1}), everything else as text.
 */
public final class NaturalOrder {

    /** Digits compare as numbers, other characters as text: {@code file2.sql} before {@code file10.sql}. */
    public static final Comparator<String> NATURAL = NaturalOrder::compareNatural;

    private NaturalOrder() {}

    /**
     * Flyway's version order: parts separated by {@code .} or {@code _}, each compared as a number, missing
     * trailing parts count as zero ({@code 1} equals {@code 1.0}).
     */
    public static int compareVersions(String a, String b) {
        return versionKey(a).compareTo(versionKey(b));
    }

    /**
     * A version read once for {@link #compareVersions}' order: sorting 800 files by version compares each version
     * about ten times, and splitting it anew for every comparison was a twentieth of a warm review.
     */
    public static VersionKey versionKey(String version) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= version.length(); i++) {
            if (i == version.length() || version.charAt(i) == '.' || version.charAt(i) == '_') {
                if (i > start) {
                    parts.add(stripLeadingZeros(version.substring(start, i)));
                }
                start = i + 1;
            }
        }
        return new VersionKey(parts.toArray(String[]::new));
    }

    /** A version's parts as numbers without leading zeros, in {@link #compareVersions}' order. */
    public static final class VersionKey implements Comparable<VersionKey> {
        private final String[] parts;

        private VersionKey(String[] parts) {
            this.parts = parts;
        }

        @Override
        public int compareTo(VersionKey other) {
            for (int i = 0; i < Math.max(parts.length, other.parts.length); i++) {
                String x = i < parts.length ? parts[i] : "0";
                String y = i < other.parts.length ? other.parts[i] : "0";
                int c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    /** Compares two digit strings of any length as non-negative integers. */
    public static int compareNumbers(String x, String y) {
        String a = stripLeadingZeros(x);
        String b = stripLeadingZeros(y);
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = compareNumbers(a.substring(i, ei), b.substring(j, ej));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }
}
