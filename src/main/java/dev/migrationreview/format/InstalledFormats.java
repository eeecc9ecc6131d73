package dev.migrationreview.format;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The formats on the class path ({@code META-INF/services/dev.migrationreview.format.MigrationFormat}),
 * in claim order. Loaded once: formats are stateless.
 */
public final class InstalledFormats {
    private static final List<MigrationFormat> ALL = ServiceLoader.load(MigrationFormat.class, MigrationFormat.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparingInt(MigrationFormat::precedence).thenComparing(f -> f.tool().configName()))
            .toList();

    private InstalledFormats() {}

    /** Every installed format, in claim order (precedence, then name). */
    public static List<MigrationFormat> all() {
        return ALL;
    }

    /** The format a {@code migrations[].tool} names. */
    public static Optional<MigrationFormat> named(String tool) {
        return ALL.stream().filter(f -> f.tool().configName().equalsIgnoreCase(tool)).findFirst();
    }

    /** The tool names config accepts, sorted. */
    public static List<String> toolNames() {
        return ALL.stream().map(f -> f.tool().configName()).distinct().sorted().toList();
    }
}
