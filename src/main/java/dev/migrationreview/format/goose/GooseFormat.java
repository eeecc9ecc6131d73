package dev.migrationreview.format.goose;

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
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goose SQL migrations ({@code <version>_<name>.sql}, in version order): the lines after {@code -- +goose Up}
 * up to {@code -- +goose Down} are applied, in one transaction unless the file says
 * {@code -- +goose NO TRANSACTION} (then goose runs each statement on its own).
 */
public final class GooseFormat implements MigrationFormat {
    static final Pattern FILE_NAME = Pattern.compile("(\\d+)_.*\\.sql");
    private static final Pattern DIRECTIVE = Pattern.compile("\\s*--\\s*\\+goose\\s+(.*?)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern UP_MARKER = Pattern.compile("(?mi)^[\\uFEFF\\s]*--\\s*\\+goose\\s+up\\b");

    @Override
    public MigrationTool tool() {
        return MigrationTool.GOOSE;
    }

    @Override
    public int precedence() {
        return 210;
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
        matching.sort(Comparator.<String, String>comparing(p -> PathNames.leadingDigits(PathNames.fileName(p)), NaturalOrder::compareNumbers)
                .thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : matching) {
            out.add(read(path, context.read(path)));
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        return hasMarkers(content) ? Recognition.MARKERS : Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        return read(path, content);
    }

    @Override
    public AppliedEdit appliedEdit() {
        return new AppliedEdit(false, "goose records applied versions, so it never runs this file again where it already ran.",
                "");
    }

    @Override
    public String runOutsideTransaction() {
        return "goose: put it in a migration of its own that starts with `-- +goose NO TRANSACTION`.";
    }

    static boolean hasMarkers(String content) {
        return FormatContext.mayHoldCommentMarker(content, "+goose") && UP_MARKER.matcher(content).find();
    }

    private static MigrationScript read(String path, String content) {
        ScriptLines lines = new ScriptLines(content);
        boolean[] applied = new boolean[lines.count() + 1];
        boolean up = false;
        boolean noTransaction = false;
        for (int i = 1; i <= lines.count(); i++) {
            Matcher m = DIRECTIVE.matcher(lines.line(i));
            if (m.matches()) {
                String directive = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
                if (directive.equals("UP")) {
                    up = true;
                    continue;
                }
                if (directive.equals("DOWN")) {
                    up = false;
                    continue;
                }
                if (directive.equals("NO TRANSACTION")) {
                    noTransaction = true;
                    continue;
                }
            }
            applied[i] = up;
        }
        Matcher name = FILE_NAME.matcher(PathNames.fileName(path));
        String version = name.matches() ? name.group(1) : null;
        return new MigrationScript(path, MigrationTool.GOOSE, version, content, ScriptLines.runs(applied, !noTransaction));
    }
}
