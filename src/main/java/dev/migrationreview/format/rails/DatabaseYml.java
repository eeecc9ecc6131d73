package dev.migrationreview.format.rails;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

/**
 * Reads a Rails application's {@code config/database.yml} the way Rails does for the environment that matters
 * here (production, else development, else the first): ERB tags take the value they have without environment
 * ({@link ErbFallback}), {@code <<: *default} merges, and a three-tier file (Rails 6 multiple databases) gives
 * one {@link RailsDatabase} per entry with its {@code migrations_paths}.
 */
final class DatabaseYml {
    private static final List<String> ENVIRONMENTS = List.of("production", "development");

    private final String path;
    private final List<String> erbTags = new ArrayList<>();
    private final List<Optional<String>> erbValues = new ArrayList<>();

    private DatabaseYml(String path) {
        this.path = path;
    }

    /**
     * The databases of the chosen environment, primary first.
     *
     * @throws RailsProjectException when the file is not YAML or not shaped like a database.yml, naming path:line
     */
    static Read read(String path, String text) {
        return new DatabaseYml(path).parse(text);
    }

    /**
     * @param environment the environment read ({@code production})
     * @param databases   its databases, the primary first
     */
    record Read(String environment, List<RailsDatabase> databases) {}

    private Read parse(String text) {
        Node root = compose(withoutErb(text));
        if (root == null) {
            throw new RailsProjectException(path, 1, "empty: no environment names a database adapter");
        }
        if (!(root instanceof MappingNode top)) {
            throw new RailsProjectException(path, line(root), "expected environments (production:, development:), found "
                    + describe(root));
        }
        Map<String, NodeTuple> environments = entries(top);
        String environment = ENVIRONMENTS.stream().filter(environments::containsKey).findFirst()
                .orElse(environments.keySet().stream().filter(k -> environments.get(k).getValueNode() instanceof MappingNode)
                        .findFirst().orElse(null));
        if (environment == null) {
            throw new RailsProjectException(path, line(root), "no environment (production:, development:) with database settings");
        }
        Node envNode = environments.get(environment).getValueNode();
        if (!(envNode instanceof MappingNode envMapping)) {
            throw new RailsProjectException(path, line(envNode), environment + ": expected database settings, found " + describe(envNode));
        }
        Map<String, NodeTuple> settings = entries(envMapping);
        List<RailsDatabase> databases = new ArrayList<>();
        boolean threeTier = !settings.isEmpty() && settings.values().stream().allMatch(t -> t.getValueNode() instanceof MappingNode)
                && !settings.containsKey("adapter") && !settings.containsKey("url");
        if (threeTier) {
            boolean first = true;
            for (Map.Entry<String, NodeTuple> e : settings.entrySet()) {
                databases.add(database(e.getKey(), first, entries((MappingNode) e.getValue().getValueNode()), line(e.getValue().getKeyNode())));
                first = false;
            }
        } else {
            databases.add(database("primary", true, settings, line(environments.get(environment).getKeyNode())));
        }
        return new Read(environment, List.copyOf(databases));
    }

    private RailsDatabase database(String name, boolean first, Map<String, NodeTuple> settings, int line) {
        String adapter = null;
        String unknownAdapter = null;
        int adapterLine = line;
        NodeTuple adapterEntry = settings.get("adapter");
        NodeTuple urlEntry = settings.get("url");
        if (adapterEntry != null) {
            adapterLine = line(adapterEntry.getValueNode());
            Optional<String> value = scalar(adapterEntry.getValueNode());
            if (value.isPresent()) {
                adapter = value.get().trim().toLowerCase(Locale.ROOT);
            } else {
                unknownAdapter = unknown(adapterEntry.getValueNode());
            }
        } else if (urlEntry != null) {
            adapterLine = line(urlEntry.getValueNode());
            Optional<String> url = scalar(urlEntry.getValueNode());
            int colon = url.map(u -> u.indexOf(':')).orElse(-1);
            if (colon > 0) {
                adapter = url.get().substring(0, colon).trim().toLowerCase(Locale.ROOT);
            } else {
                unknownAdapter = unknown(urlEntry.getValueNode());
            }
        }
        List<String> migrationsPaths = new ArrayList<>();
        NodeTuple paths = settings.get("migrations_paths");
        if (paths != null) {
            Node value = paths.getValueNode();
            if (value instanceof SequenceNode seq) {
                for (Node item : seq.getValue()) {
                    scalar(item).ifPresent(p -> migrationsPaths.add(trimSlashes(p)));
                }
            } else {
                scalar(value).ifPresent(p -> migrationsPaths.add(trimSlashes(p)));
            }
        }
        boolean primary = first || name.equals("primary");
        if (migrationsPaths.isEmpty()) {
            // Rails' default; the generator writes db/<name>_migrate for a second database, but only config says so
            migrationsPaths.add("db/migrate");
        }
        String schemaDump = null;
        boolean dumpsSchema = true;
        NodeTuple dump = settings.get("schema_dump");
        if (dump != null) {
            Optional<String> value = scalar(dump.getValueNode());
            if (value.isPresent() && value.get().equals("false")) {
                dumpsSchema = false;
            } else {
                schemaDump = value.map(DatabaseYml::trimSlashes).orElse(null);
            }
        }
        return new RailsDatabase(name, primary, adapter, unknownAdapter, path + ":" + adapterLine, List.copyOf(migrationsPaths),
                dumpsSchema, schemaDump, variables(settings.get("variables")));
    }

