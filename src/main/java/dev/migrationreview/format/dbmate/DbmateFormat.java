package dev.migrationreview.format.dbmate;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationScript.Section;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.NaturalOrder;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.ScriptLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate migrations ({@code <version>_<name>.sql}, in file-name order): the lines between {@code -- migrate:up}
 * and {@code -- migrate:down} are applied in a transaction, unless the up marker carries
 * {@code transaction:false}; then dbmate sends the section as one query string, which PostgreSQL still runs
 * as one implicit transaction when it holds more than one statement.
 */
public final class DbmateFormat implements MigrationFormat {
    static final Pattern FILE_NAME = Pattern.compile("(\\d+).*\\.sql");
    private static final Pattern MARKER = Pattern.compile("\\s*--\\s*migrate:(up|down)\\b(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_TRANSACTION = Pattern.compile("\\btransaction\\s*:\\s*false\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern UP_MARKER = Pattern.compile("(?mi)^[\\uFEFF\\s]*--\\s*migrate:up\\b");

    @Override
    public MigrationTool tool() {
        return MigrationTool.DBMATE;
    }

    @Override
    public int precedence() {
        return 220;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) throws IOException {
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            if (path.endsWith(".sql") && context.mayHoldMarkers(path) && hasMarkers(context.read(path))) {
                out.add(new Claim(path, PathNames.parent(path)));
            }
        }
        return out;
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<String> matching = new ArrayList<>();
        for (String path : paths) {
            if (path.endsWith(".sql") && FILE_NAME.matcher(PathNames.fileName(path)).matches()) {
                matching.add(path);
            }
        }
        matching.sort(Comparator.<String, String>comparing(PathNames::fileName).thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : matching) {
            out.add(read(path, context.read(path), context));
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        return hasMarkers(content) ? Recognition.MARKERS : Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        return read(path, content, context);
    }

    @Override
    public AppliedEdit appliedEdit() {
        return new AppliedEdit(false, "dbmate records applied versions in schema_migrations, so it never runs this file again where it already ran.",
                "");
    }

    @Override
    public String runOutsideTransaction() {
        return "dbmate: put it in a migration of its own with `-- migrate:up transaction:false`.";
    }

    static boolean hasMarkers(String content) {
        return FormatContext.mayHoldCommentMarker(content, "migrate:up") && UP_MARKER.matcher(content).find();
    }

    private static MigrationScript read(String path, String content, FormatContext context) {
        ScriptLines lines = new ScriptLines(content);
        List<Section> sections = new ArrayList<>();
        int start = -1;
        boolean noTransaction = false;
        for (int i = 1; i <= lines.count() + 1; i++) {
            Matcher m = i <= lines.count() ? MARKER.matcher(lines.line(i)) : null;
            boolean marker = m != null && m.matches();
            if ((marker || i > lines.count()) && start > 0) {
                int last = i - 1;
                if (last >= start) {
                    boolean tx = !noTransaction || context.runsAsOneTransaction(lines.text(start, last));
                    sections.add(new Section(start, last, tx, noTransaction && tx));
                }
                start = -1;
            }
            if (marker && m.group(1).equalsIgnoreCase("up")) {
                start = i + 1;
                noTransaction = NO_TRANSACTION.matcher(m.group(2)).find();
            }
        }
        Matcher name = FILE_NAME.matcher(PathNames.fileName(path));
        return new MigrationScript(path, MigrationTool.DBMATE, name.matches() ? name.group(1) : null, content, sections);
    }
}
