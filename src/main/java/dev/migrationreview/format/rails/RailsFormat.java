package dev.migrationreview.format.rails;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.Operation;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.sql.SourceSpan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rails ActiveRecord migrations: {@code db/migrate/*.rb}, {@code db/post_migrate/*.rb} and multi-database folders
 * ({@code db/<name>_migrate}), applied in version order (the timestamp before the first {@code _}). Each file is
 * parsed with tree-sitter's Ruby grammar and each call translated to the SQL Rails sends for the adapter and the
 * migration's {@code ActiveRecord::Migration[x.y]} ({@link RailsMigrationReader}); a migration runs in one
 * transaction unless it says {@code disable_ddl_transaction!}. Fixes are written in Ruby ({@link RailsFix}).
 */
public final class RailsFormat implements MigrationFormat {
    static final MigrationTool RAILS = new MigrationTool("rails");

    @Override
    public MigrationTool tool() {
        return RAILS;
    }

    /** Recognised by file name in a Rails folder, before the SQL layouts (which never claim {@code .rb}). */
    @Override
    public int precedence() {
        return 60;
    }

    @Override
    public boolean holds(String path) {
        return path.endsWith(".rb") && versionOf(path) != null;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) {
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            String folder = migrationsFolder(path);
            if (folder != null) {
                out.add(new Claim(path, folder));
            }
        }
        return out;
    }

    /**
     * {@code …/db/migrate/20240101120000_add_x.rb}, {@code db/post_migrate/…}, {@code db/<name>_migrate/…}, and their
     * subfolders (Rails globs {@code <path>/**}{@code /[0-9]*_*.rb}).
     */
    public static boolean isMigrationPath(String path) {
        return migrationsFolder(path) != null;
    }

    /** The migrations folder ({@code db/migrate}) a migration file is in or below, or null. */
    static String migrationsFolder(String path) {
        if (!path.endsWith(".rb") || versionOf(path) == null) {
            return null;
        }
        String dir = PathNames.parent(path);
        for (int depth = 0; depth < 4 && !dir.isEmpty(); depth++) {
            String name = PathNames.fileName(dir);
            if ((name.equals("migrate") || name.endsWith("_migrate")) && PathNames.fileName(PathNames.parent(dir)).equals("db")) {
                return dir;
            }
            dir = PathNames.parent(dir);
        }
        return null;
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        RailsProject project = RailsProject.of(context, root);
        List<String> sorted = new ArrayList<>(paths.stream().filter(this::holds).toList());
        sorted.sort(Comparator.comparing((String p) -> new java.math.BigInteger(versionOf(p))).thenComparing(PathNames::fileName));
        List<MigrationScript> out = new ArrayList<>();
        // Rails' renames depend on what exists: the location's history, translated in order, says it
        TranslatedSchema schema = new TranslatedSchema();
        for (String path : sorted) {
            String content = context.read(path);
            out.add(MigrationScript.ofOperations(path, RAILS, versionOf(path), content, operations(content, context, project, schema))
                    .withConnection(project.connection()));
        }
        return out;
    }

    /** The primary database's adapter in {@code config/database.yml}: {@code mysql2} and {@code trilogy} mean MySQL. */
    @Override
    public java.util.Optional<dev.migrationreview.format.DialectEvidence> detectDialect(FormatContext context) throws IOException {
        return RailsApplication.detect(context);
    }

    /** {@code db/schema.rb} or {@code db/structure.sql} at the commit: the database the location's migrations built. */
    @Override
    public java.util.Optional<SchemaDump> schemaDump(String root, List<String> paths, FormatContext context) throws IOException {
        return RailsSchemaDump.of(RailsProject.of(context, root), root, paths, context);
    }

    @Override
    public Recognition recognise(String path, String content) {
        if (path.endsWith(".rb") && content.contains("ActiveRecord::Migration")) {
            return Recognition.MARKERS;
        }
        return holds(path) ? Recognition.NAME : Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        return script(path, content, context, RailsProject.of(context, PathNames.parent(path)));
    }

    /** A migration read for a known project (its Rails version and adapter). */
    public MigrationScript script(String path, String content, FormatContext context, RailsProject project) {
        return MigrationScript.ofOperations(path, RAILS, versionOf(path), content, operations(content, context, project,
                new TranslatedSchema())).withConnection(project.connection());
    }

    /**
     * {@code db/schema.rb} ({@code ActiveRecord::Schema[7.1].define(version: …) do … end}) as the operations that
     * build the schema it records, in order: the base schema a change meets, replayed like a migration.
     */
    public static MigrationScript schema(String path, String content, FormatContext context, RailsProject project) {
        return MigrationScript.ofOperations(path, RAILS, null, content, operations(content, context, project, new TranslatedSchema()));
    }

    private static List<Operation> operations(String content, FormatContext context, RailsProject project, TranslatedSchema schema) {
        try {
            return new RailsMigrationReader(project, context::statements, schema).read(content).operations();
        } catch (RuntimeException | StackOverflowError e) {
            // no input may stop the review: a file this reader fails on (or nests too deep to walk) is shown, unread
            return List.of(new Operation(new SourceSpan(1, 1, 1, 1), "Rails migration", List.of(), true,
                    "the Rails reader could not read this file (" + (e instanceof StackOverflowError ? "nested too deeply"
                            : e.getClass().getSimpleName() + ": " + e.getMessage()) + "); none of it was analysed"));
        }
    }

    /** The version a migration file name starts with ({@code 20240101120000}), or null. */
    static String versionOf(String path) {
        String name = PathNames.fileName(path);
        int underscore = name.indexOf('_');
        if (underscore <= 0) {
            return null;
        }
        String digits = name.substring(0, underscore);
        return digits.chars().allMatch(Character::isDigit) ? digits : null;
    }

    @Override
    public String runOutsideTransaction() {
        return "Rails: put it in a migration of its own that calls `disable_ddl_transaction!` (Rails then runs that migration"
                + " without a transaction).";
    }

    /** SQL a fix proposes, as a Rails migration writes it. */
    @Override
    public String writeSql(String sql) {
        return "execute <<~SQL\n  " + sql.strip().replace("\n", "\n  ") + "\nSQL";
    }

    @Override
    public Fix fix(String rule, String fix, String suggestion, String sql, Operation operation, MigrationScript script) {
        return RailsFix.of(rule, fix, suggestion, sql, operation, script);
    }

    @Override
    public AppliedEdit appliedEdit() {
        return new AppliedEdit(false, "Rails records each migration's version in `schema_migrations` and never runs an applied"
                + " migration again: the edit only reaches databases that have not run it yet (new environments, tests), so"
                + " production and the schema drift apart.", "Put the change in a new migration.");
    }
}
