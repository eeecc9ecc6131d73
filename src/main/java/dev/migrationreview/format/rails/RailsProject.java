package dev.migrationreview.format.rails;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import dev.migrationreview.format.ConnectionSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * @param connection   what the connection has set before each migration runs: the database's {@code variables:} in
 *                     {@code config/database.yml}, then strong_migrations' {@code lock_timeout}, which it sets after
 */
public record RailsProject(String railsVersion, String adapter, List<ConnectionSetting> connection) {
    /** The newest Rails whose defaults this reader models. */
    static final String NEWEST = "8.0";

    /**
     * {@code StrongMigrations.lock_timeout = 10.seconds} in its initializer: strong_migrations sets it as the database's
     * lock wait limit before every migration (PostgreSQL {@code lock_timeout}, MySQL and MariaDB {@code lock_wait_timeout}).
     */
    private static final Pattern STRONG_MIGRATIONS_LOCK_TIMEOUT =
            Pattern.compile("(?m)^[ \\t]*StrongMigrations\\.lock_timeout[ \\t]*=[ \\t]*(\\d+)\\.(seconds?|minutes?)\\b");

    public RailsProject {
        adapter = adapter == null || adapter.isBlank() ? "postgresql" : adapter.toLowerCase(Locale.ROOT).strip();
        connection = List.copyOf(connection);
    }

    /** A project whose connection sets nothing before a migration. */
    public RailsProject(String railsVersion, String adapter) {
        this(railsVersion, adapter, List.of());
    }

    /** Whether SQL goes to a MySQL or MariaDB server ({@code mysql2}, {@code trilogy}, {@code jdbcmysql}). */
    public boolean mysql() {
        return mysql(adapter);
    }

    private static boolean mysql(String adapter) {
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
        Optional<RailsDatabase> database;
        try {
            database = RailsApplication.read(context.files(), appRoot).databaseOf(root);
        } catch (IOException e) {
            // an unreadable database.yml only loses the adapter's name and variables: the dialect still decides the SQL
            database = Optional.empty();
        }
        // the adapter config names when it speaks the review's dialect (config, or detection from this same file,
        // decides the dialect: SQL for another one would not parse); else the dialect's own adapter
        String adapter = database.filter(d -> d.dialect(context.dialect()).orElse(null) == context.dialect())
                .map(RailsDatabase::adapter).orElse(adapterFor(context.dialect()));
        List<ConnectionSetting> connection = new ArrayList<>(database.map(RailsDatabase::variables).orElse(List.of()));
        strongMigrationsLockTimeout(context, appRoot, mysql(adapter.toLowerCase(Locale.ROOT))).ifPresent(connection::add);
        return new RailsProject(version, adapter, connection);
    }

    /**
     * The lock wait limit strong_migrations sets before every migration, from its initializer: after the connection's
     * {@code variables:}, so it wins over them.
     */
    private static Optional<ConnectionSetting> strongMigrationsLockTimeout(FormatContext context, String appRoot, boolean mysql) {
        String initializer = (appRoot.isEmpty() ? "" : appRoot + "/") + "config/initializers/strong_migrations.rb";
        try {
            Optional<String> text = context.readIfPresent(initializer);
            if (text.isPresent()) {
                Matcher m = STRONG_MIGRATIONS_LOCK_TIMEOUT.matcher(text.get());
                if (m.find()) {
                    long seconds = Long.parseLong(m.group(1)) * (m.group(2).startsWith("minute") ? 60 : 1);
                    int line = 1 + (int) text.get().substring(0, m.start(1)).chars().filter(c -> c == '\n').count();
                    return Optional.of(new ConnectionSetting(mysql ? "lock_wait_timeout" : "lock_timeout",
                            mysql ? Long.toString(seconds) : seconds + "s", initializer + ":" + line + " (strong_migrations)"));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable initializer (or an absurd number) sets nothing the review can count on
        }
        return Optional.empty();
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
