package dev.migrationreview.report;

import java.util.regex.Pattern;

/** A finding's fix as the renderers print it, after their own "Instead:" label. */
final class FixText {
    private static final Pattern LABEL = Pattern.compile("^\\s*Instead:\\s*", Pattern.CASE_INSENSITIVE);

    private FixText() {
    }

    /** Rules may start the fix with "Instead:" themselves; the label is printed once. */
    static String withoutLabel(String fix) {
        return LABEL.matcher(fix).replaceFirst("");
    }
}
