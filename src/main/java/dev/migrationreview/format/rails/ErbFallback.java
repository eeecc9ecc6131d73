package dev.migrationreview.format.rails;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TreeSitterRuby;

/**
 * The value an ERB tag of {@code config/database.yml} has when the environment it reads is not set: the review
 * runs far from production, so {@code ENV['DATABASE_ADAPTER'].presence || "mysql2"} is {@code mysql2}, and
 * {@code ENV.fetch("DB_HOST") { "127.0.0.1" }} is {@code 127.0.0.1}. The Ruby is parsed (tree-sitter), never
 * matched with patterns; anything else (a method call, a block that searches the disk) has no known value.
 */
final class ErbFallback {
    private ErbFallback() {}

    /** The tag's value without environment, or empty when only running Ruby could tell. */
    static Optional<String> of(String rubyExpression) {
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterRuby());
        byte[] bytes = rubyExpression.getBytes(StandardCharsets.UTF_8);
        TSNode root = parser.parseString(null, rubyExpression).getRootNode();
        if (root.hasError() || root.getNamedChildCount() != 1) {
            return Optional.empty();
        }
        return value(root.getNamedChild(0), bytes);
    }

    private static Optional<String> value(TSNode node, byte[] src) {
        switch (node.getType()) {
            case "string" -> {
                return literal(node, src);
            }
            case "integer", "float" -> {
                return Optional.of(text(node, src));
            }
            case "parenthesized_statements" -> {
                return node.getNamedChildCount() == 1 ? value(node.getNamedChild(0), src) : Optional.empty();
            }
            case "binary" -> {
                // ENV['X'] || "default": the left side is unset here, so the right side is the value
                TSNode operator = node.getChildByFieldName("operator");
                if (!operator.isNull() && (text(operator, src).equals("||") || text(operator, src).equals("or"))
                        && readsEnvironment(node.getChildByFieldName("left"), src)) {
                    return value(node.getChildByFieldName("right"), src);
                }
                return Optional.empty();
            }
            case "call" -> {
                return fetchDefault(node, src);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** {@code ENV.fetch("X", "default")} or {@code ENV.fetch("X") { "default" }}. */
    private static Optional<String> fetchDefault(TSNode call, byte[] src) {
        TSNode receiver = call.getChildByFieldName("receiver");
        TSNode method = call.getChildByFieldName("method");
        if (receiver.isNull() || method.isNull() || !isEnv(receiver, src) || !text(method, src).equals("fetch")) {
            return Optional.empty();
        }
        TSNode block = call.getChildByFieldName("block");
        if (!block.isNull()) {
            TSNode body = block.getChildByFieldName("body");
            if (!body.isNull() && body.getNamedChildCount() == 1) {
                return value(body.getNamedChild(0), src);
            }
            return Optional.empty();
        }
        TSNode arguments = call.getChildByFieldName("arguments");
        if (!arguments.isNull() && arguments.getNamedChildCount() == 2) {
            return value(arguments.getNamedChild(1), src);
        }
        return Optional.empty();
    }

    /** {@code ENV['X']}, {@code ENV['X'].presence}, {@code ENV.fetch('X', nil)}: a value from the environment. */
    private static boolean readsEnvironment(TSNode node, byte[] src) {
        if (node.isNull()) {
            return false;
        }
        return switch (node.getType()) {
            case "element_reference" -> isEnv(node.getChildByFieldName("object"), src);
            case "call" -> readsEnvironment(node.getChildByFieldName("receiver"), src) || isEnv(node.getChildByFieldName("receiver"), src);
            case "binary" -> readsEnvironment(node.getChildByFieldName("left"), src);
            default -> false;
        };
    }

    private static boolean isEnv(TSNode node, byte[] src) {
        return !node.isNull() && node.getType().equals("constant") && text(node, src).equals("ENV");
    }

    /** A plain string literal; one with interpolation has no fixed value. */
    private static Optional<String> literal(TSNode string, byte[] src) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < string.getNamedChildCount(); i++) {
            TSNode part = string.getNamedChild(i);
            switch (part.getType()) {
                case "string_content" -> out.append(text(part, src));
                case "escape_sequence" -> out.append(unescape(text(part, src)));
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out.toString());
    }

    private static String unescape(String escape) {
        return switch (escape) {
            case "\\n" -> "\n";
            case "\\t" -> "\t";
            default -> escape.length() == 2 ? escape.substring(1) : escape;
        };
    }

    private static String text(TSNode node, byte[] src) {
        return new String(src, node.getStartByte(), node.getEndByte() - node.getStartByte(), StandardCharsets.UTF_8);
    }
}
