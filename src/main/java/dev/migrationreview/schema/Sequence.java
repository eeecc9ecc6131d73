package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;

/** @param ownedBy {@code table.column} that owns the sequence, or null */
public record Sequence(QualifiedName name, String ownedBy) implements java.io.Serializable {}
