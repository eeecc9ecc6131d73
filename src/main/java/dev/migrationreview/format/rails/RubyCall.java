package dev.migrationreview.format.rails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treesitter.TSNode;

/**
 * A method call as written in a migration: {@code add_index :orders, :customer_id, unique: true}, or
 * {@code t.string :name} on a table definition's block variable.
 *
 * @param node        the call's node (its span, with any block)
 * @param receiver    the receiver as written ({@code t}, {@code Order.where(paid: false)}), or null
 * @param method      the method name
 * @param arguments   positional arguments, in order
 * @param options     the trailing keyword arguments ({@code unique: true}), in order
 * @param block       the block's node ({@code do … end} or <code>{ … }</code>), or null
 * @param blockParam  the block's first parameter ({@code t}, {@code dir}), or null
 * @param opaque      an argument the reader cannot see into ({@code *columns}, {@code **opts}, {@code &blk}), or null
 */
record RubyCall(TSNode node, String receiver, String method, List<RubyValue> arguments, Map<String, RubyValue> options,
        TSNode block, String blockParam, String opaque) {

    /** The call a statement node writes, or null when it is not a call ({@code if}, an assignment, ...). */
    static RubyCall of(TSNode node, RubySource source) {
        switch (node.getType()) {
            case "identifier" -> {
                return new RubyCall(node, null, source.text(node), List.of(), Map.of(), null, null, null);
            }
            case "call" -> {
                TSNode receiver = RubySource.field(node, "receiver");
                TSNode method = RubySource.field(node, "method");
                if (method == null) {
                    return null;
                }
                List<RubyValue> args = new ArrayList<>();
                Map<String, RubyValue> options = new LinkedHashMap<>();
                String opaque = null;
                TSNode list = RubySource.field(node, "arguments");
                for (TSNode arg : RubySource.namedChildren(list)) {
                    switch (arg.getType()) {
                        case "pair" -> {
                            String key = source.key(arg);
                            if (key == null) {
                                opaque = source.text(arg);
                            } else {
                                options.put(key, source.value(RubySource.field(arg, "value")));
                            }
                        }
                        case "splat_argument", "hash_splat_argument", "block_argument", "forward_argument" -> opaque = source.text(arg);
                        // a heredoc opened inside parentheses has its body among the arguments: it is the opener's value
                        case "comment", "heredoc_body" -> { }
                        default -> {
                            RubyValue v = source.value(arg);
                            if (v instanceof RubyValue.Hash h && arg.getNextNamedSibling() == null) {
                                options.putAll(h.entries());
                            } else {
                                args.add(v);
                            }
                        }
                    }
                }
                TSNode block = RubySource.field(node, "block");
                String param = null;
                if (block != null) {
                    TSNode params = RubySource.field(block, "parameters");
                    for (TSNode p : RubySource.namedChildren(params)) {
                        if (p.getType().equals("identifier")) {
                            param = source.text(p);
                            break;
                        }
                    }
                }
                return new RubyCall(node, receiver == null ? null : source.text(receiver), source.text(method), List.copyOf(args),
                        options, block, param, opaque);
            }
            default -> {
                return null;
            }
        }
    }

    RubyValue argument(int i) {
        return i < arguments.size() ? arguments.get(i) : null;
    }

    /** A positional argument's symbol or string name, or null. */
    String name(int i) {
        RubyValue v = argument(i);
        return v == null ? null : v.name();
    }

    RubyValue option(String key) {
        return options.get(key);
    }

    boolean has(String key) {
        return options.containsKey(key);
    }

    /** Whether an option is set to something truthy ({@code true}, a symbol, a hash). */
    boolean truthy(String key) {
        RubyValue v = options.get(key);
        return v != null && !(v instanceof RubyValue.Bool b && !b.value()) && !(v instanceof RubyValue.Nil);
    }

    /** An option's symbol or string name, or null. */
    String optionName(String key) {
        RubyValue v = options.get(key);
        return v == null ? null : v.name();
    }

    /** The statements of the block's body, or none. */
    List<TSNode> blockStatements() {
        if (block == null) {
            return List.of();
        }
        TSNode body = RubySource.field(block, "body");
        return RubySource.namedChildren(body);
    }
}
