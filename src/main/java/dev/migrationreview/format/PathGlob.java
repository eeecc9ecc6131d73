package dev.migrationreview.format;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * A path pattern from config ({@code ignore-paths}, {@code migrations[].path}): {@code **} crosses
 * directories, {@code *} and {@code ?} stay within one, {@code {a,b}} is either, {@code [a-z]} and
 * {@code [!a-z]} are one character of a set. A pattern also matches everything below a directory it
 * matches, so {@code db/legacy} excludes the whole directory.
 *
 * <p>Matching walks the path once, keeping the set of pattern positions still possible (no backtracking),
 * so its cost is path length times pattern length whatever the pattern: {@code **}/{@code **}/... cannot
 * make it hang the way a backtracking regular expression does.
 */
public record PathGlob(String pattern, List<List<Token>> alternatives) {

    /** More alternatives than this (nested or repeated {@code {a,b}}) is a mistake, not a pattern. */
    static final int MAX_ALTERNATIVES = 256;

    public PathGlob {
        alternatives = alternatives.stream().map(List::copyOf).toList();
    }

    /** @throws IllegalArgumentException when the pattern is malformed; {@link #problem} says how */
    public static PathGlob of(String pattern) {
        String p = pattern.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        Parser parser = new Parser(p);
        List<List<Token>> alternatives = parser.sequence(false);
        return new PathGlob(pattern, alternatives.stream().map(PathGlob::collapse).toList());
    }

    /** What is wrong with a pattern, in words for a config error; empty when it is a valid glob. */
    public static Optional<String> problem(String pattern) {
        try {
            of(pattern);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** True when {@code text} contains glob syntax rather than naming one path. */
    public static boolean isGlob(String text) {
        return text.chars().anyMatch(c -> c == '*' || c == '?' || c == '{' || c == '[');
    }

    public boolean matches(String path) {
        for (List<Token> tokens : alternatives) {
            if (matches(tokens, path)) {
                return true;
            }
        }
        return false;
    }

    /** One element of a pattern without alternatives. */
    public sealed interface Token {
        /** One given character. */
        record Literal(char c) implements Token {}

        /** {@code ?}: one character other than {@code /}. */
        record AnyOne() implements Token {}

        /** {@code *}: any run of characters within one directory. */
        record Star() implements Token {}

        /** {@code **} not followed by {@code /}: anything, across directories. */
        record GlobStar() implements Token {}

        /** {@code **}{@code /}: nothing, or anything ending with {@code /}. */
        record GlobStarDirectories() implements Token {}

        /** {@code [...]}: one character (never {@code /}) in, or with {@code !} not in, the ranges. */
        record CharacterSet(String ranges, boolean negated) implements Token {
            boolean contains(char c) {
                boolean in = false;
                for (int i = 0; i < ranges.length(); i += 2) {
                    if (c >= ranges.charAt(i) && c <= ranges.charAt(i + 1)) {
                        in = true;
                        break;
                    }
                }
                return in != negated;
            }
        }
    }

    /** {@code **}/{@code **}/ is {@code **}/: repeats add nothing but states. */
    private static List<Token> collapse(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t instanceof Token.GlobStarDirectories && !out.isEmpty() && out.get(out.size() - 1) instanceof Token.GlobStarDirectories) {
                continue;
            }
            out.add(t);
        }
        return out;
    }

