package dev.migrationreview.format.liquibase;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where each changeSet and each of its forward changes stands in a changelog file. Liquibase keeps no line
 * numbers, so the file is read a second time: with StAX for XML, SnakeYAML's node marks for YAML and
 * Jackson's token locations for JSON. ChangeSets are matched to Liquibase's by id and author, changes by order.
 */
final class ChangelogSource {
    /** Children of a changeSet that are not changes. */
    static final Set<String> NOT_CHANGES = Set.of("comment", "preConditions", "preconditions", "rollback", "validCheckSum",
            "modifySql", "id", "author", "context", "contextFilter", "labels", "dbms", "runAlways", "runOnChange",
            "runInTransaction", "failOnError", "onValidationFail", "objectQuotingStrategy", "created", "runOrder",
            "ignore", "logicalFilePath", "runWith", "runWithSpoolFile", "changes", "validCheckSums");

    private static final Pattern FORMATTED_CHANGESET = Pattern.compile("\\s*--\\s*changeset\\s+(\\S+?):(\\S+).*", Pattern.CASE_INSENSITIVE);

    /** A located changeSet: its lines and its changes' lines, in order. */
    record ChangeSetLines(String id, String author, int startLine, int endLine, List<ElementLines> changes) {}

    /** A located change element. */
    record ElementLines(String name, int startLine, int endLine) {}

    private final Map<String, List<ChangeSetLines>> byKey = new LinkedHashMap<>();
    private final String[] lines;

    private ChangelogSource(String text, List<ChangeSetLines> changeSets) {
        this.lines = text.split("\n", -1);
        for (ChangeSetLines c : changeSets) {
            byKey.computeIfAbsent(key(c.id(), c.author()), k -> new ArrayList<>()).add(c);
        }
    }

