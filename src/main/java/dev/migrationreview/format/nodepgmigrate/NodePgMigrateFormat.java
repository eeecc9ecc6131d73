package dev.migrationreview.format.nodepgmigrate;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.NaturalOrder;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.ScriptLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * node-pg-migrate SQL migrations ({@code migrations/<timestamp>_<name>.sql}): the lines after
 * {@code -- Up Migration} up to {@code -- Down Migration} are applied, in file-name order, each migration in a
 * transaction.
 */
public final class NodePgMigrateFormat implements MigrationFormat {
    static final MigrationTool NODE_PG_MIGRATE = new MigrationTool("node-pg-migrate");
    private static final Pattern MARKER = Pattern.compile("\\s*--\\s*(Up|Down)\\s+Migration\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern UP_MARKER = Pattern.compile("(?mi)^[\\uFEFF\\s]*--\\s*Up\\s+Migration\\b");
    private static final Pattern VERSION = Pattern.compile("(\\d+)[_-].*\\.sql");

    @Override
    public MigrationTool tool() {
        return NODE_PG_MIGRATE;
    }

    @Override
    public int precedence() {
        return 230;
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

    private static boolean hasMarkers(String content) {
        return FormatContext.mayHoldCommentMarker(content, "up") && UP_MARKER.matcher(content).find();
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<String> sorted = new ArrayList<>(paths.stream().filter(p -> p.endsWith(".sql")).toList());
        sorted.sort(NaturalOrder.NATURAL);
        List<MigrationScript> out = new ArrayList<>();
        for (String path : sorted) {
            out.add(script(path, context.read(path), context));
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        return hasMarkers(content) ? Recognition.MARKERS : Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        ScriptLines lines = new ScriptLines(content);
        boolean[] applied = new boolean[lines.count() + 1];
        boolean up = false;
        for (int i = 1; i <= lines.count(); i++) {
            Matcher m = MARKER.matcher(lines.line(i));
            if (m.matches()) {
                up = m.group(1).equalsIgnoreCase("up");
                continue;
            }
            applied[i] = up;
        }
        Matcher v = VERSION.matcher(PathNames.fileName(path));
        return new MigrationScript(path, NODE_PG_MIGRATE, v.matches() ? v.group(1) : null, content, ScriptLines.runs(applied, true));
    }

    @Override
    public String runOutsideTransaction() {
        return "node-pg-migrate: put it in a JavaScript migration of its own that calls `pgm.noTransaction()`"
                + " (and run without --single-transaction).";
    }
}
