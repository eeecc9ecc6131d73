package dev.migrationreview.format.rails;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterRuby;

/**
 * A Ruby file parsed by tree-sitter's Ruby grammar: its syntax tree, the text and lines of each node (tree-sitter
 * counts UTF-8 bytes; lines come from its row numbers, columns are counted in characters), and the literal value
 * of an argument. Heredoc bodies follow their line in the tree rather than sitting inside the call that opens
 * them; they are matched to their openers in order.
 */
final class RubySource {
    private final String content;
    private final byte[] bytes;
    private final TSTree tree;
    private final TSNode root;
    private final Map<Integer, TSNode> heredocBodies = new LinkedHashMap<>();
    private final Map<Integer, String> ownLineComments = new java.util.HashMap<>();
    private String[] lines;

    RubySource(String content) {
        this.content = content;
        this.bytes = content.getBytes(StandardCharsets.UTF_8);
        TSParser parser = new TSParser();
        try {
            parser.setLanguage(new TreeSitterRuby());
            this.tree = parser.parseString(null, content);
        } finally {
            parser.close();
        }
        this.root = tree.getRootNode();
        List<TSNode> openers = new ArrayList<>();
        List<TSNode> bodies = new ArrayList<>();
        collectHeredocs(root, openers, bodies);
        collectComments(root);
        for (int i = 0; i < openers.size() && i < bodies.size(); i++) {
            heredocBodies.put(openers.get(i).getStartByte(), bodies.get(i));
        }
    }

    /**
     * The comments on the lines directly above {@code line}, each alone on its line, in file order (tree-sitter
     * attaches comments wherever they fall, so they are looked up by line, not by sibling).
     */
    List<String> commentsAbove(int line) {
        List<String> out = new ArrayList<>();
        for (int l = line - 1; l >= 1 && ownLineComments.containsKey(l); l--) {
            out.add(0, ownLineComments.get(l));
        }
        return out;
    }

    String content() {
        return content;
    }

    TSNode root() {
        return root;
    }

    String text(TSNode node) {
        return new String(bytes, node.getStartByte(), node.getEndByte() - node.getStartByte(), StandardCharsets.UTF_8);
    }

    /** 1-based line of the node's first character. */
    static int startLine(TSNode node) {
        return node.getStartPoint().getRow() + 1;
    }

    /** 1-based line of the node's last character (a node ending at the start of a line ends on the line before). */
    static int endLine(TSNode node) {
        int row = node.getEndPoint().getRow();
        if (node.getEndPoint().getColumn() == 0 && row > node.getStartPoint().getRow()) {
            row--;
        }
        return row + 1;
    }

