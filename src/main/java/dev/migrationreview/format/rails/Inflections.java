package dev.migrationreview.format.rails;

import java.util.List;
import java.util.Map;

/**
 * The English plurals Rails' inflector derives names from ({@code t.references :customer} points at
 * {@code customers}; {@code add_foreign_key :orders, :customers} uses {@code customer_id}): its default rules,
 * the common ones, irregulars and uncountables. An application's own inflections are not seen.
 */
final class Inflections {
    private static final Map<String, String> IRREGULAR = Map.of("person", "people", "man", "men", "child", "children",
            "sex", "sexes", "move", "moves", "zombie", "zombies", "woman", "women", "ox", "oxen");
    private static final List<String> UNCOUNTABLE = List.of("equipment", "information", "rice", "money", "species", "series",
            "fish", "sheep", "jeans", "police", "news", "metadata", "data");

    private Inflections() {}

    static String pluralize(String word) {
        String prefix = word.contains("_") ? word.substring(0, word.lastIndexOf('_') + 1) : "";
        String last = word.substring(prefix.length());
        if (UNCOUNTABLE.contains(last)) {
            return word;
        }
        if (IRREGULAR.containsKey(last)) {
            return prefix + IRREGULAR.get(last);
        }
        if (IRREGULAR.containsValue(last)) {
            return word;
        }
        if (last.matches(".*(quiz)$")) {
            return word + "zes";
        }
        if (last.matches(".*(matr|vert|ind)(ix|ex)$")) {
            return prefix + last.substring(0, last.length() - 2) + "ices";
        }
        if (last.matches(".*(x|ch|ss|sh)$")) {
            return word + "es";
        }
        if (last.matches(".*([^aeiouy]|qu)y$")) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (last.matches(".*(?:([^f])fe|([lr])f)$")) {
            return word.replaceAll("(?:([^f])fe|([lr])f)$", "$1$2ves");
        }
        if (last.matches(".*(hive)$")) {
            return word + "s";
        }
        if (last.matches(".*sis$")) {
            return word.substring(0, word.length() - 2) + "es";
        }
        if (last.matches(".*([ti])um$")) {
            return word.substring(0, word.length() - 2) + "a";
        }
        if (last.matches(".*(buffal|tomat)o$")) {
            return word + "es";
        }
        if (last.matches(".*(alias|status)$")) {
            return word + "es";
        }
        if (last.matches(".*(octop|vir)us$")) {
            return word.substring(0, word.length() - 2) + "i";
        }
        if (last.endsWith("s")) {
            return word;
        }
        return word + "s";
    }

    static String singularize(String word) {
        String prefix = word.contains("_") ? word.substring(0, word.lastIndexOf('_') + 1) : "";
        String last = word.substring(prefix.length());
        if (UNCOUNTABLE.contains(last)) {
            return word;
        }
        for (Map.Entry<String, String> e : IRREGULAR.entrySet()) {
            if (e.getValue().equals(last)) {
                return prefix + e.getKey();
            }
        }
        if (IRREGULAR.containsKey(last)) {
            return word;
        }
        String[][] rules = {
            {"(database)s$", "$1"}, {"(quiz)zes$", "$1"}, {"(matr)ices$", "$1ix"}, {"(vert|ind)ices$", "$1ex"},
            {"(alias|status)(es)?$", "$1"}, {"(octop|vir)(us|i)$", "$1us"}, {"^(a)x[ie]s$", "$1xis"},
            {"(cris|test)(is|es)$", "$1is"}, {"(shoe)s$", "$1"}, {"(o)es$", "$1"}, {"(bus)(es)?$", "$1"},
            {"^(m|l)ice$", "$1ouse"}, {"(x|ch|ss|sh)es$", "$1"}, {"(m)ovies$", "$1ovie"}, {"(s)eries$", "$1eries"},
            {"([^aeiouy]|qu)ies$", "$1y"}, {"([lr])ves$", "$1f"}, {"(tive)s$", "$1"}, {"(hive)s$", "$1"},
            {"([^f])ves$", "$1fe"}, {"(^analy)(sis|ses)$", "$1sis"},
            {"((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$", "$1sis"}, {"([ti])a$", "$1um"},
            {"(n)ews$", "$1ews"}, {"(ss)$", "$1"}, {"s$", ""},
        };
        for (String[] rule : rules) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(rule[0]).matcher(last);
            if (m.find()) {
                return prefix + m.replaceFirst(rule[1]);
            }
        }
        return word;
    }
}
