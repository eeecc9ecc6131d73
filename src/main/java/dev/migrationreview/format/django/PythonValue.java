package dev.migrationreview.format.django;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Python expression as a migration writes it, read without running it: literals, names, containers and calls.
 * Anything else (a comprehension, an f-string, arithmetic) is {@link Other} with its source text, so that a reader
 * can say what it could not follow.
 */
public sealed interface PythonValue {

    /** The expression as written (collapsed to one line for containers and calls). */
    String text();

    /**
     * A string literal, its escapes resolved; adjacent literals are one string.
     *
     * @param line the file line of the value's first character when the value's lines are the file's lines (no
     *             escaped newlines, one literal); 0 when they are not
     */
    record Str(String value, String text, int line) implements PythonValue {
        public Str(String value, String text) {
            this(value, text, 0);
        }
    }

    /** An integer or float literal, as written ({@code 10}, {@code -1}, {@code 0.5}). */
    record Num(String value, String text) implements PythonValue {}

    record Bool(boolean value, String text) implements PythonValue {}

    record NoneValue(String text) implements PythonValue {}

    /** A name or dotted attribute ({@code django.db.models.deletion.CASCADE}, {@code settings.AUTH_USER_MODEL}). */
    record Name(String dotted, String text) implements PythonValue {
        /** The last part of the dotted name. */
        public String last() {
            int dot = dotted.lastIndexOf('.');
            return dot < 0 ? dotted : dotted.substring(dot + 1);
        }
    }

    /** A list, tuple or set. */
    record Sequence(List<PythonValue> items, String text) implements PythonValue {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** A dict literal with its entries in order (keys are expressions too). */
    record Mapping(List<Map.Entry<PythonValue, PythonValue>> entries, String text) implements PythonValue {
        public Mapping {
            entries = List.copyOf(entries);
        }

        /** The value of a string key. */
        public Optional<PythonValue> get(String key) {
            for (Map.Entry<PythonValue, PythonValue> e : entries) {
                if (e.getKey() instanceof Str s && s.value().equals(key)) {
                    return Optional.of(e.getValue());
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A call ({@code migrations.AddField(...)}, {@code models.CharField(max_length=20)}), with its lines in the file.
     *
     * @param callee    the called name as written, dotted
     * @param args      positional arguments
     * @param kwargs    keyword arguments in order
     * @param startLine 1-based first line of the call
     * @param endLine   1-based last line of the call
     */
    record Call(String callee, List<PythonValue> args, Map<String, PythonValue> kwargs, int startLine, int endLine, String text)
            implements PythonValue {
        public Call {
            args = List.copyOf(args);
            kwargs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kwargs));
        }

        /** The last part of the callee ({@code AddField} of {@code migrations.AddField}). */
        public String name() {
            int dot = callee.lastIndexOf('.');
            return dot < 0 ? callee : callee.substring(dot + 1);
        }

        /** A keyword argument, or the positional one at {@code position} when the keyword is not given. */
        public Optional<PythonValue> arg(String keyword, int position) {
            PythonValue v = kwargs.get(keyword);
            if (v != null) {
                return Optional.of(v);
            }
            return position >= 0 && position < args.size() ? Optional.of(args.get(position)) : Optional.empty();
        }

        public Optional<PythonValue> kwarg(String keyword) {
            return Optional.ofNullable(kwargs.get(keyword));
        }

        /** A string argument, or null. */
        public String string(String keyword, int position) {
            return arg(keyword, position).filter(Str.class::isInstance).map(v -> ((Str) v).value()).orElse(null);
        }

        /** A boolean keyword argument, or the given default when absent or not a literal. */
        public boolean flag(String keyword, boolean otherwise) {
            PythonValue v = kwargs.get(keyword);
            return v instanceof Bool b ? b.value() : otherwise;
        }
    }

    /** An expression this reader does not evaluate. */
    record Other(String kind, String text) implements PythonValue {}

    /** The string a value holds, or null. */
    static String string(PythonValue v) {
        return v instanceof Str s ? s.value() : null;
    }

    /** The strings of a list or tuple of strings (a lone string is one); non-strings are left out. */
    static List<String> strings(PythonValue v) {
        if (v instanceof Str s) {
            return List.of(s.value());
        }
        if (v instanceof Sequence seq) {
            return seq.items().stream().filter(Str.class::isInstance).map(i -> ((Str) i).value()).toList();
        }
        return List.of();
    }
}
