package dev.migrationreview.format.rails;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.sql.RawStatement;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TreeSitterRuby;

/**
 * The schema a Rails application dumps after migrating ({@code db/schema.rb}, or {@code db/structure.sql} with
 * {@code schema_format = :sql}; {@code db/<name>_schema.rb} for a second database): Rails loads it to build a
 * database instead of running old migrations, so the review starts from it too. The dump records the version it
 * was taken at; every migration up to that version is in it ({@code assume_migrated_upto_version}), and a later
 * one, committed without dumping again, is replayed after it.
 */
final class RailsSchemaDump {
    private RailsSchemaDump() {}

    /**
     * The dump of the database whose migrations are {@code paths} under {@code root}, if the application keeps one.
     *
     * @param project the Rails version and adapter {@code schema.rb} is read for (the same DSL as a migration's {@code change})
     */
    static Optional<MigrationFormat.SchemaDump> of(RailsProject project, String root, List<String> paths, FormatContext context)
            throws IOException {
        String folder = migrationFolder(root, paths);
        String appRoot = applicationRoot(folder);
        RailsApplication app = RailsApplication.read(context.files(), appRoot);
        String prefix = appRoot.isEmpty() ? "" : appRoot + "/";
        List<String> candidates = app.databaseOf(folder).map(RailsDatabase::schemaFiles)
                .orElse(List.of("db/schema.rb", "db/structure.sql"));
        for (String candidate : candidates) {
            String path = candidate.startsWith(prefix) ? candidate : prefix + candidate;
            Optional<String> text = context.readIfPresent(path);
            if (text.isEmpty()) {
                continue;
            }
            MigrationScript script;
            BigInteger version;
            if (path.endsWith(".rb")) {
                script = RailsFormat.schema(path, text.get(), context, project);
                version = schemaRbVersion(text.get());
            } else {
                int lines = (int) text.get().chars().filter(c -> c == '\n').count() + 1;
                script = new MigrationScript(path, MigrationTool.PLAIN, null, text.get(),
                        List.of(new MigrationScript.Section(1, lines, false)));
                version = structureSqlVersion(text.get(), context);
            }
            Set<String> covered = new TreeSet<>();
            if (version != null) {
                for (String p : paths) {
                    BigInteger v = migrationVersion(p);
                    if (v != null && v.compareTo(version) <= 0) {
                        covered.add(p);
                    }
                }
            }
            return Optional.of(new MigrationFormat.SchemaDump(script, covered));
        }
        return Optional.empty();
    }

    /** The location's migration folder: {@code root} itself, or the folder of its files when root is the app. */
    private static String migrationFolder(String root, List<String> paths) {
        if (!paths.isEmpty()) {
            String parent = PathNames.parent(paths.get(0));
            if (parent.equals(root) || parent.endsWith("/migrate") || parent.endsWith("_migrate") || parent.equals("migrate")) {
                return parent;
            }
        }
        return root;
    }

    /** The directory holding {@code db/}: {@code services/api} for {@code services/api/db/migrate}. */
    static String applicationRoot(String folder) {
        String f = folder == null ? "" : folder;
        if (f.equals("db") || f.startsWith("db/")) {
            return "";
        }
        int db = f.lastIndexOf("/db/");
        if (db >= 0) {
            return f.substring(0, db);
        }
        return f.endsWith("/db") ? f.substring(0, f.length() - 3) : f;
    }

    /** {@code 20240101120000} from {@code db/migrate/20240101120000_create_orders.rb}, or {@code 1} from {@code 001_x.rb}. */
    static BigInteger migrationVersion(String path) {
        String name = PathNames.fileName(path);
        int end = 0;
        while (end < name.length() && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return end == 0 || end >= name.length() || name.charAt(end) != '_' ? null : new BigInteger(name.substring(0, end));
    }

    /** The {@code version:} of {@code ActiveRecord::Schema[x.y].define(version: 2024_01_01_120000)}, parsed as Ruby. */
    static BigInteger schemaRbVersion(String source) {
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterRuby());
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        TSNode root = parser.parseString(null, source).getRootNode();
        for (int i = 0; i < root.getNamedChildCount(); i++) {
            BigInteger v = defineVersion(root.getNamedChild(i), bytes);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static BigInteger defineVersion(TSNode node, byte[] src) {
        if (!node.getType().equals("call")) {
            return null;
        }
        TSNode method = node.getChildByFieldName("method");
        TSNode arguments = node.getChildByFieldName("arguments");
        if (method.isNull() || arguments.isNull() || !text(method, src).equals("define")) {
            return null;
        }
        for (int i = 0; i < arguments.getNamedChildCount(); i++) {
            TSNode pair = arguments.getNamedChild(i);
            if (!pair.getType().equals("pair")) {
                continue;
            }
            TSNode key = pair.getChildByFieldName("key");
            TSNode value = pair.getChildByFieldName("value");
            String k = key.isNull() ? "" : text(key, src);
            if ((k.equals("version") || k.equals(":version")) && !value.isNull() && value.getType().equals("integer")) {
                return new BigInteger(text(value, src).replace("_", ""));
            }
        }
        return null;
    }

    /**
     * The newest version in the dump's {@code INSERT INTO "schema_migrations" (version) VALUES ('…'), …}, which
     * Rails appends to {@code structure.sql}; the statement is found by the dialect's splitter.
     */
    static BigInteger structureSqlVersion(String sql, FormatContext context) {
        BigInteger newest = null;
        for (RawStatement statement : context.statements(sql)) {
            String text = statement.sql();
            String head = text.substring(0, Math.min(text.length(), 200)).toLowerCase(Locale.ROOT).replace("\"", "").replace("`", "");
            if (!head.contains("insert into") || !head.contains("schema_migrations")) {
                continue;
            }
            for (String quoted : quotedDigits(text)) {
                BigInteger v = new BigInteger(quoted);
                if (newest == null || v.compareTo(newest) > 0) {
                    newest = v;
                }
            }
        }
        return newest;
    }

    /** The all-digit string literals of one INSERT's VALUES. */
    private static List<String> quotedDigits(String text) {
        List<String> out = new ArrayList<>();
        int i = text.indexOf('\'');
        while (i >= 0) {
            int close = text.indexOf('\'', i + 1);
            if (close < 0) {
                break;
            }
            String inside = text.substring(i + 1, close);
            if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit)) {
                out.add(inside);
            }
            i = text.indexOf('\'', close + 1);
        }
        return out;
    }

    private static String text(TSNode node, byte[] src) {
        return new String(src, node.getStartByte(), node.getEndByte() - node.getStartByte(), StandardCharsets.UTF_8);
    }
}