    /**
     * {@code variables:}: what the adapter sets with {@code SET SESSION} on every connection it opens ({@code lock_timeout:
     * 5s}), each with the line it is written on. A value an ERB tag leaves unknown is left out.
     */
    private List<dev.migrationreview.format.ConnectionSetting> variables(NodeTuple entry) {
        if (entry == null || !(entry.getValueNode() instanceof MappingNode mapping)) {
            return List.of();
        }
        List<dev.migrationreview.format.ConnectionSetting> out = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> e : entries(mapping).entrySet()) {
            Node value = e.getValue().getValueNode();
            scalar(value).ifPresent(v -> out.add(new dev.migrationreview.format.ConnectionSetting(e.getKey(), v,
                    path + ":" + line(value) + " (variables)")));
        }
        return List.copyOf(out);
    }

    /** Why an adapter has no value here, in words. */
    private String unknown(Node node) {
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            for (int i = 0; i < erbTags.size(); i++) {
                if (v.contains(placeholder(i))) {
                    return "the ERB tag <%= " + erbTags.get(i) + " %> has no value without its environment variable";
                }
            }
        }
        return "it is " + describe(node);
    }

    /** A scalar's value with ERB tags replaced by their value without environment; empty when a tag has none. */
    private Optional<String> scalar(Node node) {
        if (!(node instanceof ScalarNode s)) {
            return Optional.empty();
        }
        String v = s.getValue();
        for (int i = 0; i < erbTags.size(); i++) {
            String ph = placeholder(i);
            if (v.contains(ph)) {
                if (erbValues.get(i).isEmpty()) {
                    return Optional.empty();
                }
                v = v.replace(ph, erbValues.get(i).get());
            }
        }
        return v.isEmpty() || v.equals("~") || v.equals("null") ? Optional.empty() : Optional.of(v);
    }

    /**
     * The file with every ERB tag replaced, on its own line, by a plain placeholder (output tags) or nothing (code
     * and comment tags), so that YAML reads it with its line numbers kept.
     */
    private String withoutErb(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int open = text.indexOf("<%", i);
            if (open < 0) {
                out.append(text, i, text.length());
                return out.toString();
            }
            int close = text.indexOf("%>", open + 2);
            if (close < 0) {
                throw new RailsProjectException(path, lineAt(text, open), "an ERB tag <% is never closed with %>");
            }
            out.append(text, i, open);
            String tag = text.substring(open + 2, close);
            if (tag.startsWith("=")) {
                String expression = tag.substring(1).replaceAll("^-|-$", "").trim();
                erbTags.add(expression);
                erbValues.add(ErbFallback.of(expression));
                out.append(placeholder(erbTags.size() - 1));
            }
            // keep the tag's line breaks so every later line keeps its number
            tag.chars().filter(c -> c == '\n').forEach(c -> out.append('\n'));
            i = close + 2;
        }
    }

    private static String placeholder(int i) {
        return "erb-tag-" + i + "-value";
    }

    private Node compose(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        try {
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new RailsProjectException(path, mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + problem);
        } catch (YAMLException e) {
            throw new RailsProjectException(path, 0, "not valid YAML: " + e.getMessage());
        }
    }

    /** A mapping's entries by key, with {@code <<: *anchor} merged in first (the mapping's own keys win). */
    private Map<String, NodeTuple> entries(MappingNode mapping) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("<<")) {
                Node merged = t.getValueNode();
                List<Node> sources = merged instanceof SequenceNode seq ? seq.getValue() : List.of(merged);
                for (Node source : sources) {
                    if (source instanceof MappingNode m) {
                        entries(m).forEach(out::putIfAbsent);
                    }
                }
            }
        }
        Map<String, NodeTuple> own = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && !k.getValue().equals("<<")) {
                own.put(k.getValue(), t);
            }
        }
        Map<String, NodeTuple> result = new LinkedHashMap<>(own);
        out.forEach(result::putIfAbsent);
        return result;
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue().isEmpty() ? "nothing" : "'" + s.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String trimSlashes(String p) {
        String s = p.trim();
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
