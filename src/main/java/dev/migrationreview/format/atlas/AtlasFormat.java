package dev.migrationreview.format.atlas;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.NaturalOrder;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.ScriptLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An Atlas migration directory: the one holding {@code atlas.sum}; its {@code .sql} files apply in file-name
 * (version) order, each in its own transaction unless it says {@code -- atlas:txmode none}.
 */
public final class AtlasFormat implements MigrationFormat {
    static final MigrationTool ATLAS = new MigrationTool("atlas");
    private static final String SUM = "atlas.sum";
    private static final Pattern NO_TRANSACTION = Pattern.compile("(?mi)^\\s*--\\s*atlas:txmode\\s+none\\b");

    @Override
    public MigrationTool tool() {
        return ATLAS;
    }

    /** The sum file marks the directory before any file-name convention can claim its files. */
    @Override
    public int precedence() {
        return 15;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) {
        Set<String> atlasDirectories = new HashSet<>();
        for (String path : candidates) {
            if (PathNames.fileName(path).equals(SUM)) {
                atlasDirectories.add(PathNames.parent(path));
            }
        }
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            if (path.endsWith(".sql") && atlasDirectories.contains(PathNames.parent(path))) {
                out.add(new Claim(path, PathNames.parent(path)));
            }
        }
        return out;
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
        return Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        String name = PathNames.fileName(path);
        int underscore = name.indexOf('_');
        String version = underscore > 0 ? name.substring(0, underscore) : PathNames.baseName(path);
        return new MigrationScript(path, ATLAS, version, content,
                new ScriptLines(content).whole(!NO_TRANSACTION.matcher(content).find()));
    }

    @Override
    public String runOutsideTransaction() {
        return "Atlas: put it in a migration file of its own that starts with `-- atlas:txmode none`.";
    }
}
