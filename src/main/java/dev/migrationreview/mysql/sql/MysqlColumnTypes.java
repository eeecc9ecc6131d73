package dev.migrationreview.mysql.sql;

import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.statement.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a MySQL column type says beyond its name, read from its text as the parser keeps it
 * ({@code varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin}, {@code enum('a','b')}): its charset and collation
 * (a column written without one took its table's when the table was created), ENUM/SET values in order, and how many
 * bytes a value may take, which decides whether a VARCHAR change is in place (Reference Manual 17.12.1, "Online DDL
 * Operations", column operations: the length bytes of a VARCHAR are 1 up to 255 bytes, 2 beyond).
 */
public final class MysqlColumnTypes {
    private static final Set<String> TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set",
            "long varchar");
    private static final Set<String> TYPES = Set.of("bit", "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "dec",
            "numeric", "fixed", "float", "double", "real", "bool", "boolean", "serial", "date", "datetime", "timestamp", "time", "year",
            "char", "varchar", "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "tinytext", "text", "mediumtext",
            "longtext", "enum", "set", "json", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
            "multipolygon", "geometrycollection", "uuid", "inet4", "inet6", "vector", "character", "nchar", "nvarchar", "long", "national",
            "int1", "int2", "int3", "int4", "int8", "middleint", "float4", "float8", "varchar2", "number", "clob", "raw", "xmltype");
    private static final Pattern CHARSET = Pattern.compile("(?i)\\bCHARACTER SET\\s+([A-Za-z0-9_]+)");
    private static final Pattern COLLATE = Pattern.compile("(?i)\\bCOLLATE\\s+([A-Za-z0-9_]+)");

    private MysqlColumnTypes() {}

    /** Whether a word names a column type (so {@code key varchar(10)} is a column named key, not an index). */
    public static boolean isTypeName(String word) {
        return TYPES.contains(word.toLowerCase(Locale.ROOT));
    }

    /** A character type, whose length in bytes depends on its charset. */
    public static boolean isText(TypeName type) {
        return type != null && TEXT.contains(type.name());
    }

    /** The charset written for the column (or taken from its table at creation), lower case, or null. */
    public static String charset(TypeName type) {
        Matcher m = CHARSET.matcher(type.raw());
        String cs = m.find() ? AsciiCase.lower(m.group(1)) : null;
        if (cs == null) {
            String collation = collation(type);
            if (collation != null && collation.contains("_")) {
                cs = collation.substring(0, collation.indexOf('_'));
            }
        }
        return cs;
    }

    /** The collation written for the column (or taken from its table), lower case, or null. */
    public static String collation(TypeName type) {
        Matcher m = COLLATE.matcher(type.raw());
        return m.find() ? AsciiCase.lower(m.group(1)) : null;
    }

    /** The most bytes one character takes in a charset (utf8mb4 4, utf8/utf8mb3 3, latin1 and ascii 1 ...). */
    public static int bytesPerCharacter(String charset) {
        if (charset == null) {
            return 4;
        }
        return switch (charset) {
            case "utf8mb4", "utf16", "utf16le", "utf32", "gb18030" -> 4;
            case "utf8", "utf8mb3", "ujis", "eucjpms" -> 3;
            case "ucs2", "gbk", "big5", "sjis", "cp932", "euckr", "gb2312" -> 2;
            default -> 1;
        };
    }

    /** For CHAR/VARCHAR(n): the most bytes a value may take, in the column's charset or {@code defaultCharset}; else -1. */
    public static int maxBytes(TypeName type, String defaultCharset) {
        if (!(type.name().equals("varchar") || type.name().equals("char")) || type.modifiers().isEmpty()) {
            return -1;
        }
        String cs = charset(type);
        return type.modifiers().get(0) * bytesPerCharacter(cs != null ? cs : defaultCharset);
    }

    /** ENUM or SET values in order, as written without their quotes; empty for other types. */
    public static List<String> values(TypeName type) {
        if (!(type.name().equals("enum") || type.name().equals("set"))) {
            return List.of();
        }
        String raw = type.raw();
        int open = raw.indexOf('(');
        int close = raw.lastIndexOf(')');
        if (open < 0 || close < open) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : MysqlTokens.splitTopLevel(raw.substring(open + 1, close))) {
            out.add(MysqlClassifier.unquote(v.trim()));
        }
        return out;
    }

    /** The type as written without charset and collation ({@code varchar(255)}), for comparing two definitions. */
    public static String withoutCharset(TypeName type) {
        return COLLATE.matcher(CHARSET.matcher(type.raw()).replaceAll("")).replaceAll("").trim().toLowerCase(Locale.ROOT);
    }
}
