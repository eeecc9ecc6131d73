package dev.migrationreview.format.golangmigrate;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.NaturalOrder;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.ScriptLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate and the migrators sharing its naming, {@code <version>_<name>.(up|down).sql} (concourse,
 * gobuffalo pop, ory popx), in version order. The PostgreSQL driver sends each file as one query string. popx
 * adds {@code .<database>} variants, which replace the database-less file of the same version, and
 * {@code .autocommit}.
 */
public final class GolangMigrateFormat implements MigrationFormat {
    static final Pattern FILE_NAME = Pattern.compile("(\\d+)_(.+)\\.(up|down)\\.sql");

    @Override
    public MigrationTool tool() {
        return MigrationTool.GOLANG_MIGRATE;
    }

    @Override
    public int precedence() {
        return 50;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) {
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            if (FILE_NAME.matcher(PathNames.fileName(path)).matches()) {
                out.add(new Claim(path, PathNames.parent(path)));
            }
        }
        return out;
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        record Up(String path, String version, String name, String database) {}
        Map<String, Up> byMigration = new LinkedHashMap<>();
        for (String path : paths) {
            Matcher m = FILE_NAME.matcher(PathNames.fileName(path));
            if (!m.matches() || !m.group(3).equals("up") || context.isForAnotherDatabase(path)) {
                continue;
            }
            String name = m.group(2);
            if (name.endsWith(".autocommit")) {
                name = name.substring(0, name.length() - ".autocommit".length());
            }
            String database = null;
            int dot = name.lastIndexOf('.');
            if (dot > 0 && FormatContext.isDatabaseName(name.substring(dot + 1))) {
                database = name.substring(dot + 1).toLowerCase(Locale.ROOT);
                name = name.substring(0, dot);
                if (!context.dialect().answersTo(database)) {
                    continue;
                }
            }
            String key = PathNames.parent(path) + "/" + m.group(1) + "_" + name;
            Up up = new Up(path, m.group(1), name, database);
            Up earlier = byMigration.get(key);
            if (earlier == null || (earlier.database() == null && database != null)) {
                byMigration.put(key, up);
            }
        }
        List<Up> ups = new ArrayList<>(byMigration.values());
        ups.sort(Comparator.<Up, String>comparing(Up::version, NaturalOrder::compareNumbers).thenComparing(Up::path, NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (Up up : ups) {
            if (context.judges(up.path())) {
                out.add(read(up.path(), context.read(up.path()), context));
            } else {
                Matcher m = FILE_NAME.matcher(PathNames.fileName(up.path()));
                out.add(context.wholeFileHistory(up.path(), MigrationTool.GOLANG_MIGRATE, m.matches() ? m.group(1) : null));
            }
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        Matcher m = FILE_NAME.matcher(PathNames.fileName(path));
        return m.matches() && m.group(3).equals("up") ? Recognition.NAME : Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        return read(path, content, context);
    }

    @Override
    public AppliedEdit appliedEdit() {
        return new AppliedEdit(false, "golang-migrate records only the version number it reached, so it never runs this file again where it already ran.",
                "");
    }

    @Override
    public String runOutsideTransaction() {
        return "golang-migrate: keep it out of any BEGIN ... COMMIT and in a migration of its own"
                + " (with the PostgreSQL driver, a file with several statements runs as one multi-statement transaction"
                + " unless `x-multi-statement` is enabled).";
    }

    /** The file is one query string: transactional exactly when the dialect makes it an implicit transaction. */
    private static MigrationScript read(String path, String content, FormatContext context) {
        Matcher m = FILE_NAME.matcher(PathNames.fileName(path));
        ScriptLines lines = new ScriptLines(content);
        return new MigrationScript(path, MigrationTool.GOLANG_MIGRATE, m.matches() ? m.group(1) : null, content,
                lines.wholeAsOneQueryString(context.runsAsOneTransaction(path, lines)));
    }
}
