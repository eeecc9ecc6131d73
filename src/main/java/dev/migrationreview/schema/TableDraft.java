package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** One table being changed by one statement; {@link #build()} gives the immutable {@link Table}. */
final class TableDraft {
    QualifiedName name;
    final List<Column> columns;
    final List<Constraint> constraints;
    String partitionBy;
    QualifiedName partitionOf;
    boolean unlogged;
    String partitionBound;
    int instantColumnChanges;

    TableDraft(QualifiedName name) {
        this.name = name;
        this.columns = new ArrayList<>();
        this.constraints = new ArrayList<>();
    }

    TableDraft(Table t) {
        name = t.name();
        columns = new ArrayList<>(t.columns());
        constraints = new ArrayList<>(t.constraints());
        partitionBy = t.partitionBy();
        partitionOf = t.partitionOf();
        unlogged = t.unlogged();
        partitionBound = t.partitionBound();
        instantColumnChanges = t.instantColumnChanges();
    }

    Table build() {
        return new Table(name, columns, constraints, partitionBy, partitionOf, unlogged, partitionBound, instantColumnChanges);
    }

    int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    Column column(String column) {
        int i = columnIndex(column);
        return i < 0 ? null : columns.get(i);
    }

    /** Replaces the column by {@code change} of it; false when there is no such column. */
    boolean updateColumn(String column, UnaryOperator<Column> change) {
        int i = columnIndex(column);
        if (i < 0) {
            return false;
        }
        columns.set(i, change.apply(columns.get(i)));
        return true;
    }

    void setNotNull(String column, boolean notNull) {
        updateColumn(column, c -> new Column(c.name(), c.type(), notNull, c.defaultExpression(), c.identity(), c.generatedExpression()));
    }

    int constraintIndex(String constraint) {
        for (int i = 0; i < constraints.size(); i++) {
            if (constraint.equals(constraints.get(i).name())) {
                return i;
            }
        }
        return -1;
    }

    Constraint constraint(String constraint) {
        int i = constraintIndex(constraint);
        return i < 0 ? null : constraints.get(i);
    }
}
