package dev.migrationreview.postgres.sql;

import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Normalises PostgreSQL type names to the names {@code format_type} prints, so that {@code int4},
 * {@code int} and {@code integer} compare equal and the rules can reason about one spelling.
 */
final class PostgresTypeNames {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"),
            Map.entry("int4", "integer"),
            Map.entry("integer", "integer"),
            Map.entry("serial", "integer"),
            Map.entry("serial4", "integer"),
            Map.entry("int2", "smallint"),
            Map.entry("smallint", "smallint"),
            Map.entry("smallserial", "smallint"),
            Map.entry("serial2", "smallint"),
            Map.entry("int8", "bigint"),
            Map.entry("bigint", "bigint"),
            Map.entry("bigserial", "bigint"),
            Map.entry("serial8", "bigint"),
            Map.entry("float8", "double precision"),
            Map.entry("double precision", "double precision"),
            Map.entry("float4", "real"),
            Map.entry("real", "real"),
            Map.entry("bool", "boolean"),
            Map.entry("boolean", "boolean"),
            Map.entry("varchar", "character varying"),
            Map.entry("character varying", "character varying"),
            Map.entry("char varying", "character varying"),
            Map.entry("nvarchar", "character varying"),
            Map.entry("char", "character"),
            Map.entry("character", "character"),
            Map.entry("bpchar", "character"),
            Map.entry("decimal", "numeric"),
            Map.entry("numeric", "numeric"),
            Map.entry("dec", "numeric"),
            Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timestamp without time zone", "timestamp without time zone"),
            Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp with time zone", "timestamp with time zone"),
            Map.entry("time", "time without time zone"),
            Map.entry("time without time zone", "time without time zone"),
            Map.entry("timetz", "time with time zone"),
            Map.entry("time with time zone", "time with time zone"),
            Map.entry("varbit", "bit varying"),
            Map.entry("bit varying", "bit varying"));

    private PostgresTypeNames() {}

    static boolean isSerial(String raw) {
        String base = baseName(raw);
        return base.equals("serial") || base.equals("serial4") || base.equals("bigserial") || base.equals("serial8")
                || base.equals("smallserial") || base.equals("serial2");
    }

    /** Normalises a type as written ({@code VARCHAR(255)}, {@code timestamp(3) with time zone}, {@code int[]}). */
    static TypeName normalise(String raw) {
        String text = raw.trim();
        List<SqlToken> tokens = SqlToken.tokenize(text);
        List<Integer> modifiers = new ArrayList<>();
        int arrays = 0;
        StringBuilder name = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isPunct("(")) {
                depth++;
                continue;
            }
            if (t.isPunct(")")) {
                depth--;
                continue;
            }
            if (depth > 0) {
                if (t.type() == SqlToken.Type.NUMBER) {
                    try {
                        modifiers.add(Integer.parseInt(t.text()));
                    } catch (NumberFormatException e) {
                        // a typmod that is not a plain integer (an interval field list) is not kept
                    }
                }
                continue;
            }
            if (t.isPunct("[")) {
                arrays++;
                continue;
            }
            if (t.isPunct("]") || t.type() == SqlToken.Type.NUMBER) {
                continue;
            }
            if (t.isWord("ARRAY")) {
                arrays = Math.max(arrays, 1);
                continue;
            }
            if (t.isPunct(".")) {
                name.append('.');
                continue;
            }
            if (t.isIdentifier()) {
                if (name.length() > 0 && name.charAt(name.length() - 1) != '.') {
                    name.append(' ');
                }
                name.append(t.type() == SqlToken.Type.QUOTED_IDENT ? QualifiedName.fold(t.text()) : t.text().toLowerCase(Locale.ROOT));
            }
        }
        String written = name.toString();
        // pg_catalog.int4 is int4
        if (written.startsWith("pg_catalog.")) {
            written = written.substring("pg_catalog.".length());
        }
        // "char" in quotes is PostgreSQL's one-byte internal type, not character(1)
        String canonical = text.startsWith("\"char\"") ? "\"char\"" : ALIASES.getOrDefault(written, written);
        if (written.equals("float")) {
            canonical = !modifiers.isEmpty() && modifiers.get(0) <= 24 ? "real" : "double precision";
            modifiers.clear();
        }
        // "timestamp(3) with time zone" is tokenised around the modifier
        return new TypeName(canonical, modifiers, arrays, text);
    }

    private static String baseName(String raw) {
        String t = raw.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pg_catalog.")) {
            t = t.substring("pg_catalog.".length());
        }
        return t.replace("\"", "");
    }
}
