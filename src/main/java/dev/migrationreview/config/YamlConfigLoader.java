package dev.migrationreview.config;

import dev.migrationreview.config.ReviewConfig.DeployStrategy;
import dev.migrationreview.config.ReviewConfig.MigrationLocation;
import dev.migrationreview.config.ReviewConfig.RuleSetting;
import dev.migrationreview.config.ReviewConfig.TableFacts;
import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.dialect.InstalledDialects;
import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.format.InstalledFormats;
import dev.migrationreview.format.PathGlob;
import dev.migrationreview.format.TransactionSetting;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.tablestats.TableStatistics;
import dev.migrationreview.tablestats.TableStatsFile;
import dev.migrationreview.tablestats.TableStatsFileException;
import dev.migrationreview.tablestats.TableStatsSnapshot;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code .github/migration-review.yml} (or {@code .migration-review.yml}) with SnakeYAML's node API,
 * so every error can name the key as a dotted path and the line it is on. Only the keys in
 * docs/configuration.md are accepted: a typo must not silently fall back to a default.
 */
@Singleton
public final class YamlConfigLoader implements ConfigLoader {
    /** Where a repository's config may live, first found wins. */
    public static final List<String> CONFIG_PATHS = List.of(".github/migration-review.yml", ".migration-review.yml");