    /** 1-based column, in characters, of a byte offset. */
    int column(int byteOffset) {
        int lineStart = byteOffset;
        while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
            lineStart--;
        }
        return new String(bytes, lineStart, byteOffset - lineStart, StandardCharsets.UTF_8).length() + 1;
    }

    /** The last line of a node including the heredoc bodies it opens. */
    int endLineWithHeredocs(TSNode node) {
        int end = endLine(node);
        for (TSNode body : heredocsIn(node)) {
            end = Math.max(end, endLine(body));
        }
        return end;
    }

    /** The bodies of the heredocs a node opens, in order. */
    List<TSNode> heredocsIn(TSNode node) {
        List<TSNode> out = new ArrayList<>();
        for (Map.Entry<Integer, TSNode> e : heredocBodies.entrySet()) {
            if (e.getKey() >= node.getStartByte() && e.getKey() < node.getEndByte()) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** The body of the heredoc a {@code heredoc_beginning} opens, or null. */
    TSNode heredocBody(TSNode opener) {
        return heredocBodies.get(opener.getStartByte());
    }

    static List<TSNode> namedChildren(TSNode node) {
        List<TSNode> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            out.add(node.getNamedChild(i));
        }
        return out;
    }

    static TSNode field(TSNode node, String name) {
        TSNode child = node.getChildByFieldName(name);
        return child == null || child.isNull() ? null : child;
    }

    /** The literal a node writes, or {@link RubyValue.Code} when it only has a value at run time. */
    RubyValue value(TSNode node) {
        switch (node.getType()) {
            case "simple_symbol" -> {
                return new RubyValue.Sym(text(node).substring(1));
            }
            case "hash_key_symbol", "identifier" -> {
                return node.getType().equals("identifier") ? new RubyValue.Code(text(node)) : new RubyValue.Sym(text(node));
            }
            case "delimited_symbol" -> {
                String s = stringText(node);
                return s == null ? new RubyValue.Code(text(node)) : new RubyValue.Sym(s);
            }
            case "string" -> {
                String s = stringText(node);
                return s == null ? new RubyValue.Code(text(node)) : new RubyValue.Str(s);
            }
            case "heredoc_beginning" -> {
                TSNode body = heredocBody(node);
                String s = body == null ? null : heredocText(body, text(node));
                return s == null ? new RubyValue.Code(text(node)) : new RubyValue.Str(s);
            }
            case "integer", "float" -> {
                return new RubyValue.Num(text(node).replace("_", ""));
            }
            case "true" -> {
                return new RubyValue.Bool(true);
            }
            case "false" -> {
                return new RubyValue.Bool(false);
            }
            case "nil" -> {
                return new RubyValue.Nil();
            }
            case "unary" -> {
                String t = text(node).replace("_", "");
                return t.matches("-\\d+(\\.\\d+)?") ? new RubyValue.Num(t) : new RubyValue.Code(t);
            }
            case "array" -> {
                List<RubyValue> items = new ArrayList<>();
                for (TSNode c : namedChildren(node)) {
                    items.add(value(c));
                }
                return new RubyValue.Arr(items);
            }
            case "string_array", "symbol_array" -> {
                List<RubyValue> items = new ArrayList<>();
                for (TSNode c : namedChildren(node)) {
                    String s = text(c);
                    items.add(node.getType().equals("string_array") ? new RubyValue.Str(s) : new RubyValue.Sym(s));
                }
                return new RubyValue.Arr(items);
            }
            case "hash" -> {
                Map<String, RubyValue> entries = new LinkedHashMap<>();
                for (TSNode c : namedChildren(node)) {
                    if (!c.getType().equals("pair")) {
                        return new RubyValue.Code(text(node));
                    }
                    String key = key(c);
                    if (key == null) {
                        return new RubyValue.Code(text(node));
                    }
                    entries.put(key, value(field(c, "value")));
                }
                return new RubyValue.Hash(entries);
            }
            case "parenthesized_statements" -> {
                List<TSNode> inner = namedChildren(node);
                return inner.size() == 1 ? value(inner.get(0)) : new RubyValue.Code(text(node));
            }
            case "lambda" -> {
                // -> { "now()" }: the body is a block whose body holds the one string
                TSNode body = field(node, "body");
                for (int depth = 0; body != null && depth < 3; depth++) {
                    List<TSNode> inner = namedChildren(body).stream().filter(n -> !n.getType().equals("comment")).toList();
                    if (inner.size() != 1) {
                        break;
                    }
                    RubyValue v = value(inner.get(0));
                    if (v instanceof RubyValue.Str s) {
                        return new RubyValue.SqlExpression(s.text());
                    }
                    body = inner.get(0);
                }
                return new RubyValue.Code(text(node));
            }
            case "call" -> {
                // "…".squish, <<~SQL.squish, "…".freeze: the string itself, as Rails sends it
                TSNode receiver = field(node, "receiver");
                TSNode method = field(node, "method");
                if (receiver != null && method != null && field(node, "arguments") == null) {
                    String m = text(method);
                    RubyValue r = value(receiver);
                    if (r instanceof RubyValue.Str s) {
                        switch (m) {
                            case "squish" -> {
                                return new RubyValue.Str(s.text().strip().replaceAll("\\s+", " "));
                            }
                            case "strip" -> {
                                return new RubyValue.Str(s.text().strip());
                            }
                            case "freeze", "dup", "to_s", "chomp", "strip_heredoc" -> {
                                return s;
                            }
                            default -> { }
                        }
                    }
                    if (r instanceof RubyValue.Sym s && m.equals("to_s")) {
                        return new RubyValue.Str(s.name());
                    }
                }
                return new RubyValue.Code(text(node));
            }
            default -> {
                return new RubyValue.Code(text(node));
            }
        }
    }

    /** A pair's key as written: {@code name:}, {@code :name =>}, {@code "name" =>}; null for a computed key. */
    String key(TSNode pair) {
        TSNode key = field(pair, "key");
        if (key == null) {
            return null;
        }
        RubyValue v = key.getType().equals("hash_key_symbol") ? new RubyValue.Sym(text(key)) : value(key);
        if (key.getType().equals("string") && text(pair).substring(text(key).length()).stripLeading().startsWith(":")) {
            // "name": value is a symbol key written as a string
            return v.name();
        }
        return v.name();
    }

    /** A string literal's text with its escapes resolved; null when it interpolates. */
    private String stringText(TSNode node) {
        boolean singleQuoted = text(node).startsWith("'") || text(node).startsWith(":'") || text(node).startsWith("%q");
        StringBuilder out = new StringBuilder();
        for (TSNode c : namedChildren(node)) {
            switch (c.getType()) {
                case "string_content" -> out.append(text(c));
                case "escape_sequence" -> out.append(singleQuoted ? singleQuotedEscape(text(c)) : escape(text(c)));
                default -> {
                    return null;
                }
            }
        }
        return out.toString();
    }

    /**
     * A heredoc's text as Ruby builds it: {@code <<~} removes the common indentation; the text starts with the
     * line break after the opener, so line {@code k} of it is the body's line {@code k} (0: the opener's line).
     */
    String heredocText(TSNode body, String opener) {
        StringBuilder raw = new StringBuilder();
        boolean singleQuoted = opener.contains("'");
        int from = body.getStartByte();
        for (TSNode c : namedChildren(body)) {
            switch (c.getType()) {
                case "heredoc_content" -> {
                    // tree-sitter-ruby may split content around escapes: take the text between pieces too
                    raw.append(new String(bytes, from, c.getEndByte() - from, StandardCharsets.UTF_8));
                    from = c.getEndByte();
                }
                case "escape_sequence" -> {
                    raw.append(new String(bytes, from, c.getStartByte() - from, StandardCharsets.UTF_8));
                    raw.append(singleQuoted ? text(c) : escape(text(c)));
                    from = c.getEndByte();
                }
                case "heredoc_end" -> {
                    raw.append(new String(bytes, from, c.getStartByte() - from, StandardCharsets.UTF_8));
                    from = c.getStartByte();
                }
                default -> {
                    return null;
                }
            }
        }
        String text = raw.toString();
        if (opener.startsWith("<<~")) {
            text = squiggly(text);
        }
        return text;
    }

    /** Removes the smallest indentation of the non-blank lines, keeping the line count. */
    private static String squiggly(String text) {
        String[] lines = text.split("\n", -1);
        int min = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.isBlank()) {
                continue;
            }
            int indent = 0;
            while (indent < l.length() && (l.charAt(indent) == ' ' || l.charAt(indent) == '\t')) {
                indent++;
            }
            min = Math.min(min, indent);
        }
        if (min == Integer.MAX_VALUE || min == 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            out.append('\n').append(l.length() >= min ? l.substring(min) : l.stripLeading());
        }
        return out.toString();
    }

    private static String escape(String e) {
        if (e.length() < 2) {
            return e;
        }
        return switch (e.charAt(1)) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 's' -> " ";
            case '0' -> "\0";
            case '\n' -> "";
            default -> e.substring(1);
        };
    }

    private static String singleQuotedEscape(String e) {
        return e.equals("\\\\") || e.equals("\\'") ? e.substring(1) : e;
    }

    private void collectComments(TSNode node) {
        for (int i = 0; i < node.getChildCount(); i++) {
            TSNode c = node.getChild(i);
            if (c.getType().equals("comment")) {
                int line = startLine(c);
                if (column(c.getStartByte()) - 1 == leadingSpace(line)) {
                    ownLineComments.put(line, text(c).replaceFirst("^#+\\s?", ""));
                }
            } else {
                collectComments(c);
            }
        }
    }

    /** The 1-based column of the first non-blank character of a 1-based line. */
    int firstColumn(int line) {
        return Math.max(0, leadingSpace(line)) + 1;
    }

    /** The length in characters of a 1-based line, trailing blanks left out. */
    int lineLength(int line) {
        if (lines == null) {
            lines = content.split("\n", -1);
        }
        return line < 1 || line > lines.length ? 1 : Math.max(1, lines[line - 1].stripTrailing().length());
    }

    /** How many characters of blank precede the first non-blank on a 1-based line. */
    private int leadingSpace(int line) {
        if (lines == null) {
            lines = content.split("\n", -1);
        }
        if (line < 1 || line > lines.length) {
            return -1;
        }
        String l = lines[line - 1];
        int i = 0;
        while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static void collectHeredocs(TSNode node, List<TSNode> openers, List<TSNode> bodies) {
        String type = node.getType();
        if (type.equals("heredoc_beginning")) {
            openers.add(node);
        } else if (type.equals("heredoc_body")) {
            bodies.add(node);
        }
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            collectHeredocs(node.getNamedChild(i), openers, bodies);
        }
    }
}
