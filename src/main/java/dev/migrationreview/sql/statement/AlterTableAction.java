package dev.migrationreview.sql.statement;

import dev.migrationreview.sql.QualifiedName;

/**
 * One subcommand of ALTER TABLE. Every subcommand PostgreSQL documents has a record here; what the
 * engine does not model in detail is {@link Other}, which keeps its text.
 */
public sealed interface AlterTableAction extends java.io.Serializable {

    record AddColumn(ColumnDefinition column, boolean ifNotExists) implements AlterTableAction {}

    record DropColumn(String column, boolean ifExists, boolean cascade) implements AlterTableAction {}

    /** {@code ALTER COLUMN c [SET DATA] TYPE t [USING expr]}. */
    record AlterColumnType(String column, TypeName type, String using) implements AlterTableAction {}

    record SetDefault(String column, String expression) implements AlterTableAction {}

    record DropDefault(String column) implements AlterTableAction {}

    record SetNotNull(String column) implements AlterTableAction {}

    record DropNotNull(String column) implements AlterTableAction {}

    /** {@code ADD GENERATED ... AS IDENTITY}, {@code SET GENERATED}, {@code DROP IDENTITY}, {@code DROP EXPRESSION}. */
    record AlterIdentity(String column, String operation) implements AlterTableAction {}

    /** {@code SET STATISTICS}, {@code SET STORAGE}, {@code SET COMPRESSION}, {@code SET (attribute_option)}. */
    record AlterColumnStorage(String column, String operation) implements AlterTableAction {}

    record AddConstraint(ConstraintDefinition constraint) implements AlterTableAction {}

    record ValidateConstraint(String name) implements AlterTableAction {}

    record DropConstraint(String name, boolean ifExists, boolean cascade) implements AlterTableAction {}

    record RenameConstraint(String from, String to) implements AlterTableAction {}

    record RenameColumn(String from, String to) implements AlterTableAction {}

    record RenameTable(String to) implements AlterTableAction {}

    record SetSchema(String schema) implements AlterTableAction {}

    /** {@code ATTACH PARTITION p FOR VALUES ...}. */
    record AttachPartition(QualifiedName partition, String bound) implements AlterTableAction {}

    /** {@code DETACH PARTITION p [CONCURRENTLY | FINALIZE]}. */
    record DetachPartition(QualifiedName partition, boolean concurrently, boolean finalizeDetach) implements AlterTableAction {}

    /** {@code ENABLE/DISABLE [ALWAYS|REPLICA] TRIGGER ...}, {@code ENABLE/DISABLE RULE ...}. */
    record AlterTrigger(String operation) implements AlterTableAction {}

    /** {@code ENABLE/DISABLE/FORCE/NO FORCE ROW LEVEL SECURITY}. */
    record RowLevelSecurity(String operation) implements AlterTableAction {}

    /** {@code SET ( storage_parameter = value ... )} and {@code RESET (...)}. */
    record SetStorageParameters(String text, boolean reset) implements AlterTableAction {}

    record SetTablespace(String tablespace) implements AlterTableAction {}

    /** {@code SET LOGGED} / {@code SET UNLOGGED}. */
    record SetLogged(boolean logged) implements AlterTableAction {}

    record SetAccessMethod(String method) implements AlterTableAction {}

    /** {@code CLUSTER ON idx} / {@code SET WITHOUT CLUSTER}. */
    record ClusterOn(String index) implements AlterTableAction {}

    record SetWithoutOids() implements AlterTableAction {}

    record Inherit(QualifiedName parent, boolean noInherit) implements AlterTableAction {}

    /** {@code OF type} / {@code NOT OF}. */
    record OfType(String type) implements AlterTableAction {}

    record OwnerTo(String owner) implements AlterTableAction {}

    record ReplicaIdentity(String identity) implements AlterTableAction {}

    /** A subcommand the parser recognised as ALTER TABLE but could not take apart; {@code text} as written. */
    record Other(String text) implements AlterTableAction {}
}
