package dev.migrationreview.format.plain;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.NaturalOrder;
import dev.migrationreview.format.ScriptLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain SQL files run as psql runs a file: in natural path order, each statement on its own. Only ever chosen
 * by config ({@code tool: plain}) or for a lone file no other format recognises: detection never guesses it.
 */
public final class PlainSqlFormat implements MigrationFormat {

    @Override
    public MigrationTool tool() {
        return MigrationTool.PLAIN;
    }

    @Override
    public int precedence() {
        return 1000;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) {
        return List.of();
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<String> sorted = new ArrayList<>(paths);
        sorted.sort(NaturalOrder.NATURAL);
        List<MigrationScript> out = new ArrayList<>();
        for (String path : sorted) {
            out.add(context.judges(path) ? script(path, context.read(path), context)
                    : context.wholeFileHistory(path, MigrationTool.PLAIN, null));
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        return Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        return new MigrationScript(path, MigrationTool.PLAIN, null, content, new ScriptLines(content).whole(false));
    }

    @Override
    public String runOutsideTransaction() {
        return "Run it on its own, outside BEGIN ... COMMIT.";
    }
}