    private static final Set<String> TOP_KEYS = Set.of("dialect", "database-version", "migrations", "schema-file", "deploy",
            "fail-on", "comment-on", "large-table-rows", "tables", "table-stats", "rules", "ignore-paths", "review-limits");
    /** Tool names the config contract reserves for formats still to come: an error says so rather than "unknown". */
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]i?b|b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNT = Pattern.compile("\\d[\\d_]*");

    public YamlConfigLoader() {
    }

    @Override
    public ReviewConfig load(RepositoryFiles files) throws IOException {
        for (String path : CONFIG_PATHS) {
            Optional<String> text = files.read(path);
            if (text.isPresent()) {
                return parse(path, text.get(), files);
            }
        }
        for (String path : CONFIG_PATHS) {
            // a config the tool would silently skip is worse than an error: the user believes it applies
            String misnamed = path.replace(".yml", ".yaml");
            if (files.read(misnamed).isPresent()) {
                throw new ConfigException(misnamed, null, 0, "not read: the config file must be named " + path);
            }
        }
        return ReviewConfig.defaults();
    }

    @Override
    public boolean namesDialect(RepositoryFiles files) throws IOException {
        for (String path : CONFIG_PATHS) {
            Optional<String> text = files.read(path);
            if (text.isPresent()) {
                return DIALECT_KEY.matcher(text.get()).find();
            }
        }
        return false;
    }

    /** A top-level {@code dialect:} key (config keys are never indented at the top level). */
    private static final Pattern DIALECT_KEY = Pattern.compile("(?m)^dialect\\s*:");

    @Override
    public ReviewConfig parse(String path, String yaml) {
        return parse(path, yaml, new DirectoryRepositoryFiles(Path.of("")));
    }

    @Override
    public ReviewConfig parse(String path, String yaml, RepositoryFiles tableStatsFrom) {
        Parse parse = new Parse(path);
        Parsed parsed = parse.config(compose(path, yaml));
        if (parsed.tableStats() == null) {
            return parsed.config();
        }
        ReviewConfig c = parsed.config();
        Map<String, TableFacts> tables = withTableStats(c.tables(), readTableStats(path, parsed, tableStatsFrom));
        return new ReviewConfig(c.dialect(), c.version(), c.migrations(), c.schemaFile(), c.deploy(), c.failOn(),
                c.largeTableRows(), tables, c.rules(), c.ignorePaths(), c.commentOn(), c.limits());
    }

    private static TableStatsSnapshot readTableStats(String configPath, Parsed parsed, RepositoryFiles files) {
        Optional<String> text;
        try {
            text = files.read(parsed.tableStats());
        } catch (IOException e) {
            throw new ConfigException(configPath, "table-stats", parsed.tableStatsLine(), parsed.tableStats()
                    + ": cannot read it (" + e.getMessage() + ")");
        }
        if (text.isEmpty()) {
            throw new ConfigException(configPath, "table-stats", parsed.tableStatsLine(), parsed.tableStats()
                    + ": no such file (write it with `migration-review table-stats --out " + parsed.tableStats() + "`)");
        }
        try {
            return TableStatsFile.read(parsed.tableStats(), text.get());
        } catch (TableStatsFileException e) {
            throw new ConfigException(configPath, "table-stats", parsed.tableStatsLine(), e.getMessage());
        }
    }

    /**
     * The measured facts with config's own {@code tables:} over them: a figure typed in config wins over the
     * file, {@code hot} from either counts.
     */
    static Map<String, TableFacts> withTableStats(Map<String, TableFacts> configured, TableStatsSnapshot stats) {
        Map<String, TableFacts> out = new LinkedHashMap<>();
        for (TableStatistics t : stats.tables()) {
            out.put(t.table(), new TableFacts(t.rows(), t.bytes(), t.hot()));
        }
        configured.forEach((name, facts) -> {
            String key = name.startsWith(QualifiedName.DEFAULT_SCHEMA + ".") && !out.containsKey(name)
                    ? name.substring(QualifiedName.DEFAULT_SCHEMA.length() + 1) : name;
            TableFacts measured = out.get(key);
            if (measured == null) {
                out.put(name, facts);
            } else {
                out.put(key, new TableFacts(facts.rows() != null ? facts.rows() : measured.rows(),
                        facts.bytes() != null ? facts.bytes() : measured.bytes(), facts.hot() || measured.hot()));
            }
        });
        return out;
    }

    /** A config as written, and where its {@code table-stats} file is, to be read from the same commit. */
    private record Parsed(ReviewConfig config, String tableStats, int tableStatsLine) {}

    private static Node compose(String path, String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        try {
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ConfigException(path, null, mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + problem);
        } catch (YAMLException e) {
            throw new ConfigException(path, null, 0, "not valid YAML: " + e.getMessage());
        }
    }

    /** One file's validation; {@code file} names it in every error. */
    private record Parse(String file) {

        Parsed config(Node root) {
            ReviewConfig d = ReviewConfig.defaults();
            if (root == null || isNull(root)) {
                return new Parsed(d, null, 0);
            }
            MappingNode top = mapping(root, null);
            Dialect dialect = d.dialect();
            DatabaseVersion databaseVersion = null;
            Node versionNode = null;
            List<MigrationLocation> migrations = d.migrations();
            String schemaFile = d.schemaFile();
            DeployStrategy deploy = d.deploy();
            Risk failOn = d.failOn();
            Risk commentOn = d.commentOn();
            long largeTableRows = d.largeTableRows();
            Map<String, TableFacts> tables = d.tables();
            Map<String, RuleSetting> rules = d.rules();
            List<String> ignorePaths = d.ignorePaths();
            ReviewConfig.ReviewLimits limits = d.limits();
            String tableStats = null;
            int tableStatsLine = 0;
            for (Entry e : entries(top, null)) {
                switch (e.key()) {
                    case "dialect" -> dialect = choice(e.value(), e.key(), Dialect::fromConfigName);
                    case "database-version" -> {
                        databaseVersion = version(e.value(), e.key());
                        versionNode = e.value();
                    }
                    case "migrations" -> migrations = migrations(e.value(), e.key());
                    case "schema-file" -> schemaFile = path(e.value(), e.key());
                    case "deploy" -> deploy = choice(e.value(), e.key(), Parse::deployStrategy);
                    case "fail-on" -> failOn = choice(e.value(), e.key(), Risk::fromConfigName);
                    case "comment-on" -> commentOn = choice(e.value(), e.key(), Parse::commentRisk);
                    case "large-table-rows" -> largeTableRows = count(e.value(), e.key());
                    case "tables" -> tables = tables(e.value(), e.key());
                    case "table-stats" -> {
                        tableStats = path(e.value(), e.key());
                        tableStatsLine = e.value().getStartMark() == null ? 0 : e.value().getStartMark().getLine() + 1;
                    }
                    case "rules" -> rules = rules(e.value(), e.key());
                    case "ignore-paths" -> ignorePaths = stringList(e.value(), e.key());
                    case "review-limits" -> limits = limits(e.value(), e.key());
                    default -> throw error(e.keyNode(), e.key(), "unknown key; expected one of " + String.join(", ",
                            TOP_KEYS.stream().sorted().toList()));
                }
            }
            DatabaseVersion version = databaseVersion != null ? databaseVersion : DatabaseVersion.parse(dialect.defaultVersion());
            String problem = InstalledDialects.versionProblem(dialect, version);
            if (problem != null) {
                throw error(versionNode, "database-version", problem);
            }
            return new Parsed(new ReviewConfig(dialect, version, migrations, schemaFile, deploy, failOn, largeTableRows, tables,
                    rules, ignorePaths, commentOn, limits), tableStats, tableStatsLine);
        }

        /** An inline comment interrupts the author: none for {@code info} (or {@code none}), which stay in the check run. */
        private static Risk commentRisk(String name) {
            Risk risk = Risk.fromConfigName(name);
            if (!risk.atLeast(Risk.LOW)) {
                throw new IllegalArgumentException("'" + name + "' findings are never inline comments (they are in the check run); "
                        + "expected low, medium, high or critical");
            }
            return risk;
        }

        /** A tool some installed migration format answers to. */
        private static String toolName(String value) {
            String known = String.join(", ", InstalledFormats.toolNames());
            return InstalledFormats.named(value).map(f -> f.tool().configName())
                    .orElseThrow(() -> new IllegalArgumentException("unknown migration tool '" + value + "' (expected one of "
                            + known + ")"));
        }

        private static DeployStrategy deployStrategy(String value) {
            for (DeployStrategy s : DeployStrategy.values()) {
                if (s.configName().equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown deploy strategy '" + value + "' (expected rolling, blue-green or downtime-ok)");
        }

        private DatabaseVersion version(Node node, String key) {
            String text = scalar(node, key, "a version such as \"16\" or \"8.0.35\"");
            try {
                return DatabaseVersion.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(node, key, e.getMessage());
            }
        }

        private List<MigrationLocation> migrations(Node node, String key) {
            if (!(node instanceof SequenceNode seq)) {
                throw error(node, key, "expected a list of { path, tool } entries, found " + describe(node));
            }
            List<MigrationLocation> out = new ArrayList<>();
            int i = 0;
            for (Node item : seq.getValue()) {
                String itemKey = key + "[" + i++ + "]";
                String path = null;
                String tool = null;
                TransactionSetting transaction = TransactionSetting.TOOL_DEFAULT;
                for (Entry e : entries(mapping(item, itemKey), itemKey)) {
                    switch (e.key()) {
                        case "path" -> path = glob(e.value(), e.dotted());
                        case "tool" -> tool = choice(e.value(), e.dotted(), Parse::toolName);
                        case "transaction" -> transaction = choice(e.value(), e.dotted(), TransactionSetting::fromConfigName);
                        default -> throw error(e.keyNode(), e.dotted(), "unknown key; expected path, tool or transaction");
                    }
                }
                if (path == null) {
                    throw error(item, itemKey + ".path", "missing; name the directory (or glob) holding the migrations");
                }
                out.add(new MigrationLocation(path, tool, transaction));
            }
            return out;
        }

        private ReviewConfig.ReviewLimits limits(Node node, String key) {
            ReviewConfig.ReviewLimits d = ReviewConfig.ReviewLimits.DEFAULTS;
            long bytes = d.fileBytes();
            long statements = d.fileStatements();
            long seconds = d.reviewSeconds();
            for (Entry e : entries(mapping(node, key), key)) {
                switch (e.key()) {
                    case "file-bytes" -> bytes = size(e.value(), e.dotted());
                    case "file-statements" -> statements = count(e.value(), e.dotted());
                    case "review-seconds" -> seconds = count(e.value(), e.dotted());
                    default -> throw error(e.keyNode(), e.dotted(), "unknown key; expected file-bytes, file-statements or review-seconds");
                }
                if (bytes < 1 || statements < 1 || statements > Integer.MAX_VALUE || seconds < 1 || seconds > 86_400) {
                    throw error(e.value(), e.dotted(), "out of range: file-bytes and file-statements must be at least 1,"
                            + " review-seconds between 1 and 86400");
                }
            }
            return new ReviewConfig.ReviewLimits(bytes, (int) statements, (int) seconds);
        }

        private Map<String, TableFacts> tables(Node node, String key) {
            Map<String, TableFacts> out = new LinkedHashMap<>();
            for (Entry table : entries(mapping(node, key), key)) {
                Long rows = null;
                Long bytes = null;
                boolean hot = false;
                for (Entry e : entries(mapping(table.value(), table.dotted()), table.dotted())) {
                    switch (e.key()) {
                        case "rows" -> rows = count(e.value(), e.dotted());
                        case "bytes" -> bytes = size(e.value(), e.dotted());
                        case "hot" -> hot = bool(e.value(), e.dotted());
                        default -> throw error(e.keyNode(), e.dotted(), "unknown key; expected rows, bytes or hot");
                    }
                }
                out.put(table.key(), new TableFacts(rows, bytes, hot));
            }
            return out;
        }

        /** {@code off}, {@code on}, a risk ({@code low}), or {@code { risk: X, enabled: B }}. */
        private Map<String, RuleSetting> rules(Node node, String key) {
            Map<String, RuleSetting> out = new LinkedHashMap<>();
            for (Entry rule : entries(mapping(node, key), key)) {
                Node value = rule.value();
                if (value instanceof ScalarNode s && !isNull(s)) {
                    String v = s.getValue().trim().toLowerCase(Locale.ROOT);
                    RuleSetting setting = switch (v) {
                        case "off", "false", "no" -> new RuleSetting(false, null);
                        case "on", "true", "yes" -> new RuleSetting(true, null);
                        default -> {
                            try {
                                yield new RuleSetting(true, Risk.fromConfigName(v));
                            } catch (IllegalArgumentException e) {
                                throw error(s, rule.dotted(), "'" + s.getValue()
                                        + "' is not a rule setting; expected off, on, a risk (info, low, medium, high, critical)"
                                        + " or { risk: <risk> }");
                            }
                        }
                    };
                    out.put(rule.key(), setting);
                    continue;
                }
                if (!(value instanceof MappingNode)) {
                    throw error(value, rule.dotted(), "expected off, on, a risk or { risk: <risk> }, found " + describe(value));
                }
                boolean enabled = true;
                Risk risk = null;
                for (Entry e : entries(mapping(value, rule.dotted()), rule.dotted())) {
                    switch (e.key()) {
                        case "risk" -> risk = choice(e.value(), e.dotted(), Risk::fromConfigName);
                        case "enabled" -> enabled = bool(e.value(), e.dotted());
                        default -> throw error(e.keyNode(), e.dotted(), "unknown key; expected risk or enabled");
                    }
                }
                out.put(rule.key(), new RuleSetting(enabled, risk));
            }
            return out;
        }

        private List<String> stringList(Node node, String key) {
            if (!(node instanceof SequenceNode seq)) {
                throw error(node, key, "expected a list of globs, e.g. [\"db/legacy/**\"], found " + describe(node));
            }
            List<String> out = new ArrayList<>();
            int i = 0;
            for (Node item : seq.getValue()) {
                out.add(glob(item, key + "[" + i++ + "]"));
            }
            return out;
        }

        private long count(Node node, String key) {
            String text = scalar(node, key, "a whole number");
            String t = text.trim();
            if (!COUNT.matcher(t).matches()) {
                throw error(node, key, "'" + text + "' is not a whole number");
            }
            try {
                return Long.parseLong(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw error(node, key, "'" + text + "' is too large");
            }
        }

        /** Bytes as a number or with a unit: {@code 2GB}, {@code 500MB}, {@code 1.5TiB} (1 kB = 1024 B, as PostgreSQL prints sizes). */
        private long size(Node node, String key) {
            String text = scalar(node, key, "a size such as 2GB, 500MB or 123");
            Matcher m = SIZE.matcher(text.trim().replace("_", ""));
            if (!m.matches()) {
                throw error(node, key, "'" + text + "' is not a size; write bytes (123) or a number with B, kB, MB, GB or TB (2GB)");
            }
            String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT).replace("i", "");
            int power = switch (unit) {
                case "kb" -> 1;
                case "mb" -> 2;
                case "gb" -> 3;
                case "tb" -> 4;
                case "pb" -> 5;
                default -> 0;
            };
            BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
            try {
                return bytes.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            } catch (ArithmeticException e) {
                throw error(node, key, "'" + text + "' is too large");
            }
        }

        private boolean bool(Node node, String key) {
            String text = scalar(node, key, "true or false");
            String v = text.trim().toLowerCase(Locale.ROOT);
            if (Set.of("true", "yes", "on").contains(v)) {
                return true;
            }
            if (Set.of("false", "no", "off").contains(v)) {
                return false;
            }
            throw error(node, key, "'" + text + "' is not true or false");
        }

        private String path(Node node, String key) {
            String text = scalar(node, key, "a path");
            if (text.isBlank()) {
                throw error(node, key, "empty path");
            }
            return text.trim();
        }

        /** A path or glob, checked now: a malformed glob is a config error at its line, not a crash mid-review. */
        private String glob(Node node, String key) {
            String text = path(node, key);
            Optional<String> problem = PathGlob.problem(text);
            if (problem.isPresent()) {
                throw error(node, key, "'" + text + "' is not a valid glob: " + problem.get());
            }
            return text;
        }

        private <T> T choice(Node node, String key, Function<String, T> parse) {
            String text = scalar(node, key, "a name");
            try {
                return parse.apply(text.trim());
            } catch (IllegalArgumentException e) {
                throw error(node, key, e.getMessage());
            }
        }

        private String scalar(Node node, String key, String expected) {
            if (!(node instanceof ScalarNode s) || isNull(node)) {
                throw error(node, key, "expected " + expected + ", found " + describe(node));
            }
            return s.getValue();
        }

        private MappingNode mapping(Node node, String key) {
            if (node instanceof MappingNode m) {
                return m;
            }
            throw error(node, key, "expected a mapping of keys to values, found " + describe(node));
        }

        private record Entry(String key, String dotted, Node keyNode, Node value) {}

        private List<Entry> entries(MappingNode node, String parentKey) {
            List<Entry> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (NodeTuple tuple : node.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode k) || isNull(keyNode)) {
                    throw error(keyNode, parentKey, "keys must be plain names, found " + describe(keyNode));
                }
                String key = k.getValue();
                String dotted = parentKey == null ? key : parentKey + "." + key;
                if (!seen.add(key)) {
                    throw error(keyNode, dotted, "appears twice");
                }
                out.add(new Entry(key, dotted, keyNode, tuple.getValueNode()));
            }
            return out;
        }

        private static boolean isNull(Node node) {
            return node.getTag().equals(Tag.NULL);
        }

        private static String describe(Node node) {
            if (node instanceof MappingNode) {
                return "a mapping";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            if (isNull(node)) {
                return "nothing";
            }
            return "'" + ((ScalarNode) node).getValue() + "'";
        }

        private ConfigException error(Node node, String key, String problem) {
            int line = node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
            return new ConfigException(file, key, line, problem);
        }
    }
}
