package dev.migrationreview.config;

import java.util.Locale;

/** How bad a finding is, lowest first. Ordinal order is severity order. */
public enum Risk {
    NONE,
    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The name used in config and the report ({@code high}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Risk fromConfigName(String name) {
        for (Risk r : values()) {
            if (r.configName().equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown risk '" + name + "' (expected none, info, low, medium, high or critical)");
    }

    public boolean atLeast(Risk other) {
        return compareTo(other) >= 0;
    }

    public static Risk max(Risk a, Risk b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
