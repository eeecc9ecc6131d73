package dev.migrationreview.format.rails;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a Rails application says about how its migrations reach the database: the Rails version its
 * {@code Gemfile.lock} pins (defaults Rails does not keep across versions) and the adapter its
 * {@code config/database.yml} names ({@code postgresql}, {@code postgis}, {@code mysql2}, {@code trilogy}).
 * The migration's own {@code ActiveRecord::Migration[x.y]} decides most defaults; the project's version only
 * matters where a migration names none.
 *
 * @param railsVersion as {@code Gemfile.lock} pins it ({@code 7.1.3}), or null when unknown (then the newest
 *                     behaviour this reader models)
 * @param adapter      the {@code adapter:} of the database the migrations run against, lower case
 */
public record RailsProject(String railsVersion, String adapter) {
    /** The newest Rails whose defaults this reader models. */
    static final String NEWEST = "8.0";

    public RailsProject {
        adapter = adapter == null || adapter.isBlank() ? "postgresql" : adapter.toLowerCase(Locale.ROOT).strip();
    }

    /** Whether SQL goes to a MySQL or MariaDB server ({@code mysql2}, {@code trilogy}, {@code jdbcmysql}). */
    public boolean mysql() {
        return adapter.contains("mysql") || adapter.equals("trilogy") || adapter.contains("maria");
    }

    /** The adapter Rails uses for the configured dialect, when the repository names none. */
    public static String adapterFor(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? "postgresql" : "mysql2";
    }

    /**
     * The project a migrations location belongs to: its Rails version from {@code Gemfile.lock} (at the
     * repository root or above the location's {@code db/} directory); its adapter from the configured dialect.
     * rails-integration refines this with {@code config/database.yml}.
     */
    public static RailsProject of(FormatContext context, String root) {
        String version = null;
        String appRoot = applicationRoot(root);
        try {
            for (String lock : new String[] {appRoot.isEmpty() ? "Gemfile.lock" : appRoot + "/Gemfile.lock", "Gemfile.lock"}) {
                Optional<String> text = context.readIfPresent(lock);
                if (text.isPresent()) {
                    version = lockedRails(text.get());
                    if (version != null) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            // an unreadable lock file only loses the version: the migration's own [x.y] still decides its defaults
            version = null;
        }
        return new RailsProject(version, adapter(context, appRoot, root));
    }

    /**
     * The adapter {@code config/database.yml} names for the database whose migrations live in {@code folder}, when it
     * speaks the review's dialect (config, or detection from this same file, decides the dialect: SQL for another one
     * would not parse); else the dialect's own adapter. (rails-integration)
     */
    private static String adapter(FormatContext context, String appRoot, String folder) {
        try {
            RailsApplication app = RailsApplication.read(context.files(), appRoot);
            java.util.Optional<RailsDatabase> database = app.databaseOf(folder);
            if (database.isPresent() && database.get().dialect(context.dialect()).orElse(null) == context.dialect()) {
                return database.get().adapter();
            }
        } catch (IOException e) {
            // an unreadable database.yml only loses the adapter's name: the dialect still decides the SQL
        }
        return adapterFor(context.dialect());
    }

    /** The directory holding {@code db/}: {@code services/api} for {@code services/api/db/migrate}. */
    static String applicationRoot(String migrationsRoot) {
        String r = migrationsRoot == null ? "" : migrationsRoot;
        int db = r.equals("db") || r.startsWith("db/") ? 0 : r.lastIndexOf("/db/");
        if (db < 0) {
            return r.endsWith("/db") ? r.substring(0, r.length() - 3) : "";
        }
        return db == 0 ? "" : r.substring(0, db);
    }

    /** The version of {@code rails} (or {@code activerecord}) in a lock file's {@code specs:}, as {@code 7.1.3}. */
    static String lockedRails(String lock) {
        String activerecord = null;
        for (String line : lock.split("\n")) {
            // specs are indented four spaces: "    rails (7.1.3)"; their dependencies six
            if (!line.startsWith("    ") || line.startsWith("     ")) {
                continue;
            }
            String s = line.strip();
            int open = s.indexOf(" (");
            if (open < 0 || !s.endsWith(")")) {
                continue;
            }
            String name = s.substring(0, open);
            String version = s.substring(open + 2, s.length() - 1);
            if (name.equals("rails")) {
                return version;
            }
            if (name.equals("activerecord")) {
                activerecord = version;
            }
        }
        return activerecord;
    }
}
