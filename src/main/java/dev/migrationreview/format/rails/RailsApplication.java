package dev.migrationreview.format.rails;

import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.format.DialectEvidence;
import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Rails application says about its database, read from the application's directory: the adapter and
 * migration folders of each database ({@code config/database.yml}, or the sample an application commits when the
 * real one is kept out of git) and the Rails version ({@code Gemfile.lock}). A file that cannot be read is a
 * problem naming path:line, and the review goes on with config and defaults.
 *
 * @param root         the application's directory ({@code ""} at the repository root)
 * @param databaseYml  the file the databases were read from, or null
 * @param environment  the environment read ({@code production}), or null
 * @param databases    its databases, primary first; empty without a readable file
 * @param railsVersion {@code 8.0.2.1}, or null without a lock file naming rails or activerecord
 * @param problems     one sentence each, naming path:line
 */
public record RailsApplication(String root, String databaseYml, String environment, List<RailsDatabase> databases,
        String railsVersion, List<String> problems) {
    /** Where applications keep the file, the real one first; samples are committed when the real one is ignored. */
    static final List<String> DATABASE_YML = List.of("config/database.yml", "config/database.yml.sample",
            "config/database.yml.example", "config/example.database.yml", "config/database.example.yml");

    public RailsApplication {
        databases = List.copyOf(databases);
        problems = List.copyOf(problems);
    }

    /** The application at {@code root} ({@code ""} or {@code backend}) of the repository. */
    public static RailsApplication read(RepositoryFiles files, String root) throws IOException {
        String prefix = root.isEmpty() ? "" : root + "/";
        List<String> problems = new ArrayList<>();
        String databaseYml = null;
        String environment = null;
        List<RailsDatabase> databases = List.of();
        for (String candidate : DATABASE_YML) {
            Optional<String> text = files.read(prefix + candidate);
            if (text.isEmpty()) {
                continue;
            }
            databaseYml = prefix + candidate;
            try {
                DatabaseYml.Read read = DatabaseYml.read(databaseYml, text.get());
                environment = read.environment();
                databases = read.databases().stream().map(d -> under(prefix, d)).toList();
            } catch (RailsProjectException e) {
                problems.add(e.getMessage() + "; the database adapter is taken from config (dialect) or its default.");
            }
            break;
        }
        String railsVersion = null;
        Optional<String> lock = files.read(prefix + "Gemfile.lock");
        if (lock.isPresent()) {
            railsVersion = RailsProject.lockedRails(lock.get());
        }
        return new RailsApplication(root, databaseYml, environment, databases, railsVersion, problems);
    }

    private static RailsDatabase under(String prefix, RailsDatabase d) {
        if (prefix.isEmpty()) {
            return d;
        }
        return new RailsDatabase(d.name(), d.primary(), d.adapter(), d.unknownAdapter(), d.where(),
                d.migrationsPaths().stream().map(p -> prefix + p).toList(), d.dumpsSchema(),
                d.schemaDump() == null ? null : prefix + d.schemaDump(), d.variables());
    }

    /**
     * The dialect the repository's Rails application says it runs on: the primary database's adapter in the first
     * application (by path) that has migrations, when config names no dialect. A real {@code config/database.yml}
     * that cannot be read is an error naming path:line (Rails would not boot with it either); a sample is only a hint.
     */
    static Optional<DialectEvidence> detect(FormatContext context) throws IOException {
        java.util.SortedSet<String> roots = new java.util.TreeSet<>();
        for (String path : context.files().paths()) {
            if (RailsFormat.isMigrationPath(path)) {
                roots.add(RailsSchemaDump.applicationRoot(PathNames.parent(path)));
            }
        }
        for (String root : roots) {
            RailsApplication app = read(context.files(), root);
            if (!app.problems().isEmpty() && app.databaseYml().endsWith(DATABASE_YML.get(0))) {
                throw new IOException(app.problems().get(0).replace("; the database adapter is taken from config (dialect) or its default.", "")
                        + "; fix it, or name the database with `dialect:` in .github/migration-review.yml");
            }
            Optional<RailsDatabase> primary = app.primary();
            Optional<Dialect> dialect = primary.flatMap(d -> d.dialect(context.dialect()));
            if (dialect.isPresent()) {
                return Optional.of(new DialectEvidence(dialect.get(), primary.get().where(), "adapter: " + primary.get().adapter()));
            }
        }
        return Optional.empty();
    }

    /** The application's main database. */
    public Optional<RailsDatabase> primary() {
        return databases.stream().filter(RailsDatabase::primary).findFirst();
    }

    /** The database whose migrations live in {@code folder} ({@code db/migrate}, {@code db/animals_migrate}). */
    public Optional<RailsDatabase> databaseOf(String folder) {
        for (RailsDatabase d : databases) {
            if (d.migrationsPaths().contains(folder)) {
                return Optional.of(d);
            }
        }
        return primary();
    }

    /**
     * The dialect the primary database's adapter speaks, if config did not name one.
     *
     * @param configured the review's configured (or default) dialect, which decides MySQL or MariaDB
     */
    public Optional<Dialect> dialect(Dialect configured) {
        return primary().flatMap(d -> d.dialect(configured));
    }

    /** Every migration folder config/database.yml names, for detection ({@code db/migrate} when it names none). */
    public List<String> migrationFolders() {
        List<String> out = new ArrayList<>();
        for (RailsDatabase d : databases) {
            d.migrationsPaths().stream().filter(p -> !out.contains(p)).forEach(out::add);
        }
        return out;
    }
}
