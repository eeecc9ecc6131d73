package dev.migrationreview.analysis.risk;

/**
 * A count as the reports write it, digits in groups of three with commas ({@code 5,000,000}), the same in every
 * locale. Written out rather than {@code String.format("%,d")}: the formatter loads the JDK's locale data on first use,
 * 1.5% of a warm command-line review for one number in its config note.
 */
public final class GroupedDigits {
    private GroupedDigits() {
    }

    public static String of(long value) {
        String digits = Long.toString(value);
        int start = value < 0 ? 1 : 0;
        int count = digits.length() - start;
        if (count <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + count / 3);
        out.append(digits, 0, start);
        int first = count % 3 == 0 ? 3 : count % 3;
        out.append(digits, start, start + first);
        for (int i = start + first; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }
}
