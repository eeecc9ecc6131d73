package dev.migrationreview.format.diesel;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * diesel applies {@code <version>_<name>/up.sql} in directory-name order, each in a transaction unless the
 * directory's {@code metadata.toml} says {@code run_in_transaction = false}; then it sends the file with
 * {@code batch_execute}, one query string.
 */
public final class DieselFormat implements MigrationFormat {
    static final Pattern PATH = Pattern.compile("(?:.*/)?(\\d[\\d-]*)_[^/]+/up\\.sql");
    private static final Pattern NO_TRANSACTION = Pattern.compile("(?m)^\\s*run_in_transaction\\s*=\\s*false\\b");

    @Override
    public MigrationTool tool() {
        return MigrationTool.DIESEL;
    }

    @Override
    public int precedence() {
        return 30;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) {
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            // the name first: the pattern, tried on every file of an 800-file history twice, was 2% of a warm review
            if (path.endsWith("/up.sql") && PATH.matcher(path).matches()) {
                out.add(new Claim(path, PathNames.parent(PathNames.parent(path))));
            }
        }
        return out;
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<String> matching = new ArrayList<>(paths.stream().filter(p -> PATH.matcher(p).matches()).toList());
        matching.sort(Comparator.comparing((String p) -> PathNames.fileName(PathNames.parent(p))).thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : matching) {
            if (!context.judges(path)) {
                Matcher m = PATH.matcher(path);
                out.add(context.wholeFileHistory(path, MigrationTool.DIESEL, m.matches() ? m.group(1) : null));
                continue;
            }
            boolean noTransaction = context.readIfPresent(PathNames.parent(path) + "/metadata.toml")
                    .map(toml -> NO_TRANSACTION.matcher(toml).find()).orElse(false);
            out.add(read(path, context.read(path), noTransaction, context));
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        return PATH.matcher(path).matches() ? Recognition.NAME : Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        return read(path, content, false, context);
    }

    @Override
    public AppliedEdit appliedEdit() {
        return new AppliedEdit(false, "diesel records applied versions in __diesel_schema_migrations, so it never runs this migration again where it already ran.",
                "");
    }

    @Override
    public String runOutsideTransaction() {
        return "Diesel: put it in a migration of its own with `run_in_transaction = false` in its metadata.toml.";
    }

    private static MigrationScript read(String path, String content, boolean noTransaction, FormatContext context) {
        Matcher m = PATH.matcher(path);
        ScriptLines lines = new ScriptLines(content);
        boolean transactional = !noTransaction || context.runsAsOneTransaction(lines.text(1, lines.count()));
        return new MigrationScript(path, MigrationTool.DIESEL, m.matches() ? m.group(1) : null, content,
                noTransaction ? lines.wholeAsOneQueryString(transactional) : lines.whole(transactional));
    }
}
