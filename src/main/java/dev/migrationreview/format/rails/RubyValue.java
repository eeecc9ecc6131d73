package dev.migrationreview.format.rails;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Ruby literal as a migration writes it in a call's arguments ({@code :orders}, {@code "a > 1"},
 * {@code [:a, :b]}, {@code {to_table: :users}}); anything that only runs at migration time (a method call, a
 * constant, an interpolated string) is {@link Code}, which the translator cannot turn into SQL.
 */
sealed interface RubyValue {
    record Sym(String name) implements RubyValue {}

    /** A string without interpolation, escapes resolved. */
    record Str(String text) implements RubyValue {}

    record Num(String text) implements RubyValue {}

    record Bool(boolean value) implements RubyValue {}

    record Nil() implements RubyValue {}

    record Arr(List<RubyValue> items) implements RubyValue {
        public Arr {
            items = List.copyOf(items);
        }
    }

    /** A hash with symbol or string keys, in written order. */
    record Hash(Map<String, RubyValue> entries) implements RubyValue {
        public Hash {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** {@code -> { "now()" }}: a lambda returning a string, Rails' way of writing an SQL expression default. */
    record SqlExpression(String sql) implements RubyValue {}

    /** Ruby that only has a value when it runs (a method call, a constant, an interpolated string). */
    record Code(String text) implements RubyValue {}

    /** A symbol's or string's text; null for anything else. */
    default String name() {
        if (this instanceof Sym s) {
            return s.name();
        }
        if (this instanceof Str s) {
            return s.text();
        }
        return null;
    }
}
