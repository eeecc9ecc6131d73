package dev.migrationreview.format.django;

import dev.migrationreview.format.django.PythonValue.Bool;
import dev.migrationreview.format.django.PythonValue.Call;
import dev.migrationreview.format.django.PythonValue.Mapping;
import dev.migrationreview.format.django.PythonValue.Name;
import dev.migrationreview.format.django.PythonValue.NoneValue;
import dev.migrationreview.format.django.PythonValue.Num;
import dev.migrationreview.format.django.PythonValue.Other;
import dev.migrationreview.format.django.PythonValue.Sequence;
import dev.migrationreview.format.django.PythonValue.Str;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * One Python file parsed by tree-sitter's Python grammar, with its expressions read into {@link PythonValue}s.
 * Tree-sitter reports UTF-8 byte offsets; lines are counted from the bytes, so a line with non-ASCII text (a
 * {@code verbose_name} in another language) does not shift the spans after it.
 */
final class PythonSource {
    /** Nesting deeper than this is not a migration anyone wrote; it is read as {@link Other}. */
    private static final int MAX_DEPTH = 200;

    private final byte[] bytes;
    private final int[] lineStarts;
    private final Map<String, PythonValue> moduleNames = new HashMap<>();
    private final Map<String, TSNode> moduleAssignments = new HashMap<>();
    private final TSTree tree;

    private PythonSource(String content) {
        this.bytes = content.getBytes(StandardCharsets.UTF_8);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        try (TSParser parser = new TSParser()) {
            parser.setLanguage(new TreeSitterPython());
            this.tree = parser.parseString(null, content);
        }
    }

    static PythonSource parse(String content) {
        return new PythonSource(content);
    }

    TSNode root() {
        return tree.getRootNode();
    }

