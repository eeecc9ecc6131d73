package dev.migrationreview.format.django;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Names as Django makes them (django/db/backends/utils.py and base/schema.py): table names cut to the backend's
 * identifier length with a 4-character hash, and index and constraint names with an 8-character hash of the
 * table and columns ({@code orders_order_customer_id_3f1e2b5a}, {@code ..._fk_customers_customer_id},
 * {@code ..._uniq}, {@code ..._like}). The hashes must match Django's exactly: a later {@code RemoveIndex} or
 * a constraint dropped by name refers to them.
 */
final class DjangoNames {
    private final int maxLength;

    DjangoNames(int maxLength) {
        this.maxLength = maxLength;
    }

    /** {@code names_digest(*args, length)}: the md5 of the arguments' UTF-8 bytes, hex, cut to {@code length}. */
    static String digest(int length, List<String> parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (String part : parts) {
                md5.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md5.digest()).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    /** {@code truncate_name}: a name longer than the backend allows keeps its start and gets a 4-character hash. */
    String truncate(String identifier) {
        if (identifier.length() <= maxLength) {
            return identifier;
        }
        return identifier.substring(0, maxLength - 4) + digest(4, List.of(identifier));
    }

    /** {@code _create_index_name(table_name, column_names, suffix)}. */
    String index(String table, List<String> columns, String suffix) {
        String tableName = table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
        String hashSuffix = digest(8, concat(tableName, columns)) + suffix;
        String joined = String.join("_", columns);
        String name = tableName + "_" + joined + "_" + hashSuffix;
        if (name.length() <= maxLength) {
            return name;
        }
        if (hashSuffix.length() > maxLength / 3) {
            hashSuffix = hashSuffix.substring(0, maxLength / 3);
        }
        int other = (maxLength - hashSuffix.length()) / 2 - 1;
        name = cut(tableName, other) + "_" + cut(joined, other) + "_" + hashSuffix;
        if (name.charAt(0) == '_' || Character.isDigit(name.charAt(0))) {
            name = "D" + name.substring(0, name.length() - 1);
        }
        return name;
    }

    /** The name of a foreign key constraint: {@code <table>_<column>_<hash>_fk_<to_table>_<to_column>}. */
    String foreignKey(String table, String column, String toTable, String toColumn) {
        String to = toTable.contains(".") ? toTable.substring(toTable.lastIndexOf('.') + 1) : toTable;
        return index(table, List.of(column), "_fk_" + to + "_" + toColumn);
    }

    private static String cut(String s, int length) {
        return s.length() <= length ? s : s.substring(0, Math.max(0, length));
    }

    private static List<String> concat(String first, List<String> rest) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
