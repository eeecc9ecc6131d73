package dev.migrationreview.format.django;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.Operation;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.django.DjangoMigration.Dependency;
import dev.migrationreview.format.django.DjangoMigration.MigrationKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Django migrations: {@code <app>/migrations/*.py}, each read by {@link MigrationReader}, replayed in order onto one
 * {@link ProjectState} and translated by {@link DjangoTranslator} into the SQL Django's schema editor sends, at the
 * Python lines of each operation. A migration runs in one transaction on a backend that can roll back DDL unless
 * its class says {@code atomic = False}.
 *
 * <p>The order here follows each migration's {@code dependencies} within the files given, a squashed migration
 * standing for the ones it replaces; the full migration graph (leaf nodes, {@code run_before}, settings) is the
 * project-level part of this format.
 */
public final class DjangoFormat implements MigrationFormat {
    public static final MigrationTool DJANGO = new MigrationTool("django");

    private final MigrationReader reader = new MigrationReader();

    @Override
    public MigrationTool tool() {
        return DJANGO;
    }

    /** Python files are no other format's: any place before the SQL name conventions will do. */
    @Override
    public int precedence() {
        return 80;
    }

    @Override
    public boolean holds(String path) {
        return isMigrationPath(path);
    }

    /** {@code <app>/migrations/<name>.py} holding a {@code Migration} class, with the project (the directory of {@code manage.py}) as root. */
    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) throws IOException {
        List<Claim> out = new ArrayList<>();
        Set<String> manageDirs = new HashSet<>();
        for (String p : context.files().paths()) {
            if (PathNames.fileName(p).equals("manage.py")) {
                manageDirs.add(PathNames.parent(p));
            }
        }
        for (String path : candidates) {
            if (isMigrationPath(path) && context.read(path).contains("Migration")) {
                out.add(new Claim(path, projectRoot(path, manageDirs)));
            }
        }
        return out;
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<DjangoMigration> migrations = new ArrayList<>();
        for (String path : paths) {
            if (isMigrationPath(path)) {
                migrations.add(reader.read(path, context.read(path)));
            }
        }
        DjangoTranslator translator = new DjangoTranslator(context, DjangoVersion.LATEST);
        ProjectState state = new ProjectState();
        List<MigrationScript> out = new ArrayList<>();
        for (DjangoMigration m : order(migrations)) {
            out.add(script(m, translator.apply(state, m).operations(), context.read(m.path())));
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        return isMigrationPath(path) && content.contains("migrations.Migration") ? Recognition.MARKERS : Recognition.NONE;
    }

    /** A lone migration: translated against an empty state (models it does not create get Django's default names). */
    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        DjangoMigration m = reader.read(path, content);
        return script(m, new DjangoTranslator(context, DjangoVersion.LATEST).apply(new ProjectState(), m).operations(), content);
    }

    private MigrationScript script(DjangoMigration m, List<Operation> operations, String content) {
        return MigrationScript.ofOperations(m.path(), DJANGO, m.key().toString(), content, operations);
    }

    @Override
    public String runOutsideTransaction() {
        return "Django: put the operation in a migration of its own whose class sets `atomic = False`.";
    }

    /** A statement a rule proposes, as the Django operation that sends it. */
    @Override
    public String writeSql(String sql) {
        return DjangoFix.runSql(sql);
    }

    @Override
    public Fix fix(String rule, String fix, String suggestion, String sql, Operation operation, MigrationScript script) {
        return DjangoFix.of(rule, fix, suggestion, sql, operation, script);
    }

    @Override
    public AppliedEdit appliedEdit() {
        return new AppliedEdit(false, "Django records applied migrations by app and name in `django_migrations` and never runs"
                + " an applied one again: the edit reaches new databases only, and production keeps what the old version did.",
                "Put the change in a new migration instead.");
    }

    static boolean isMigrationPath(String path) {
        if (!path.endsWith(".py")) {
            return false;
        }
        String name = PathNames.fileName(path);
        String dir = PathNames.parent(path);
        return !name.startsWith("__") && (dir.equals("migrations") || dir.endsWith("/migrations"));
    }

    /** The nearest directory above the app holding {@code manage.py}; else the repository root. */
    private static String projectRoot(String path, Set<String> manageDirs) {
        String dir = PathNames.parent(PathNames.parent(PathNames.parent(path)));
        while (true) {
            if (manageDirs.contains(dir)) {
                return dir;
            }
            if (dir.isEmpty()) {
                return "";
            }
            dir = PathNames.parent(dir);
        }
    }

    /**
     * Dependencies first (Kahn's algorithm), ties in app and name order; a squashed migration stands for those it
     * replaces, as on a fresh database. A dependency outside the given files is left out; a cycle keeps file order.
     */
    static List<DjangoMigration> order(List<DjangoMigration> migrations) {
        Set<MigrationKey> replaced = new HashSet<>();
        for (DjangoMigration m : migrations) {
            replaced.addAll(m.replaces());
        }
        Map<MigrationKey, DjangoMigration> byKey = new LinkedHashMap<>();
        Map<MigrationKey, MigrationKey> replacedBy = new HashMap<>();
        for (DjangoMigration m : migrations) {
            if (!replaced.contains(m.key())) {
                byKey.put(m.key(), m);
                m.replaces().forEach(r -> replacedBy.put(r, m.key()));
            }
        }
        Comparator<DjangoMigration> byName = Comparator.comparing((DjangoMigration m) -> m.key().app())
                .thenComparing(m -> m.key().name());
        Map<String, List<MigrationKey>> perApp = new HashMap<>();
        byKey.values().stream().sorted(byName).forEach(m -> perApp.computeIfAbsent(m.key().app(), a -> new ArrayList<>()).add(m.key()));
        Map<MigrationKey, Set<MigrationKey>> needs = new HashMap<>();
        Map<MigrationKey, Set<MigrationKey>> neededBy = new HashMap<>();
        for (DjangoMigration m : byKey.values()) {
            Set<MigrationKey> deps = new HashSet<>();
            for (Dependency d : m.dependencies()) {
                MigrationKey k = resolve(d.key(), perApp, replacedBy);
                if (k != null && byKey.containsKey(k) && !k.equals(m.key())) {
                    deps.add(k);
                }
            }
            for (DjangoMigration other : byKey.values()) {
                for (MigrationKey before : other.runBefore()) {
                    if (before.equals(m.key())) {
                        deps.add(other.key());
                    }
                }
            }
            needs.put(m.key(), deps);
            deps.forEach(d -> neededBy.computeIfAbsent(d, x -> new HashSet<>()).add(m.key()));
        }
        PriorityQueue<DjangoMigration> ready = new PriorityQueue<>(byName);
        Map<MigrationKey, Integer> waiting = new HashMap<>();
        for (DjangoMigration m : byKey.values()) {
            waiting.put(m.key(), needs.get(m.key()).size());
            if (needs.get(m.key()).isEmpty()) {
                ready.add(m);
            }
        }
        List<DjangoMigration> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            DjangoMigration m = ready.poll();
            out.add(m);
            for (MigrationKey next : neededBy.getOrDefault(m.key(), Set.of())) {
                if (waiting.merge(next, -1, Integer::sum) == 0) {
                    ready.add(byKey.get(next));
                }
            }
        }
        if (out.size() < byKey.size()) {
            byKey.values().stream().filter(m -> !out.contains(m)).sorted(byName).forEach(out::add);
        }
        return out;
    }

    private static MigrationKey resolve(MigrationKey key, Map<String, List<MigrationKey>> perApp, Map<MigrationKey, MigrationKey> replacedBy) {
        List<MigrationKey> app = perApp.get(key.app());
        if (key.name().equals("__first__")) {
            return app == null || app.isEmpty() ? null : app.get(0);
        }
        if (key.name().equals("__latest__")) {
            return app == null || app.isEmpty() ? null : app.get(app.size() - 1);
        }
        return replacedBy.getOrDefault(key, key);
    }
}
