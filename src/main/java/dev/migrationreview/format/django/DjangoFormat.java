package dev.migrationreview.format.django;

import dev.migrationreview.format.ConnectionSetting;
import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.Operation;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.django.DjangoMigration.Dependency;
import dev.migrationreview.format.django.DjangoMigration.MigrationKey;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.format.DialectEvidence;
import java.util.Optional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * {@code <app>/migrations/<name>.py} holding a {@code Migration} class. Every app of the repository is one location
     * (root {@code ""}): Django's graph crosses apps, wherever their folders sit.
     */
    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) throws IOException {
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            if (isMigrationPath(path) && context.read(path).contains("Migration")) {
                out.add(new Claim(path, ""));
            }
        }
        return out;
    }

    /**
     * The backend of the project's settings ({@code ENGINE}, or a {@code dj_database_url} default), when the repository
     * holds Django migrations and its settings name one reviewable backend.
     */
    @Override
    public Optional<DialectEvidence> detectDialect(FormatContext context) throws IOException {
        List<String> migrations = context.files().paths().stream().filter(DjangoFormat::isMigrationPath).toList();
        if (migrations.isEmpty()) {
            return Optional.empty();
        }
        DjangoSetup setup = DjangoSetup.read(context.files(), migrations);
        Optional<Dialect> backend = setup.backend();
        if (backend.isEmpty()) {
            return Optional.empty();
        }
        DjangoSetup.Engine engine = setup.engines().stream().filter(e -> e.dialect().equals(backend)).findFirst().orElseThrow();
        String setting = engine.engine().endsWith("://") ? "database URL " + engine.engine() + "..." : "ENGINE " + engine.engine();
        return Optional.of(new DialectEvidence(backend.get(), engine.path(), setting));
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<String> migrationPaths = paths.stream().filter(DjangoFormat::isMigrationPath).toList();
        DjangoSetup project = DjangoSetup.read(context.files(), migrationPaths);
        Map<MigrationKey, DjangoMigration> byKey = new LinkedHashMap<>();
        List<MigrationGraph.Header> headers = new ArrayList<>();
        List<DjangoMigration> read = new ArrayList<>();
        for (String path : migrationPaths) {
            DjangoMigration m = labelled(reader.read(path, context.read(path)), project);
            read.add(m);
            byKey.putIfAbsent(m.key(), m);
            headers.add(header(m));
        }
        MigrationGraph graph = MigrationGraph.of(headers, project.swappableApps());
        Map<String, List<Operation>> graphFindings = graphFindings(graph, read, context);
        DjangoTranslator translator = new DjangoTranslator(context, DjangoVersion.parse(project.release().version()));
        // what the settings' OPTIONS set on the connection to the database these migrations are reviewed for
        List<ConnectionSetting> connection = project.engines().stream()
                .filter(e -> e.dialect().isPresent() && (e.dialect().get() == context.dialect()
                        || (e.dialect().get() == Dialect.MYSQL && context.dialect() == Dialect.MARIADB)))
                .findFirst().map(DjangoSetup.Engine::connection).orElse(List.of());
        ProjectState state = new ProjectState();
        project.swappableModels().forEach(state::setSwappable);
        List<MigrationScript> out = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (MigrationGraph.Header h : graph.plan()) {
            DjangoMigration m = byKey.get(new MigrationKey(h.key().app(), h.key().name()));
            planned.add(m.path());
            List<Operation> operations = new ArrayList<>(graphFindings.getOrDefault(m.path(), List.of()));
            operations.addAll(translator.apply(state, m).operations());
            out.add(script(m, operations, context.read(m.path())).withConnection(connection));
        }
        // nothing silent: a migration the graph left out (a second app with the same label) is shown with why
        for (DjangoMigration m : read) {
            List<Operation> findings = graphFindings.get(m.path());
            if (!planned.contains(m.path()) && findings != null && !graph.replaced().contains(new MigrationGraph.Key(m.key().app(), m.key().name()))) {
                out.add(script(m, findings, context.read(m.path())));
            }
        }
        return out;
    }

    /** The migration under its app's label (an {@code AppConfig.label} differs from the folder's name). */
    private static DjangoMigration labelled(DjangoMigration m, DjangoSetup project) {
        String label = project.appLabel(m.path());
        if (label.equals(m.key().app())) {
            return m;
        }
        return new DjangoMigration(m.path(), new MigrationKey(label, m.key().name()), m.dependencies(), m.runBefore(), m.replaces(),
                m.initial(), m.atomic(), m.operations(), m.problem(), m.classLine());
    }

    private static MigrationGraph.Header header(DjangoMigration m) {
        int classLine = m.classLine();
        List<MigrationGraph.Reference> dependencies = new ArrayList<>();
        for (Dependency d : m.dependencies()) {
            dependencies.add(d.swappableSetting() != null ? MigrationGraph.Reference.swappable(d.swappableSetting(), d.line())
                    : new MigrationGraph.Reference(d.key().app(), d.key().name(), d.line()));
        }
        return new MigrationGraph.Header(new MigrationGraph.Key(m.key().app(), m.key().name()), m.path(), classLine, dependencies,
                m.runBefore().stream().map(k -> new MigrationGraph.Reference(k.app(), k.name(), classLine)).toList(),
                m.replaces().stream().map(k -> new MigrationGraph.Reference(k.app(), k.name(), classLine)).toList(),
                Boolean.TRUE.equals(m.initial()));
    }

    /**
     * What Django refuses about the graph, as operations at the migrations concerned: {@code migrate} stops before
     * running anything, so the author must hear it on the migration's lines.
     */
    private static Map<String, List<Operation>> graphFindings(MigrationGraph graph, List<DjangoMigration> read, FormatContext context)
            throws IOException {
        Map<String, List<Operation>> out = new HashMap<>();
        Map<MigrationGraph.Key, String> paths = new HashMap<>();
        Map<String, Integer> classLines = new HashMap<>();
        for (DjangoMigration m : read) {
            paths.putIfAbsent(new MigrationGraph.Key(m.key().app(), m.key().name()), m.path());
            classLines.put(m.path(), m.classLine());
        }
        // what stops the loader first (a missing migration) comes first
        for (MigrationGraph.Problem p : graph.problems()) {
            out.computeIfAbsent(p.path(), x -> new ArrayList<>()).add(refusal(p.line(), "Migration graph", p.message()));
        }
        for (MigrationGraph.Conflict c : graph.conflicts()) {
            String names = String.join(", ", c.leaves().stream().map(MigrationGraph.Key::name).toList());
            for (MigrationGraph.Key leaf : c.leaves()) {
                String path = paths.get(leaf);
                int line = classLines.get(path);
                out.computeIfAbsent(path, p -> new ArrayList<>()).add(refusal(line, "Conflicting migrations in app " + c.app(),
                        "app '" + c.app() + "' has several leaf migrations (" + names + "), so `manage.py migrate` stops with"
                                + " \"Conflicting migrations detected\" before running anything. Make one depend on the other, or run"
                                + " `python manage.py makemigrations --merge` and commit the merge migration"));
            }
        }
        if (!graph.cycle().isEmpty()) {
            String loop = String.join(" -> ", graph.cycle().stream().map(MigrationGraph.Key::toString).toList());
            for (MigrationGraph.Key key : graph.cycle()) {
                String path = paths.get(key);
                int line = classLines.get(path);
                out.computeIfAbsent(path, p -> new ArrayList<>()).add(refusal(line, "Migration dependency cycle",
                        "these migrations depend on each other in a circle (" + loop + "), so Django cannot order them and"
                                + " `manage.py migrate` stops (CircularDependencyError). Remove the dependency that points back"));
            }
        }
        return out;
    }

    private static Operation refusal(int line, String what, String why) {
        return new Operation(new SourceSpan(line, 1, line, 1), what, List.of(), true, why, true);
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
        return MigrationScript.ofOperations(m.path(), DJANGO, m.key().toString(), content, withIgnoreDirectives(operations, content));
    }

    /**
     * A {@code # migration-review:ignore <rule> <reason>} comment on the lines right above an operation applies to the
     * statements it translates to: they carry it as a SQL comment, where the engine reads directives.
     */
    private static List<Operation> withIgnoreDirectives(List<Operation> operations, String content) {
        String[] lines = content.split("\n", -1);
        List<Operation> out = new ArrayList<>(operations.size());
        for (Operation op : operations) {
            List<String> directives = new ArrayList<>();
            for (int line = op.span().startLine() - 2; line >= 0 && line < lines.length; line--) {
                String text = lines[line].strip();
                if (!text.startsWith("#")) {
                    break;
                }
                if (text.contains("migration-review:")) {
                    directives.add(0, "-- " + text.substring(1).strip());
                }
            }
            if (directives.isEmpty() || op.sql().isEmpty()) {
                out.add(op);
            } else {
                String prefix = String.join("\n", directives) + "\n";
                out.add(new Operation(op.span(), op.written(), op.sql().stream().map(sql -> prefix + sql).toList(), op.transactional(),
                        op.untranslated(), op.refused(), op.acknowledged()));
            }
        }
        return out;
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
        // Django loads every module of the package except those starting with _ or ~ (its loader's rule)
        return !name.startsWith("_") && !name.startsWith("~") && (dir.equals("migrations") || dir.endsWith("/migrations"));
    }
}