    /**
     * A simulation of the pattern's automaton: state k is "before token k"; state m + 1 + k is "inside the
     * directories of the {@code **}/ at k". A path matches when the end of the pattern is reached at its end,
     * or just before one of its {@code /} (everything below a matched directory).
     */
    private static boolean matches(List<Token> tokens, String path) {
        int m = tokens.size();
        BitSet current = new BitSet(2 * m + 2);
        current.set(0);
        close(tokens, current);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/' && current.get(m)) {
                return true;
            }
            BitSet next = new BitSet(2 * m + 2);
            for (int k = current.nextSetBit(0); k >= 0; k = current.nextSetBit(k + 1)) {
                if (k > m) {
                    int g = k - m - 1;
                    next.set(k);
                    if (c == '/') {
                        next.set(g + 1);
                    }
                    continue;
                }
                if (k == m) {
                    continue;
                }
                Token t = tokens.get(k);
                if (t instanceof Token.Literal l) {
                    if (l.c() == c) {
                        next.set(k + 1);
                    }
                } else if (t instanceof Token.AnyOne) {
                    if (c != '/') {
                        next.set(k + 1);
                    }
                } else if (t instanceof Token.CharacterSet set) {
                    if (c != '/' && set.contains(c)) {
                        next.set(k + 1);
                    }
                } else if (t instanceof Token.Star) {
                    if (c != '/') {
                        next.set(k);
                    }
                } else if (t instanceof Token.GlobStar) {
                    next.set(k);
                } else if (t instanceof Token.GlobStarDirectories) {
                    next.set(m + 1 + k);
                    if (c == '/') {
                        next.set(k + 1);
                    }
                }
            }
            if (next.isEmpty()) {
                return false;
            }
            close(tokens, next);
            current = next;
        }
        return current.get(m);
    }

    /** Adds the states reachable without reading a character: past a star, past an empty {@code **}/. */
    private static void close(List<Token> tokens, BitSet states) {
        int m = tokens.size();
        for (int k = 0; k < m; k++) {
            if (states.get(k)) {
                Token t = tokens.get(k);
                if (t instanceof Token.Star || t instanceof Token.GlobStar || t instanceof Token.GlobStarDirectories) {
                    states.set(k + 1);
                }
            }
        }
    }

    /** Reads a pattern into its alternatives, expanding {@code {a,b}}; one pass, positions for errors. */
    private static final class Parser {
        private final String glob;
        private int i;

        Parser(String glob) {
            this.glob = glob;
        }

        /** Until the end (or, inside braces, until {@code ,} or {@code }}): every way the part can be spelled. */
        List<List<Token>> sequence(boolean inBraces) {
            List<List<Token>> ways = new ArrayList<>();
            ways.add(new ArrayList<>());
            while (i < glob.length()) {
                char c = glob.charAt(i);
                if (inBraces && (c == ',' || c == '}')) {
                    return ways;
                }
                if (c == '{') {
                    int open = i++;
                    List<List<Token>> options = new ArrayList<>();
                    while (true) {
                        options.addAll(sequence(true));
                        if (i >= glob.length()) {
                            throw new IllegalArgumentException("'{' at position " + (open + 1) + " is never closed with '}'");
                        }
                        char end = glob.charAt(i++);
                        if (end == '}') {
                            break;
                        }
                    }
                    List<List<Token>> combined = new ArrayList<>();
                    for (List<Token> way : ways) {
                        for (List<Token> option : options) {
                            List<Token> both = new ArrayList<>(way);
                            both.addAll(option);
                            combined.add(both);
                            if (combined.size() > MAX_ALTERNATIVES) {
                                throw new IllegalArgumentException("its {a,b} groups spell more than " + MAX_ALTERNATIVES
                                        + " different paths; list fewer alternatives");
                            }
                        }
                    }
                    ways = combined;
                    continue;
                }
                Token t = token(c);
                ways.forEach(w -> w.add(t));
            }
            return ways;
        }

        private Token token(char c) {
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    i += 2;
                    if (i < glob.length() && glob.charAt(i) == '/') {
                        i++;
                        return new Token.GlobStarDirectories();
                    }
                    return new Token.GlobStar();
                }
                i++;
                return new Token.Star();
            }
            if (c == '?') {
                i++;
                return new Token.AnyOne();
            }
            if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                if (close > i + 1) {
                    Token set = characterSet(glob.substring(i + 1, close), i);
                    i = close + 1;
                    return set;
                }
            }
            i++;
            return new Token.Literal(c);
        }

        private Token characterSet(String body, int at) {
            boolean negated = body.startsWith("!") || body.startsWith("^");
            String set = negated ? body.substring(1) : body;
            if (set.isEmpty()) {
                throw new IllegalArgumentException("'[" + body + "]' at position " + (at + 1) + " is an empty set of characters");
            }
            StringBuilder ranges = new StringBuilder();
            for (int k = 0; k < set.length(); k++) {
                char lo = set.charAt(k);
                char hi = lo;
                if (k + 2 < set.length() && set.charAt(k + 1) == '-') {
                    hi = set.charAt(k + 2);
                    k += 2;
                    if (hi < lo) {
                        throw new IllegalArgumentException("'[" + body + "]' at position " + (at + 1) + " has the range " + lo + "-" + hi
                                + " backwards; write " + hi + "-" + lo);
                    }
                }
                ranges.append(lo).append(hi);
            }
            return new Token.CharacterSet(ranges.toString(), negated);
        }
    }
}
