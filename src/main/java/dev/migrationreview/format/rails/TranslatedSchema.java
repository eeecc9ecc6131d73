package dev.migrationreview.format.rails;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the migrations of one location read so far have created, as far as Rails' own statements depend on it:
 * {@code rename_table} renames the primary key's index and sequence and every index with Rails' default name for
 * the old table, {@code rename_column} the default-named indexes holding the column, and {@code remove_index :t, :col}
 * drops whichever index covers those columns. Rails asks the live database; the reader remembers what the history
 * it translated created. Local to one read of a location (files are read in version order), never shared.
 */
final class TranslatedSchema {
    /** An index as created: its table, name and columns (an expression index has none). */
    record Index(String table, String name, List<String> columns) {}

    private final List<Index> indexes = new ArrayList<>();
    /** Tables with a primary key, and its column. */
    private final Map<String, String> primaryKeys = new HashMap<>();
    /** Tables whose primary key has a sequence Rails named {@code <table>_<pk>_seq} (serial, bigserial). */
    private final Map<String, Boolean> sequences = new HashMap<>();

    void createdTable(String table, String primaryKey, boolean sequence) {
        droppedTable(table);
        if (primaryKey != null) {
            primaryKeys.put(table, primaryKey);
            sequences.put(table, sequence);
        }
    }

    void droppedTable(String table) {
        indexes.removeIf(i -> i.table().equals(table));
        primaryKeys.remove(table);
        sequences.remove(table);
    }

    void createdIndex(String table, String name, List<String> columns) {
        indexes.removeIf(i -> i.name().equals(name));
        indexes.add(new Index(table, name, List.copyOf(columns)));
    }

    void droppedIndex(String name) {
        indexes.removeIf(i -> i.name().equals(name));
    }

    void droppedColumn(String table, String column) {
        // the database drops an index with the column
        indexes.removeIf(i -> i.table().equals(table) && i.columns().contains(column));
    }

    /** The index on exactly these columns, as Rails' {@code remove_index :t, :col} finds it. */
    Optional<Index> indexOn(String table, List<String> columns) {
        return indexes.stream().filter(i -> i.table().equals(table) && i.columns().equals(columns)).findFirst();
    }

    List<Index> indexesOf(String table) {
        return indexes.stream().filter(i -> i.table().equals(table)).toList();
    }

    Optional<String> primaryKey(String table) {
        return Optional.ofNullable(primaryKeys.get(table));
    }

    boolean hasSequence(String table) {
        return sequences.getOrDefault(table, false);
    }

    void renamedIndex(String from, String to) {
        for (int i = 0; i < indexes.size(); i++) {
            Index index = indexes.get(i);
            if (index.name().equals(from)) {
                indexes.set(i, new Index(index.table(), to, index.columns()));
            }
        }
    }

    void renamedTable(String from, String to) {
        for (int i = 0; i < indexes.size(); i++) {
            Index index = indexes.get(i);
            if (index.table().equals(from)) {
                indexes.set(i, new Index(to, index.name(), index.columns()));
            }
        }
        if (primaryKeys.containsKey(from)) {
            primaryKeys.put(to, primaryKeys.remove(from));
            sequences.put(to, sequences.remove(from));
        }
    }

    void renamedColumn(String table, String from, String to) {
        for (int i = 0; i < indexes.size(); i++) {
            Index index = indexes.get(i);
            if (index.table().equals(table) && index.columns().contains(from)) {
                List<String> columns = new ArrayList<>(index.columns());
                columns.replaceAll(c -> c.equals(from) ? to : c);
                indexes.set(i, new Index(table, index.name(), columns));
            }
        }
        if (from.equals(primaryKeys.get(table))) {
            primaryKeys.put(table, to);
        }
    }
}
