package dev.migrationreview.format.numbered;

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
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbered SQL files in a {@code migrations} folder ({@code 0001-create-orders.sql}, {@code 0001_create_orders.sql})
 * that no named tool claims: the layout of postgres-migrations and of many home-grown runners, applied in number
 * order. How such a runner uses transactions is not written in the files; postgres-migrations, the best known,
 * runs each file in a transaction unless its first line is {@code -- postgres-migrations disable-transaction},
 * and that is what is assumed.
 */
public final class NumberedFormat implements MigrationFormat {
    static final MigrationTool NUMBERED = new MigrationTool("numbered");
    private static final Pattern FILE_NAME = Pattern.compile("(\\d+)[-_][^/]*\\.sql");
    private static final Set<String> FOLDERS = Set.of("migrations", "migration");
    private static final Pattern DISABLE_TRANSACTION = Pattern.compile("\\s*--\\s*postgres-migrations\\s+disable-transaction\\b.*");

    @Override
    public MigrationTool tool() {
        return NUMBERED;
    }

    /** Only what every named tool left: the last to claim. */
    @Override
    public int precedence() {
        return 900;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) {
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            String dir = PathNames.parent(path);
            // a migrations folder, or one set of a runner that keeps several (supabase storage: migrations/tenant/0001-x.sql)
            if (FILE_NAME.matcher(PathNames.fileName(path)).matches()
                    && (FOLDERS.contains(PathNames.fileName(dir)) || FOLDERS.contains(PathNames.fileName(PathNames.parent(dir))))) {
                out.add(new Claim(path, dir));
            }
        }
        return out;
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<String> matching = new ArrayList<>(paths.stream().filter(p -> FILE_NAME.matcher(PathNames.fileName(p)).matches()).toList());
        matching.sort(Comparator.<String, String>comparing(p -> PathNames.leadingDigits(PathNames.fileName(p)), NaturalOrder::compareNumbers)
                .thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : matching) {
            if (context.judges(path)) {
                out.add(script(path, context.read(path), context));
            } else {
                Matcher name = FILE_NAME.matcher(PathNames.fileName(path));
                out.add(context.wholeFileHistory(path, NUMBERED, name.matches() ? name.group(1) : null));
            }
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        return Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        ScriptLines lines = new ScriptLines(content);
        boolean transactional = lines.count() == 0 || !DISABLE_TRANSACTION.matcher(lines.line(1)).matches();
        Matcher m = FILE_NAME.matcher(PathNames.fileName(path));
        return new MigrationScript(path, NUMBERED, m.matches() ? m.group(1) : null, content, lines.whole(transactional));
    }

    @Override
    public String runOutsideTransaction() {
        return "Numbered runner (postgres-migrations): put it in a migration file of its own whose first line is"
                + " `-- postgres-migrations disable-transaction`.";
    }
}