    /** The 1-based line of a UTF-8 byte offset. */
    int lineOf(int byteOffset) {
        int i = Arrays.binarySearch(lineStarts, byteOffset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    int startLine(TSNode node) {
        return lineOf(node.getStartByte());
    }

    /** The line of the node's last character (its end offset is exclusive). */
    int endLine(TSNode node) {
        return lineOf(Math.max(node.getStartByte(), node.getEndByte() - 1));
    }

    String text(TSNode node) {
        int start = Math.max(0, Math.min(bytes.length, node.getStartByte()));
        int end = Math.max(start, Math.min(bytes.length, node.getEndByte()));
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** Whether tree-sitter had to recover from a syntax error somewhere in the file. */
    boolean hasError() {
        return root().hasError();
    }

    /** The first line with a syntax error, for the message. */
    int firstErrorLine() {
        return firstError(root());
    }

    private int firstError(TSNode node) {
        if (node.isError() || node.isMissing()) {
            return startLine(node);
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            TSNode child = node.getChild(i);
            if (child.hasError() || child.isMissing() || child.isError()) {
                return firstError(child);
            }
        }
        return startLine(node);
    }

    /** Module-level {@code NAME = expression} assignments, so a migration's {@code operations} may use them. */
    void rememberModuleAssignments() {
        rememberAssignments(root());
    }

    /**
     * {@code NAME = expression} assignments directly in a module or class body: a later name in that body stands for
     * the value ({@code state_operations = [...]} in the Migration class, used by {@code SeparateDatabaseAndState}).
     */
    void rememberAssignments(TSNode body) {
        for (int i = 0; i < body.getNamedChildCount(); i++) {
            TSNode statement = body.getNamedChild(i);
            if ("expression_statement".equals(statement.getType()) && statement.getNamedChildCount() == 1) {
                TSNode assignment = statement.getNamedChild(0);
                if ("assignment".equals(assignment.getType())) {
                    TSNode left = assignment.getChildByFieldName("left");
                    TSNode right = assignment.getChildByFieldName("right");
                    if (!left.isNull() && !right.isNull() && "identifier".equals(left.getType())) {
                        moduleAssignments.put(text(left), right);
                        moduleNames.remove(text(left));
                    }
                }
            }
        }
    }

    /** The value of an expression node. */
    PythonValue value(TSNode node) {
        return value(node, 0);
    }

    private PythonValue value(TSNode node, int depth) {
        String text = oneLine(text(node));
        if (depth > MAX_DEPTH) {
            return new Other("nesting", text);
        }
        String type = node.getType();
        switch (type) {
            case "string", "concatenated_string" -> {
                String s = stringValue(node);
                return s == null ? new Other("f-string", text) : new Str(s, text, valueLine(node, s));
            }
            case "integer", "float" -> {
                return new Num(text.replace("_", ""), text);
            }
            case "true" -> {
                return new Bool(true, text);
            }
            case "false" -> {
                return new Bool(false, text);
            }
            case "none" -> {
                return new NoneValue(text);
            }
            case "identifier" -> {
                return identifier(node, text, depth);
            }
            case "attribute" -> {
                return new Name(text.replaceAll("\\s", ""), text);
            }
            case "parenthesized_expression" -> {
                return node.getNamedChildCount() == 1 ? value(node.getNamedChild(0), depth + 1) : new Other(type, text);
            }
            case "list", "tuple", "set" -> {
                List<PythonValue> items = new ArrayList<>();
                for (int i = 0; i < node.getNamedChildCount(); i++) {
                    TSNode child = node.getNamedChild(i);
                    if (!"comment".equals(child.getType())) {
                        items.add(value(child, depth + 1));
                    }
                }
                return new Sequence(items, text);
            }
            case "dictionary" -> {
                List<Map.Entry<PythonValue, PythonValue>> entries = new ArrayList<>();
                for (int i = 0; i < node.getNamedChildCount(); i++) {
                    TSNode pair = node.getNamedChild(i);
                    if ("pair".equals(pair.getType())) {
                        entries.add(new AbstractMap.SimpleImmutableEntry<>(value(pair.getChildByFieldName("key"), depth + 1),
                                value(pair.getChildByFieldName("value"), depth + 1)));
                    }
                }
                return new Mapping(entries, text);
            }
            case "unary_operator" -> {
                TSNode operand = node.getChildByFieldName("argument");
                if (!operand.isNull() && ("integer".equals(operand.getType()) || "float".equals(operand.getType()))) {
                    return new Num(text.replaceAll("\\s", "").replace("_", ""), text);
                }
                TSNode operator = node.getChildByFieldName("operator");
                if (!operand.isNull() && !operator.isNull() && "~".equals(text(operator))) {
                    return new Call("~", List.of(value(operand, depth + 1)), Map.of(), startLine(node), endLine(node), text);
                }
                return new Other(type, text);
            }
            case "binary_operator" -> {
                return sum(node, text, depth);
            }
            case "call" -> {
                return call(node, text, depth);
            }
            default -> {
                return new Other(type, text);
            }
        }
    }

    /** A name assigned once at module level stands for its value (a SQL string kept in a constant). */
    private PythonValue identifier(TSNode node, String text, int depth) {
        PythonValue known = moduleNames.get(text);
        if (known != null) {
            return known;
        }
        TSNode assigned = moduleAssignments.remove(text);
        if (assigned != null) {
            PythonValue v = value(assigned, depth + 1);
            moduleNames.put(text, v);
            return v;
        }
        return new Name(text, text);
    }

    /** {@code [...] + [...]} and {@code "..." + "..."}: the joined value; anything else is not followed. */
    private PythonValue sum(TSNode node, String text, int depth) {
        TSNode op = node.getChildByFieldName("operator");
        if (!op.isNull() && ("&".equals(text(op)) || "|".equals(text(op)))) {
            // Q(...) & Q(...): read as a call of the operator, so conditions can be rendered
            return new Call(text(op), List.of(value(node.getChildByFieldName("left"), depth + 1),
                    value(node.getChildByFieldName("right"), depth + 1)), Map.of(), startLine(node), endLine(node), text);
        }
        if (op.isNull() || !"+".equals(text(op))) {
            return new Other("binary_operator", text);
        }
        PythonValue left = value(node.getChildByFieldName("left"), depth + 1);
        PythonValue right = value(node.getChildByFieldName("right"), depth + 1);
        if (left instanceof Sequence l && right instanceof Sequence r) {
            List<PythonValue> items = new ArrayList<>(l.items());
            items.addAll(r.items());
            return new Sequence(items, text);
        }
        if (left instanceof Str l && right instanceof Str r) {
            return new Str(l.value() + r.value(), text);
        }
        return new Other("binary_operator", text);
    }

    private PythonValue call(TSNode node, String text, int depth) {
        TSNode function = node.getChildByFieldName("function");
        TSNode arguments = node.getChildByFieldName("arguments");
        if (function.isNull() || arguments.isNull() || !("identifier".equals(function.getType()) || "attribute".equals(function.getType()))) {
            return new Other("call", text);
        }
        List<PythonValue> args = new ArrayList<>();
        Map<String, PythonValue> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < arguments.getNamedChildCount(); i++) {
            TSNode arg = arguments.getNamedChild(i);
            switch (arg.getType()) {
                case "keyword_argument" -> kwargs.put(text(arg.getChildByFieldName("name")),
                        value(arg.getChildByFieldName("value"), depth + 1));
                case "comment" -> { }
                default -> args.add(value(arg, depth + 1));
            }
        }
        return new Call(text(function).replaceAll("\\s", ""), args, kwargs, startLine(node), endLine(node), text);
    }

    /**
     * The line of a literal's first character of value, when the value keeps the file's line breaks (so a SQL
     * statement inside it can be placed on its own lines); 0 otherwise.
     */
    private int valueLine(TSNode node, String value) {
        if (!"string".equals(node.getType())) {
            return 0;
        }
        String raw = text(node);
        long rawBreaks = raw.chars().filter(c -> c == '\n').count();
        long valueBreaks = value.chars().filter(c -> c == '\n').count();
        return rawBreaks == valueBreaks ? startLine(node) : 0;
    }

    /** A string literal's value; null for an f-string with placeholders. */
    private String stringValue(TSNode node) {
        if ("concatenated_string".equals(node.getType())) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                TSNode part = node.getNamedChild(i);
                if ("comment".equals(part.getType())) {
                    continue;
                }
                String s = stringValue(part);
                if (s == null) {
                    return null;
                }
                out.append(s);
            }
            return out.toString();
        }
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            if ("interpolation".equals(node.getNamedChild(i).getType())) {
                return null;
            }
        }
        String raw = text(node);
        int quote = 0;
        while (quote < raw.length() && raw.charAt(quote) != '"' && raw.charAt(quote) != '\'') {
            quote++;
        }
        String prefix = raw.substring(0, quote).toLowerCase(Locale.ROOT);
        String body = raw.substring(quote);
        int q = body.startsWith("\"\"\"") || body.startsWith("'''") ? 3 : 1;
        if (body.length() < 2 * q) {
            return "";
        }
        String inner = body.substring(q, body.length() - q);
        return prefix.contains("r") ? inner : unescape(inner);
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case '\\' -> out.append('\\');
                case '\'' -> out.append('\'');
                case '"' -> out.append('"');
                case '\n' -> { }
                case 'x' -> {
                    if (i + 2 < s.length()) {
                        try {
                            out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                            i += 2;
                        } catch (NumberFormatException e) {
                            out.append('\\').append(n);
                        }
                    } else {
                        out.append('\\').append(n);
                    }
                }
                case 'u' -> {
                    if (i + 4 < s.length()) {
                        try {
                            out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException e) {
                            out.append('\\').append(n);
                        }
                    } else {
                        out.append('\\').append(n);
                    }
                }
                default -> out.append('\\').append(n);
            }
        }
        return out.toString();
    }

    /** Source text on one line: whitespace runs collapsed. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 4096));
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                char prev = out.charAt(out.length() - 1);
                if (prev != '(' && prev != '[' && prev != '{' && c != ')' && c != ']' && c != '}') {
                    out.append(' ');
                }
                space = false;
            }
            out.append(c);
        }
        return out.toString().replace(",)", ")").replace(",]", "]").replace(",}", "}");
    }
}
