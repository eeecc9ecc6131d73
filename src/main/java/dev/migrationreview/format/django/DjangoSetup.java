package dev.migrationreview.format.django;

import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.format.ConnectionSetting;
import dev.migrationreview.format.django.PythonValue.Call;
import dev.migrationreview.format.django.PythonValue.Mapping;
import dev.migrationreview.format.django.PythonValue.Str;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * What a Django project says about itself, read without running it: the database backend of its settings
 * ({@code DATABASES = {"default": {"ENGINE": ...}}}, or a {@code dj_database_url} / django-environ URL with its
 * default), the Django release of its dependency files, its user model ({@code AUTH_USER_MODEL}), and the
 * label of each app that has migrations (the folder's name, or {@code label = ...} in its {@code apps.py}).
 * Settings that depend on the environment give what they say without it; where they name several backends,
 * the config's {@code dialect} decides.
 *
 * @param release       the Django release the schema editor is taken from
 * @param engines       every database backend the settings name, each where it is written
 * @param swappableModels for each swappable model setting the project sets, the model it names
 *                        ({@code AUTH_USER_MODEL = "accounts.User"})
 * @param appLabels     for each app folder holding {@code migrations/} (repository-relative, {@code shop/orders}),
 *                      its app label
 * @param problems      what could not be read, one sentence each naming path:line
 */
public record DjangoSetup(DjangoRelease release, List<Engine> engines, Map<String, String> swappableModels,
        Map<String, String> appLabels, List<String> problems) {
    /** More settings files than any project has: a bound on files read through the GitHub API. */
    private static final int MAX_SETTINGS_FILES = 40;

    public DjangoSetup {
        engines = List.copyOf(engines);
        swappableModels = Map.copyOf(swappableModels);
        appLabels = Map.copyOf(appLabels);
        problems = List.copyOf(problems);
    }

    /**
     * One backend the settings name.
     *
     * @param engine as written: {@code django.db.backends.postgresql}, or the URL's scheme ({@code postgres://})
     */
    public record Engine(String engine, String path, int line, List<ConnectionSetting> connection) {
        public Engine {
            connection = List.copyOf(connection);
        }

        /** A backend whose OPTIONS set nothing on the connection. */
        public Engine(String engine, String path, int line) {
            this(engine, path, line, List.of());
        }

        /** The dialect the backend speaks; empty for a backend migration-review does not review (SQLite, Oracle). */
        public Optional<Dialect> dialect() {
            String e = engine.toLowerCase(Locale.ROOT);
            if (e.contains("postgis") || e.contains("postgres") || e.startsWith("pgsql") || e.contains("psycopg")) {
                return Optional.of(Dialect.POSTGRESQL);
            }
            if (e.contains("mysql") || e.contains("mariadb")) {
                // Django's one mysql backend serves both; config's dialect: mariadb says which server it is
                return Optional.of(Dialect.MYSQL);
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return engine + " (" + path + ":" + line + ")";
        }
    }

    /**
     * The backend the settings agree on: the one dialect every reviewable backend they name speaks. Empty when they
     * name none (SQLite only, or a value from the environment) or several (PostgreSQL or MySQL chosen by an
     * environment variable): then config's {@code dialect} (default PostgreSQL) applies.
     */
    public Optional<Dialect> backend() {
        Set<Dialect> named = new LinkedHashSet<>();
        for (Engine e : engines) {
            e.dialect().ifPresent(named::add);
        }
        return named.size() == 1 ? Optional.of(named.iterator().next()) : Optional.empty();
    }

    /** For each swappable setting the project sets, the app label of its model ({@code accounts}). */
    public Map<String, String> swappableApps() {
        Map<String, String> out = new LinkedHashMap<>();
        swappableModels.forEach((setting, model) -> out.put(setting, model.substring(0, model.indexOf('.'))));
        return out;
    }

    /** The app label of the app whose migrations are at {@code path} ({@code shop/orders/migrations/0001_initial.py}). */
    public String appLabel(String migrationPath) {
        String appFolder = appFolder(migrationPath);
        String label = appLabels.get(appFolder);
        if (label != null) {
            return label;
        }
        return appFolder.contains("/") ? appFolder.substring(appFolder.lastIndexOf('/') + 1) : appFolder;
    }

    /** {@code shop/orders} of {@code shop/orders/migrations/0001_initial.py}. */
    static String appFolder(String migrationPath) {
        int at = migrationPath.lastIndexOf("/migrations/");
        return at < 0 ? "" : migrationPath.substring(0, at);
    }

    /** Reads the project around the migrations at {@code migrationPaths}. */
    public static DjangoSetup read(RepositoryFiles files, List<String> migrationPaths) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Engine> engines = new ArrayList<>();
        Map<String, String> swappable = new LinkedHashMap<>();
        List<DjangoRelease> releases = new ArrayList<>();
        int settingsRead = 0;
        for (String path : files.paths()) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (DjangoRelease.isDependencyFile(name)) {
                files.read(path).flatMap(text -> DjangoRelease.of(path, text)).ifPresent(releases::add);
            } else if (isSettings(path) && settingsRead < MAX_SETTINGS_FILES) {
                settingsRead++;
                Optional<String> text = files.read(path);
                if (text.isPresent()) {
                    readSettings(path, text.get(), engines, swappable, problems);
                }
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Set<String> appFolders = new LinkedHashSet<>();
        for (String p : migrationPaths) {
            appFolders.add(appFolder(p));
        }
        for (String folder : appFolders) {
            String appsPy = (folder.isEmpty() ? "" : folder + "/") + "apps.py";
            Optional<String> text = files.read(appsPy);
            if (text.isPresent()) {
                label(appsPy, text.get()).ifPresent(l -> labels.put(folder, l));
            }
        }
        return new DjangoSetup(DjangoRelease.best(releases), engines, swappable, labels, problems);
    }

    /**
     * A settings module by its name: {@code settings.py}, {@code settings_prod.py}, {@code local_settings.py}, any
     * module of a {@code settings/} package, or a {@code configuration.py} beside them (NetBox's). Test settings are
     * not the production database.
     */
    static boolean isSettings(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".py") || lower.contains("/migrations/") || lower.contains("/tests/") || lower.startsWith("tests/")
                || lower.contains("/test/") || lower.contains("node_modules/")) {
            return false;
        }
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        if (name.startsWith("test")) {
            return false;
        }
        String parent = lower.contains("/") ? lower.substring(0, lower.lastIndexOf('/')) : "";
        String parentName = parent.substring(parent.lastIndexOf('/') + 1);
        return name.contains("settings") || parentName.equals("settings") || name.startsWith("configuration");
    }

    private static void readSettings(String path, String content, List<Engine> engines, Map<String, String> swappable,
            List<String> problems) {
        PythonSource source;
        try {
            source = PythonSource.parse(content);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            problems.add(path + ": the Python parser failed on this settings file (" + e.getMessage() + ")");
            return;
        }
        source.rememberModuleAssignments();
        List<TSNode> assignments = new ArrayList<>();
        assignments(source.root(), assignments, 0);
        for (TSNode assignment : assignments) {
            TSNode left = assignment.getChildByFieldName("left");
            TSNode right = assignment.getChildByFieldName("right");
            if (left.isNull() || right.isNull() || !"identifier".equals(left.getType())) {
                continue;
            }
            String target = source.text(left);
            if (target.equals("DATABASES")) {
                int before = engines.size();
                databases(source.value(right), path, source.startLine(right), engines);
                if (engines.size() == before && !isIndirection(source.value(right))) {
                    problems.add(path + ":" + source.startLine(assignment) + ": DATABASES does not name its ENGINE as a string"
                            + " migration-review can read; the dialect comes from config (`dialect:`, default postgresql).");
                }
            } else if (target.endsWith("_MODEL") && source.value(right) instanceof Str model && model.value().contains(".")) {
                // AUTH_USER_MODEL = "accounts.User", and third-party swappable models (OAUTH2_PROVIDER_APPLICATION_MODEL)
                swappable.putIfAbsent(target, model.value());
            }
        }
    }

    /** {@code getattr(configuration, "DATABASES", ...)}: the value is in another settings file, read on its own. */
    private static boolean isIndirection(PythonValue value) {
        return value instanceof Call call && call.name().equals("getattr");
    }

    /** Every assignment statement in the file, in order, inside {@code if}/{@code try}/{@code with} blocks too. */
    private static void assignments(TSNode node, List<TSNode> out, int depth) {
        if (depth > 50) {
            return;
        }
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            TSNode child = node.getNamedChild(i);
            String type = child.getType();
            if ("expression_statement".equals(type) && child.getNamedChildCount() == 1
                    && "assignment".equals(child.getNamedChild(0).getType())) {
                out.add(child.getNamedChild(0));
            } else if (!"function_definition".equals(type) && !"class_definition".equals(type)
                    && !"expression_statement".equals(type)) {
                assignments(child, out, depth + 1);
            }
        }
    }

    /** The engines of {@code DATABASES}' {@code default} entry (every entry when none is called default). */
    private static void databases(PythonValue value, String path, int line, List<Engine> out) {
        if (value instanceof Call call && call.name().equals("getattr") && call.args().size() >= 3) {
            databases(call.args().get(2), path, line, out);
            return;
        }
        if (!(value instanceof Mapping mapping)) {
            return;
        }
        List<PythonValue> connections = new ArrayList<>();
        mapping.get("default").ifPresent(connections::add);
        if (connections.isEmpty()) {
            mapping.entries().forEach(e -> connections.add(e.getValue()));
        }
        for (PythonValue connection : connections) {
            engine(connection, path, line).ifPresent(out::add);
        }
    }

    private static Optional<Engine> engine(PythonValue connection, String path, int line) {
        if (connection instanceof Mapping settings) {
            Optional<PythonValue> engine = settings.get("ENGINE");
            if (engine.isPresent() && engine.get() instanceof Str s) {
                return Optional.of(new Engine(s.value(), path, lineOf(engine.get(), line), connection(settings, path, line)));
            }
            return Optional.empty();
        }
        if (connection instanceof Call call) {
            // dj_database_url.config(default="postgres://..."), dj_database_url.parse("..."), env.db("DATABASE_URL", default=...)
            String url = call.string("default", -1);
            if (url == null && (call.name().equals("parse") || call.name().equals("db_url") || call.name().equals("db"))) {
                String first = call.string("url", 0);
                url = first != null && first.contains("://") ? first : null;
            }
            if (url != null && url.contains("://")) {
                return Optional.of(new Engine(url.substring(0, url.indexOf("://") + 3), path, call.startLine()));
            }
        }
        return Optional.empty();
    }

    /** PostgreSQL's {@code -c lock_timeout=5s} in libpq's {@code options}. */
    private static final Pattern LIBPQ_LOCK_TIMEOUT = Pattern.compile("(?:-c\\s*|--)lock_timeout=([^\\s]+)");
    /** {@code SET [SESSION] lock_wait_timeout = 10} (or one of several assignments) in MySQL's {@code init_command}. */
    private static final Pattern INIT_LOCK_WAIT_TIMEOUT =
            Pattern.compile("(?i)\\b(?:@@session\\.|session\\s+)?lock_wait_timeout\\s*=\\s*(\\d+)");

    /**
     * What the connection's {@code OPTIONS} set on every connection Django opens, before any migration runs: libpq's
     * {@code options} ({@code "-c lock_timeout=5s"}) for PostgreSQL, {@code init_command} for MySQL and MariaDB.
     */
    private static List<ConnectionSetting> connection(Mapping settings, String path, int line) {
        Optional<PythonValue> options = settings.get("OPTIONS");
        if (options.isEmpty() || !(options.get() instanceof Mapping mapping)) {
            return List.of();
        }
        List<ConnectionSetting> out = new ArrayList<>();
        if (mapping.get("options").orElse(null) instanceof Str libpq) {
            Matcher m = LIBPQ_LOCK_TIMEOUT.matcher(libpq.value());
            if (m.find()) {
                out.add(new ConnectionSetting("lock_timeout", m.group(1), path + ":" + line + " (DATABASES OPTIONS options)"));
            }
        }
        if (mapping.get("init_command").orElse(null) instanceof Str init) {
            Matcher m = INIT_LOCK_WAIT_TIMEOUT.matcher(init.value());
            if (m.find()) {
                out.add(new ConnectionSetting("lock_wait_timeout", m.group(1), path + ":" + line + " (DATABASES OPTIONS init_command)"));
            }
        }
        return out;
    }

    private static int lineOf(PythonValue value, int otherwise) {
        return value instanceof Call c ? c.startLine() : otherwise;
    }

    /** {@code label = "..."} of the app's {@code AppConfig} in its {@code apps.py}. */
    static Optional<String> label(String path, String content) {
        PythonSource source;
        try {
            source = PythonSource.parse(content);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return Optional.empty();
        }
        TSNode root = source.root();
        for (int i = 0; i < root.getNamedChildCount(); i++) {
            TSNode node = root.getNamedChild(i);
            if ("decorated_definition".equals(node.getType())) {
                node = node.getChildByFieldName("definition");
            }
            if (node.isNull() || !"class_definition".equals(node.getType())) {
                continue;
            }
            TSNode body = node.getChildByFieldName("body");
            for (int j = 0; !body.isNull() && j < body.getNamedChildCount(); j++) {
                TSNode statement = body.getNamedChild(j);
                if (!"expression_statement".equals(statement.getType()) || statement.getNamedChildCount() != 1
                        || !"assignment".equals(statement.getNamedChild(0).getType())) {
                    continue;
                }
                TSNode assignment = statement.getNamedChild(0);
                TSNode left = assignment.getChildByFieldName("left");
                TSNode right = assignment.getChildByFieldName("right");
                if (!left.isNull() && !right.isNull() && source.text(left).equals("label")
                        && source.value(right) instanceof Str s && !s.value().isBlank()) {
                    return Optional.of(s.value());
                }
            }
        }
        return Optional.empty();
    }
}
