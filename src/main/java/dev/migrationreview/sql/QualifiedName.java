package dev.migrationreview.sql;


/**
 * A possibly schema-qualified object name, folded the way PostgreSQL folds it (unquoted names lower
 * case, quoted names kept). {@code schema} is null when the statement did not name one.
 */
public record QualifiedName(String schema, String name) implements java.io.Serializable {
    public static final String DEFAULT_SCHEMA = "public";

    public QualifiedName {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty name");
        }
    }

    public static QualifiedName of(String name) {
        return new QualifiedName(null, name);
    }

    /** Parses {@code a.b} or {@code "A"."b"}, folding unquoted parts to lower case. */
    public static QualifiedName parse(String text) {
        String t = text.trim();
        int dot = topLevelDot(t);
        if (dot < 0) {
            return new QualifiedName(null, fold(t));
        }
        return new QualifiedName(fold(t.substring(0, dot)), fold(t.substring(dot + 1)));
    }

    private static int topLevelDot(String t) {
        boolean quoted = false;
        int last = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                last = i;
            }
        }
        return last;
    }

    /** Folds an identifier: strips double or back quotes (keeping case), lower-cases unquoted ones. */
    public static String fold(String identifier) {
        String s = identifier.trim();
        if (s.length() >= 2 && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("`") && s.endsWith("`")))) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return AsciiCase.lower(s);
    }

    /** The same name with the schema filled in ({@code public} when none was named). */
    public QualifiedName qualified() {
        return schema != null ? this : new QualifiedName(DEFAULT_SCHEMA, name);
    }

    /*
     * equals and hashCode written out: a record's generated ones are linked by an invokedynamic bootstrap
     * (ObjectMethods) on their first call, a measurable part of a short command-line run for this, the most
     * used map key (docs/performance.md). Same contract and same hash as the generated ones.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof QualifiedName other && name.equals(other.name) && java.util.Objects.equals(schema, other.schema);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(schema) + name.hashCode();
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
