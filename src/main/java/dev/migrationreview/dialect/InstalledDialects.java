package dev.migrationreview.dialect;

import dev.migrationreview.sql.Dialect;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The dialects on the class path ({@code META-INF/services/dev.migrationreview.dialect.DatabaseDialect}). Loaded once. */
public final class InstalledDialects {
    private static final List<DatabaseDialect> ALL = ServiceLoader.load(DatabaseDialect.class, DatabaseDialect.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    private InstalledDialects() {}

    public static List<DatabaseDialect> all() {
        return ALL;
    }

    public static Optional<DatabaseDialect> of(Dialect id) {
        return ALL.stream().filter(d -> d.id() == id).findFirst();
    }

    /** The dialect, or an error naming what this build supports (a config problem, exit 2). */
    public static DatabaseDialect require(Dialect id) {
        return of(id).orElseThrow(() -> new IllegalArgumentException("dialect " + id.configName() + " is not supported yet (supported: "
                + String.join(", ", ALL.stream().map(d -> d.id().configName()).sorted().toList()) + ")"));
    }

    /**
     * Checks a version against the dialect's model.
     *
     * @return null when it is covered (or the dialect is not installed: that is reported on its own), else the
     *         problem, naming the supported range
     */
    public static String versionProblem(Dialect id, DatabaseVersion version) {
        Optional<DatabaseDialect> dialect = of(id);
        if (dialect.isEmpty() || dialect.get().supports(version)) {
            return null;
        }
        return id.configName() + " " + version + " is outside what migration-review models ("
                + dialect.get().supportedDescription() + "): its findings would be wrong, so the review does not run";
    }
}
