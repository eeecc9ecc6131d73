package dev.migrationreview.format.rails;

import java.util.Map;

/**
 * What each Rails column type is on the server, per adapter (Rails' {@code NATIVE_DATABASE_TYPES}), and how the
 * adapter quotes names. Plain data: no dialect code is imported.
 */
enum ColumnTypes {
    POSTGRESQL('"', Map.ofEntries(
            Map.entry("string", "character varying"), Map.entry("text", "text"), Map.entry("integer", "integer"),
            Map.entry("bigint", "bigint"), Map.entry("float", "float"), Map.entry("decimal", "decimal"),
            Map.entry("numeric", "numeric"), Map.entry("datetime", "timestamp"), Map.entry("timestamp", "timestamp"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("time", "time"), Map.entry("date", "date"),
            Map.entry("binary", "bytea"), Map.entry("boolean", "boolean"), Map.entry("json", "json"),
            Map.entry("jsonb", "jsonb"), Map.entry("uuid", "uuid"), Map.entry("inet", "inet"), Map.entry("cidr", "cidr"),
            Map.entry("macaddr", "macaddr"), Map.entry("citext", "citext"), Map.entry("hstore", "hstore"),
            Map.entry("ltree", "ltree"), Map.entry("tsvector", "tsvector"), Map.entry("xml", "xml"),
            Map.entry("money", "money"), Map.entry("interval", "interval"), Map.entry("oid", "oid"),
            Map.entry("point", "point"), Map.entry("line", "line"), Map.entry("lseg", "lseg"), Map.entry("box", "box"),
            Map.entry("path", "path"), Map.entry("polygon", "polygon"), Map.entry("circle", "circle"),
            Map.entry("bit", "bit"), Map.entry("bit_varying", "bit varying"), Map.entry("daterange", "daterange"),
            Map.entry("numrange", "numrange"), Map.entry("tsrange", "tsrange"), Map.entry("tstzrange", "tstzrange"),
            Map.entry("int4range", "int4range"), Map.entry("int8range", "int8range"), Map.entry("serial", "serial"),
            Map.entry("bigserial", "bigserial"), Map.entry("smallint", "smallint"))),
    MYSQL('`', Map.ofEntries(
            Map.entry("string", "varchar"), Map.entry("text", "text"), Map.entry("integer", "int"),
            Map.entry("bigint", "bigint"), Map.entry("float", "float"), Map.entry("decimal", "decimal"),
            Map.entry("numeric", "decimal"), Map.entry("datetime", "datetime"), Map.entry("timestamp", "timestamp"),
            Map.entry("time", "time"), Map.entry("date", "date"), Map.entry("binary", "blob"),
            Map.entry("blob", "blob"), Map.entry("boolean", "tinyint(1)"), Map.entry("json", "json"),
            Map.entry("uuid", "varchar(36)"), Map.entry("smallint", "smallint"), Map.entry("virtual", "virtual")));

    private final char quote;
    private final Map<String, String> types;

    ColumnTypes(char quote, Map<String, String> types) {
        this.quote = quote;
        this.types = types;
    }

    static ColumnTypes of(RailsProject project) {
        return project.mysql() ? MYSQL : POSTGRESQL;
    }

    boolean mysql() {
        return this == MYSQL;
    }

    String quote(String name) {
        if (name.contains(".") && this == POSTGRESQL) {
            // schema-qualified: "billing"."orders"
            String[] parts = name.split("\\.", 2);
            return quote(parts[0]) + "." + quote(parts[1]);
        }
        String q = String.valueOf(quote);
        return q + name.replace(q, q + q) + q;
    }

    /**
     * The server type of a Rails column type with its {@code limit}, {@code precision}, {@code scale} and
     * {@code array}, as the adapter writes it; null for a type the adapter does not know.
     *
     * @param datetimePrecision the precision Rails gives a datetime column that names none (6 since 7.0), or null
     */
    String sqlType(String railsType, Integer limit, Integer precision, Integer scale, boolean array, Integer datetimePrecision) {
        String base = types.get(railsType);
        if (base == null) {
            return null;
        }
        String type = switch (railsType) {
            case "integer" -> integerType(limit);
            case "string" -> this == MYSQL ? "varchar(" + (limit == null ? 255 : limit) + ")"
                    : limit == null ? base : base + "(" + limit + ")";
            case "text", "binary", "blob" -> this == MYSQL ? sizedLob(railsType, limit) : base;
            case "decimal", "numeric" -> precision == null ? base
                    : base + "(" + precision + (scale == null ? "" : "," + scale) + ")";
            case "datetime", "timestamp", "time", "timestamptz" -> {
                Integer p = precision != null ? precision : railsType.equals("datetime") ? datetimePrecision : null;
                if (p == null) {
                    yield base;
                }
                yield this == POSTGRESQL && railsType.equals("timestamptz") ? "timestamp(" + p + ") with time zone" : base + "(" + p + ")";
            }
            case "bit", "bit_varying" -> limit == null ? base : base + "(" + limit + ")";
            case "float" -> this == POSTGRESQL ? "float" : base;
            default -> base;
        };
        return array && this == POSTGRESQL ? type + "[]" : type;
    }

    private String integerType(Integer limit) {
        if (limit == null) {
            return this == MYSQL ? "int" : "integer";
        }
        if (this == MYSQL) {
            return switch (limit) {
                case 1 -> "tinyint";
                case 2 -> "smallint";
                case 3 -> "mediumint";
                case 5, 6, 7, 8 -> "bigint";
                default -> "int";
            };
        }
        return limit <= 2 ? "smallint" : limit <= 4 ? "integer" : "bigint";
    }

    private static String sizedLob(String railsType, Integer limit) {
        String kind = railsType.equals("text") ? "text" : "blob";
        if (limit == null) {
            return kind;
        }
        if (limit <= 0xff) {
            return "tiny" + kind;
        }
        if (limit <= 0xffff) {
            return kind;
        }
        return limit <= 0xffffff ? "medium" + kind : "long" + kind;
    }

    /** The primary key column Rails creates for {@code create_table} without {@code id:} options. */
    String primaryKey(String column, boolean bigint) {
        if (this == MYSQL) {
            return quote(column) + (bigint ? " bigint" : " int") + " NOT NULL AUTO_INCREMENT PRIMARY KEY";
        }
        return quote(column) + (bigint ? " bigserial primary key" : " serial primary key");
    }

    /** {@code ADD} as the adapter writes it in ALTER TABLE (Rails writes {@code ADD "col" type}). */
    String addColumn() {
        return "ADD";
    }
}
