package dev.migrationreview.schema;

import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output columns of a query's top-level select list, as far as text tells: enough for
 * {@code CREATE TABLE ... AS SELECT} and for views used as sources, so that later statements on
 * such a table find its columns. A column's type comes from the source column it copies or from a
 * trailing cast; otherwise it is {@code unknown}.
 */
final class QueryColumns {
    private static final Pattern ALIAS = Pattern.compile("(?is)^(.*?)\\s+AS\\s+(\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)$");
    private static final Pattern IMPLICIT_ALIAS = Pattern.compile("(?is)^(.*\\))\\s+([A-Za-z_][\\w$]*)$");
    private static final Pattern IDENTIFIER_CHAIN = Pattern.compile("^(\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)(\\s*\\.\\s*(\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*))*$");
    private static final Pattern TRAILING_CAST = Pattern.compile("(?is)^(.*?)::\\s*([A-Za-z_][\\w$ ]*?(\\(\\s*\\d+(\\s*,\\s*\\d+)?\\s*\\))?(\\[\\])*)$");
    private static final Map<String, String> TYPE_ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"), Map.entry("int2", "smallint"),
            Map.entry("bool", "boolean"), Map.entry("varchar", "character varying"), Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp", "timestamp without time zone"), Map.entry("float8", "double precision"), Map.entry("float4", "real"),
            Map.entry("decimal", "numeric"));
    private static final TypeName UNKNOWN = new TypeName("unknown", List.of(), 0, "unknown");

    private QueryColumns() {}

    /**
     * @param columnsOf the columns of a source relation, or null when unknown
     * @return the query's columns, or null when they cannot be told from its text
     */
    static List<Column> of(String sql, List<QualifiedName> sources, Function<QualifiedName, List<Column>> columnsOf) {
        List<String> items = selectList(sql);
        if (items == null) {
            return null;
        }
        List<Column> out = new ArrayList<>();
        for (String item : items) {
            String text = item.trim();
            if (text.equals("*") || text.endsWith(".*")) {
                List<QualifiedName> from = sources;
                if (!text.equals("*") && sources.size() > 1) {
                    String qualifier = QualifiedName.fold(text.substring(0, text.length() - 2).replaceAll(".*\\.", ""));
                    String table = aliases(sql).getOrDefault(qualifier, qualifier);
                    from = sources.stream().filter(s -> s.name().equals(table)).toList();
                }
                if (from.isEmpty()) {
                    return null;
                }
                for (QualifiedName source : from) {
                    List<Column> columns = columnsOf.apply(source);
                    if (columns == null) {
                        return null;
                    }
                    for (Column c : columns) {
                        out.add(new Column(c.name(), c.type(), false, null, null, null));
                    }
                }
                continue;
            }
            String expression = text;
            String name = null;
            Matcher alias = ALIAS.matcher(text);
            Matcher implicit = IMPLICIT_ALIAS.matcher(text);
            if (alias.matches()) {
                expression = alias.group(1).trim();
                name = QualifiedName.fold(alias.group(2));
            } else if (implicit.matches()) {
                expression = implicit.group(1).trim();
                name = QualifiedName.fold(implicit.group(2));
            }
            TypeName type = UNKNOWN;
            String base = expression;
            Matcher cast = TRAILING_CAST.matcher(expression);
            if (cast.matches()) {
                base = cast.group(1).trim();
                type = castType(cast.group(2).trim());
            }
            if (IDENTIFIER_CHAIN.matcher(base).matches()) {
                String column = QualifiedName.fold(base.replaceAll("^.*\\.\\s*", ""));
                if (name == null) {
                    name = column;
                }
                if (type == UNKNOWN) {
                    type = sourceType(column, sources, columnsOf);
                }
            }
            if (name == null) {
                String function = SqlText.functionOf(base);
                name = function != null ? function : "?column?";
            }
            out.add(new Column(name, type, false, null, null, null));
        }
        return out;
    }

    private static final Pattern FROM_ITEM = Pattern.compile(
            "(?i)\\b(?:FROM|JOIN)\\s+((?:\"[^\"]+\"|[A-Za-z_][\\w$]*)(?:\\.(?:\"[^\"]+\"|[A-Za-z_][\\w$]*))?)(?:\\s+(?:AS\\s+)?([A-Za-z_][\\w$]*))?");
    private static final Set<String> NOT_AN_ALIAS = Set.of("on", "using", "where", "group", "order", "limit", "left", "right", "inner",
            "full", "cross", "join", "natural", "union", "having", "window", "lateral", "offset", "fetch", "for", "except", "intersect");

    /** {@code FROM post p JOIN person AS u}: alias -> table name, so that {@code p.*} finds its table. */
    private static Map<String, String> aliases(String sql) {
        Map<String, String> out = new java.util.HashMap<>();
        Matcher m = FROM_ITEM.matcher(sql);
        while (m.find()) {
            String alias = m.group(2);
            if (alias != null && !NOT_AN_ALIAS.contains(AsciiCase.lower(alias))) {
                String table = QualifiedName.parse(m.group(1)).name();
                out.putIfAbsent(QualifiedName.fold(alias), table);
            }
        }
        return out;
    }

    private static TypeName sourceType(String column, List<QualifiedName> sources, Function<QualifiedName, List<Column>> columnsOf) {
        for (QualifiedName source : sources) {
            List<Column> columns = columnsOf.apply(source);
            if (columns != null) {
                for (Column c : columns) {
                    if (c.name().equals(column) && c.type() != null) {
                        return c.type();
                    }
                }
            }
        }
        return UNKNOWN;
    }

    private static TypeName castType(String raw) {
        String lower = AsciiCase.lower(raw).replaceAll("\\s+", " ");
        int dims = 0;
        while (lower.endsWith("[]")) {
            lower = lower.substring(0, lower.length() - 2).trim();
            dims++;
        }
        List<Integer> modifiers = new ArrayList<>();
        int paren = lower.indexOf('(');
        if (paren > 0) {
            for (String m : lower.substring(paren + 1, lower.indexOf(')', paren)).split(",")) {
                modifiers.add(Integer.parseInt(m.trim()));
            }
            lower = lower.substring(0, paren).trim();
        }
        return new TypeName(TYPE_ALIASES.getOrDefault(lower, lower), modifiers, dims, raw);
    }

    /** The items of the main SELECT's list (before FROM), or null when there is none. */
    static List<String> selectList(String sql) {
        int select = mainSelect(sql);
        if (select < 0) {
            return null;
        }
        int n = sql.length();
        int depth = 0;
        List<String> items = new ArrayList<>();
        int itemStart = skipSetQuantifier(sql, select + "SELECT".length());
        int end = n;
        for (int i = itemStart; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c) - 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    end = i;
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(sql.substring(itemStart, i));
                itemStart = i + 1;
            } else if (depth == 0 && Character.isLetter(c) && !isWordChar(sql.charAt(i - 1))) {
                int j = i;
                while (j < n && isWordChar(sql.charAt(j))) {
                    j++;
                }
                String word = AsciiCase.upper(sql.substring(i, j));
                if (LIST_END.contains(word)) {
                    items.add(sql.substring(itemStart, i));
                    return items;
                }
                i = j - 1;
            }
        }
        items.add(sql.substring(itemStart, end));
        return items;
    }

    private static final Set<String> LIST_END = Set.of("FROM", "INTO", "WHERE", "GROUP", "ORDER", "LIMIT", "UNION",
            "EXCEPT", "INTERSECT", "HAVING", "WINDOW");

    /** The first SELECT at the shallowest parenthesis depth: the main query, not a CTE body or subquery. */
    private static int mainSelect(String sql) {
        int n = sql.length();
        int depth = 0;
        int best = -1;
        int bestDepth = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c) - 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (Character.isLetter(c) && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                int j = i;
                while (j < n && isWordChar(sql.charAt(j))) {
                    j++;
                }
                if (j - i == 6 && sql.regionMatches(true, i, "SELECT", 0, 6) && depth < bestDepth) {
                    best = i;
                    bestDepth = depth;
                }
                i = j - 1;
            }
        }
        return best;
    }

    private static int skipSetQuantifier(String sql, int from) {
        String rest = sql.substring(from);
        Matcher m = Pattern.compile("(?is)^\\s*(DISTINCT\\s+ON\\s*\\(|DISTINCT\\b|ALL\\b)").matcher(rest);
        if (!m.find()) {
            return from;
        }
        int end = from + m.end();
        if (m.group(1).endsWith("(")) {
            int depth = 1;
            while (end < sql.length() && depth > 0) {
                char c = sql.charAt(end++);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            }
        }
        return end;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int skipQuoted(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
