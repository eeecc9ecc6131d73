package dev.migrationreview.format.supabase;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.NaturalOrder;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.ScriptLines;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Supabase CLI ({@code supabase db push}, {@code supabase migration up}):
 * {@code supabase/migrations/<timestamp>_<name>.sql} in timestamp order, each file in its own transaction
 * (supabase/cli#2898: "we are running each migration file in its own transaction"); the maintainers' way to run
 * {@code CREATE INDEX CONCURRENTLY} is a migration file of its own, so a file with a single statement is taken
 * to run on its own.
 */
public final class SupabaseFormat implements MigrationFormat {
    static final MigrationTool SUPABASE = new MigrationTool("supabase");
    private static final Pattern PATH = Pattern.compile("(?:.*/)?supabase/migrations/(\\d+)_[^/]*\\.sql");

    @Override
    public MigrationTool tool() {
        return SUPABASE;
    }

    @Override
    public int precedence() {
        return 60;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) {
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            if (PATH.matcher(path).matches()) {
                out.add(new Claim(path, PathNames.parent(path)));
            }
        }
        return out;
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws java.io.IOException {
        List<String> matching = new ArrayList<>(paths.stream().filter(p -> PATH.matcher(p).matches()).toList());
        matching.sort(Comparator.<String, String>comparing(p -> PathNames.leadingDigits(PathNames.fileName(p)), NaturalOrder::compareNumbers)
                .thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : matching) {
            if (context.judges(path)) {
                out.add(script(path, context.read(path), context));
            } else {
                Matcher name = PATH.matcher(path);
                out.add(context.wholeFileHistory(path, SUPABASE, name.matches() ? name.group(1) : null));
            }
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        return PATH.matcher(path).matches() ? Recognition.NAME : Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        Matcher m = PATH.matcher(path);
        ScriptLines lines = new ScriptLines(content);
        return new MigrationScript(path, SUPABASE, m.matches() ? m.group(1) : null, content,
                lines.whole(context.runsAsOneTransaction(path, lines)));
    }

    @Override
    public String runOutsideTransaction() {
        return "Supabase CLI: it runs each migration file in its own transaction; put this statement in a migration file of"
                + " its own, with nothing else in it.";
    }
}
