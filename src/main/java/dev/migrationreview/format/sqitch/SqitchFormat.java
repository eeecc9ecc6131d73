package dev.migrationreview.format.sqitch;

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
import java.util.Optional;
import java.util.Set;

/**
 * sqitch: {@code sqitch.plan} names the changes in order; each change's deploy script
 * ({@code deploy/<change>.sql}, or where {@code sqitch.conf} puts {@code top_dir}/{@code deploy_dir}) is run
 * through psql without a transaction of its own: the BEGIN/COMMIT its templates write into each script is the
 * script's own, seen as statements.
 */
public final class SqitchFormat implements MigrationFormat {
    private static final String PLAN = "sqitch.plan";

    @Override
    public MigrationTool tool() {
        return MigrationTool.SQITCH;
    }

    /** The plan claims its deploy scripts before any file-name convention can. */
    @Override
    public int precedence() {
        return 10;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) throws IOException {
        List<Claim> out = new ArrayList<>();
        Set<String> open = new HashSet<>(candidates);
        for (String path : candidates) {
            if (PathNames.fileName(path).equals(PLAN)) {
                String root = PathNames.parent(path);
                out.add(new Claim(path, root));
                for (MigrationScript s : deployScripts(path, context)) {
                    if (open.remove(s.path())) {
                        out.add(new Claim(s.path(), root));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public boolean holds(String path) {
        return path.endsWith(".sql") || PathNames.fileName(path).equals(PLAN);
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        Set<String> inside = new HashSet<>(paths);
        String ownPlan = PathNames.join(root, PLAN);
        List<String> plans = inside.contains(ownPlan) ? List.of(ownPlan)
                : paths.stream().filter(p -> PathNames.fileName(p).equals(PLAN)).sorted(NaturalOrder.NATURAL).toList();
        List<MigrationScript> out = new ArrayList<>();
        for (String plan : plans) {
            for (MigrationScript s : deployScripts(plan, context)) {
                if (inside.contains(s.path())) {
                    out.add(s);
                }
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
        return new MigrationScript(path, MigrationTool.SQITCH, PathNames.baseName(path), content, new ScriptLines(content).whole(false));
    }

    @Override
    public AppliedEdit appliedEdit() {
        return new AppliedEdit(false, "sqitch records deployed changes and never deploys this one again.",
                "or change a deployed change with `sqitch rework`");
    }

    @Override
    public String runOutsideTransaction() {
        return "Sqitch: keep it out of the change's BEGIN ... COMMIT, in a change of its own.";
    }

    /** The deploy scripts a plan names, in plan order. */
    private static List<MigrationScript> deployScripts(String planPath, FormatContext context) throws IOException {
        String dir = PathNames.parent(planPath);
        Optional<String> conf = context.readIfPresent(PathNames.join(dir, "sqitch.conf"));
        String topDir = conf.map(c -> SqitchPlan.coreSetting(c, "top_dir")).map(PathNames::trimDotSlash).orElse("");
        String deployDir = conf.map(c -> SqitchPlan.coreSetting(c, "deploy_dir")).map(PathNames::trimDotSlash)
                .orElse(PathNames.join(topDir, "deploy"));
        List<MigrationScript> out = new ArrayList<>();
        for (SqitchPlan.Change change : SqitchPlan.parse(context.read(planPath))) {
            String script = PathNames.join(PathNames.join(dir, deployDir), change.scriptName() + ".sql");
            Optional<String> content = context.readIfPresent(script);
            if (content.isPresent()) {
                out.add(new MigrationScript(script, MigrationTool.SQITCH, change.name(), content.get(),
                        new ScriptLines(content.get()).whole(false)));
            }
        }
        return out;
    }
}
