package dev.migrationreview.mysql;

import dev.migrationreview.dialect.NameRules;
import dev.migrationreview.sql.QualifiedName;
import java.util.List;
import java.util.function.Predicate;

/**
 * The names MySQL and MariaDB give what a statement leaves unnamed: the primary key is {@code PRIMARY}; an index or
 * unique key is named after its first column ({@code customer_id}, then {@code customer_id_2} ...); a foreign key
 * {@code <table>_ibfk_<n>}; a CHECK constraint {@code <table>_chk_<n>}. Identifiers are at most 64 characters
 * (Reference Manual 11.2.1 "Identifier Length Limits"); a longer one is an error, not cut.
 */
public final class MysqlNames implements NameRules {
    public static final int MAX_IDENTIFIER = 64;

    @Override
    public String defaultSchema() {
        // MySQL has databases, not schemas; the engine's names are qualified with the generic default
        return "public";
    }

    /**
     * The table alone, or {@code database.table} when the statement named a database: the database a migration connects
     * to is not in the migration, and the {@code public} the engine qualifies names with internally is not MySQL's.
     */
    @Override
    public String reportName(QualifiedName relation) {
        return relation.schema() == null || relation.schema().equals(defaultSchema()) ? relation.name() : relation.toString();
    }

    @Override
    public String identifier(String written) {
        return written;
    }

    @Override
    public String chooseName(String table, String addition, String label, Predicate<String> taken) {
        return switch (label) {
            case "pkey" -> "PRIMARY";
            case "fkey" -> numbered(table + "_ibfk_", taken);
            case "check" -> numbered(table + "_chk_", taken);
            default -> {
                String base = addition == null || addition.isEmpty() ? table : addition;
                if (!taken.test(base)) {
                    yield base;
                }
                int n = 2;
                while (taken.test(base + "_" + n)) {
                    n++;
                }
                yield base + "_" + n;
            }
        };
    }

    private static String numbered(String prefix, Predicate<String> taken) {
        int n = 1;
        while (taken.test(prefix + n)) {
            n++;
        }
        return prefix + n;
    }

    @Override
    public boolean foreignKeysCreateIndexes() {
        return true;
    }

    @Override
    public boolean countsRowVersions() {
        return true;
    }

    /** MySQL names an index after its first column only. */
    @Override
    public String nameAddition(List<String> columns) {
        return columns == null || columns.isEmpty() ? null : columns.get(0);
    }

    @Override
    public List<String> indexElementNames(List<String> elements) {
        return elements.stream().map(e -> {
            String s = e.trim();
            int paren = s.indexOf('(');
            // a prefix index part `name(10)` is named after its column
            return paren > 0 ? s.substring(0, paren).trim() : s;
        }).toList();
    }
}