    /** Locates the changeSets of one file; a file it cannot read yields none (Liquibase reports the parse error). */
    static ChangelogSource of(String path, String text) {
        String lower = path.toLowerCase(Locale.ROOT);
        List<ChangeSetLines> found;
        try {
            if (lower.endsWith(".xml")) {
                found = xml(text);
            } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                found = tree(yaml(text), text);
            } else if (lower.endsWith(".json")) {
                found = tree(json(text), text);
            } else {
                found = formattedSql(text);
            }
        } catch (RuntimeException | IOException | XMLStreamException e) {
            found = List.of();
        }
        return new ChangelogSource(text, found);
    }

    /** The next unclaimed changeSet with this id and author. */
    ChangeSetLines take(String id, String author) {
        List<ChangeSetLines> list = byKey.get(key(id, author));
        if (list == null || list.isEmpty()) {
            return null;
        }
        return list.remove(0);
    }

    int lineCount() {
        return lines.length;
    }

    String line(int oneBased) {
        return oneBased >= 1 && oneBased <= lines.length ? lines[oneBased - 1] : "";
    }

    /** Lines from..to on one line, whitespace collapsed, cut at 160 characters. */
    String oneLine(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to && i <= lines.length; i++) {
            sb.append(line(i).strip()).append(' ');
        }
        String s = sb.toString().replaceAll("\\s+", " ").strip();
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }

    private static String key(String id, String author) {
        return id + "\u0000" + author;
    }

    // ---- XML

    private static List<ChangeSetLines> xml(String text) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(text));
        LineIndex index = new LineIndex(text);
        List<ChangeSetLines> out = new ArrayList<>();
        int depth = 0;
        String id = null;
        String author = null;
        int changeSetStart = 0;
        List<ElementLines> changes = new ArrayList<>();
        String changeName = null;
        int changeStart = 0;
        int changeDepth = -1;
        boolean inRollback = false;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String local = reader.getLocalName();
                int start = index.startLine(reader, text);
                if (depth == 2 && local.equals("changeSet")) {
                    id = reader.getAttributeValue(null, "id");
                    author = reader.getAttributeValue(null, "author");
                    changeSetStart = start;
                    changes = new ArrayList<>();
                } else if (depth == 3 && id != null) {
                    if (NOT_CHANGES.contains(local)) {
                        inRollback = local.equals("rollback");
                    } else {
                        changeName = local;
                        changeStart = start;
                        changeDepth = depth;
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                int end = index.endLine(reader);
                if (depth == changeDepth && changeName != null) {
                    changes.add(new ElementLines(changeName, changeStart, end));
                    changeName = null;
                    changeDepth = -1;
                } else if (depth == 3) {
                    inRollback = false;
                } else if (depth == 2 && id != null) {
                    out.add(new ChangeSetLines(id, author, changeSetStart, end, changes));
                    id = null;
                }
                depth--;
            }
        }
        return out;
    }

    /** Turns StAX locations (just after a tag) into the lines of the tag's first and last character. */
    private static final class LineIndex {
        private final int[] lineStarts;

        LineIndex(String text) {
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        int lineOf(int offset) {
            int lo = 0;
            int hi = lineStarts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (lineStarts[mid] <= offset) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo + 1;
        }

        int offsetAfter(XMLStreamReader reader) {
            var location = reader.getLocation();
            int line = Math.max(1, location.getLineNumber());
            int base = line - 1 < lineStarts.length ? lineStarts[line - 1] : lineStarts[lineStarts.length - 1];
            return base + Math.max(0, location.getColumnNumber() - 1);
        }

        int startLine(XMLStreamReader reader, String text) {
            int after = offsetAfter(reader);
            String prefix = reader.getPrefix();
            String tag = "<" + (prefix == null || prefix.isEmpty() ? "" : prefix + ":") + reader.getLocalName();
            int at = text.lastIndexOf(tag, Math.max(0, Math.min(after, text.length()) - 1));
            return lineOf(at < 0 ? after : at);
        }

        int endLine(XMLStreamReader reader) {
            return lineOf(Math.max(0, offsetAfter(reader) - 1));
        }
    }

    // ---- YAML and JSON: one small tree with lines, walked the same way

    private sealed interface Tree permits TMap, TList, TScalar {
        int startLine();

        int endLine();
    }

    private record TMap(int startLine, int endLine, List<Map.Entry<String, Tree>> entries) implements Tree {
        Tree get(String key) {
            for (Map.Entry<String, Tree> e : entries) {
                if (e.getKey().equals(key)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    private record TList(int startLine, int endLine, List<Tree> items) implements Tree {}

    private record TScalar(int startLine, int endLine, String value) implements Tree {}

    private static Tree yaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setCodePointLimit(64 * 1024 * 1024);
        Node root = new Yaml(options).compose(new StringReader(text));
        return root == null ? null : yamlTree(root, text.split("\n", -1));
    }

    private static Tree yamlTree(Node node, String[] lines) {
        int start = node.getStartMark().getLine() + 1;
        // a block collection ends where the next token starts, often the next item's "- " on a later line
        int endIndex = node.getEndMark().getLine();
        String endLine = endIndex < lines.length ? lines[endIndex] : "";
        String before = endLine.substring(0, Math.min(endLine.length(), node.getEndMark().getColumn()));
        int end = before.replace("-", "").isBlank() ? endIndex : endIndex + 1;
        // and blank and comment lines before that token are not the node's
        while (end > start && end <= lines.length && (lines[end - 1].isBlank() || lines[end - 1].strip().startsWith("#"))) {
            end--;
        }
        end = Math.max(start, end);
        if (node instanceof MappingNode m) {
            List<Map.Entry<String, Tree>> entries = new ArrayList<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
                entries.add(Map.entry(key, yamlTree(t.getValueNode(), lines)));
            }
            return new TMap(start, end, entries);
        }
        if (node instanceof SequenceNode s) {
            List<Tree> items = new ArrayList<>();
            for (Node n : s.getValue()) {
                items.add(yamlTree(n, lines));
            }
            return new TList(start, end, items);
        }
        return new TScalar(start, end, node instanceof ScalarNode s ? s.getValue() : "");
    }

    private static Tree json(String text) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            return first == null ? null : jsonTree(parser);
        }
    }

    private static Tree jsonTree(JsonParser parser) throws IOException {
        int start = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            List<Map.Entry<String, Tree>> entries = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                entries.add(Map.entry(key, jsonTree(parser)));
            }
            return new TMap(start, parser.currentTokenLocation().getLineNr(), entries);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Tree> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(jsonTree(parser));
            }
            return new TList(start, parser.currentTokenLocation().getLineNr(), items);
        }
        return new TScalar(start, start, parser.getValueAsString(""));
    }

    private static List<ChangeSetLines> tree(Tree root, String text) {
        List<ChangeSetLines> out = new ArrayList<>();
        if (!(root instanceof TMap map) || !(map.get("databaseChangeLog") instanceof TList entries)) {
            return out;
        }
        for (Tree entry : entries.items()) {
            if (!(entry instanceof TMap item) || !(item.get("changeSet") instanceof TMap changeSet)) {
                continue;
            }
            String id = scalar(changeSet.get("id"));
            String author = scalar(changeSet.get("author"));
            List<ElementLines> changes = new ArrayList<>();
            if (changeSet.get("changes") instanceof TList list) {
                for (Tree change : list.items()) {
                    if (change instanceof TMap c && !c.entries().isEmpty()) {
                        String name = c.entries().get(0).getKey();
                        if (!NOT_CHANGES.contains(name)) {
                            changes.add(new ElementLines(name, c.startLine(), c.endLine()));
                        }
                    }
                }
            }
            out.add(new ChangeSetLines(id, author, item.startLine(), item.endLine(), changes));
        }
        return out;
    }

    private static String scalar(Tree t) {
        return t instanceof TScalar s ? s.value() : null;
    }

    // ---- formatted SQL: a changeSet runs from its --changeset line to the next

    private static List<ChangeSetLines> formattedSql(String text) {
        String[] lines = text.split("\n", -1);
        List<ChangeSetLines> out = new ArrayList<>();
        int start = -1;
        String id = null;
        String author = null;
        for (int i = 0; i <= lines.length; i++) {
            Matcher m = i < lines.length ? FORMATTED_CHANGESET.matcher(lines[i]) : null;
            if (i == lines.length || m.matches()) {
                if (start > 0) {
                    int end = i;
                    while (end > start && lines[end - 1].isBlank()) {
                        end--;
                    }
                    out.add(new ChangeSetLines(id, author, start, end, List.of(new ElementLines("sql", start, end))));
                }
                if (i < lines.length) {
                    author = m.group(1);
                    id = m.group(2);
                    start = i + 1;
                }
            }
        }
        return out;
    }
}
