package dev.migrationreview.analysis;

import dev.migrationreview.sql.QualifiedName;

/** The strongest lock a statement holds on one relation (table, index, view, sequence). */
public record RelationLock(QualifiedName relation, RelationKind kind, LockMode mode) {

    public enum RelationKind {
        TABLE,
        INDEX,
        VIEW,
        MATERIALIZED_VIEW,
        SEQUENCE
    }
}
