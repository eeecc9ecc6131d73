package dev.migrationreview.sql.statement;

import dev.migrationreview.sql.QualifiedName;

/**
 * One subcommand of ALTER TABLE. Every subcommand PostgreSQL documents has a record here; what the
 * engine does not model in detail is {@link Other}, which keeps its text.
 */
public sealed interface AlterTableAction extends java.io.Serializable {

    /** @param position MySQL/MariaDB {@code FIRST} or {@code AFTER <column>} as written, upper-cased keyword; null: at the end */
    record AddColumn(ColumnDefinition column, boolean ifNotExists, String position) implements AlterTableAction {
        public AddColumn(ColumnDefinition column, boolean ifNotExists) {
            this(column, ifNotExists, null);
        }
    }

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

    // ---- MySQL and MariaDB ----

    /**
     * MySQL's {@code CHANGE [COLUMN] old new definition} and {@code MODIFY [COLUMN] name definition} (then
     * {@code from} is the column's own name): the whole definition is replaced.
     *
     * @param position {@code FIRST} or {@code AFTER <column>}, or null when the column keeps its place
     */
    record ChangeColumn(String from, ColumnDefinition column, String position, boolean modify) implements AlterTableAction {}

    /**
     * {@code ADD {INDEX|KEY|UNIQUE|FULLTEXT|SPATIAL} [name] (parts)}; a unique key is an index in MySQL.
     *
     * @param name    null when the server names it (after its first column)
     * @param method  {@code fulltext}, {@code spatial}, {@code btree}, {@code hash}, or null
     * @param columns the key parts as written ({@code name(10)} for a prefix)
     */
    record AddIndex(String name, boolean unique, String method, java.util.List<String> columns) implements AlterTableAction {
        public AddIndex {
            columns = java.util.List.copyOf(columns);
        }
    }

    /** {@code DROP {INDEX|KEY} name} (and {@code DROP INDEX name ON table}). */
    record DropIndex(String name) implements AlterTableAction {}

    /** {@code RENAME {INDEX|KEY} a TO b}. */
    record RenameIndex(String from, String to) implements AlterTableAction {}

    /**
     * A table option: {@code ENGINE}, {@code AUTO_INCREMENT}, {@code CHARACTER SET} (also written {@code CHARSET},
     * {@code DEFAULT CHARSET}), {@code COLLATE}, {@code ROW_FORMAT}, {@code COMMENT}, {@code KEY_BLOCK_SIZE} ...
     *
     * @param option upper case, {@code CHARACTER SET} for every spelling of the charset
     */
    record TableOption(String option, String value) implements AlterTableAction {}

    /** {@code CONVERT TO CHARACTER SET charset [COLLATE collation]}: every text column is converted. */
    record ConvertCharset(String charset, String collation) implements AlterTableAction {}

    /**
     * {@code ALGORITHM=} or {@code LOCK=}: what the statement asks the server for.
     *
     * @param option {@code ALGORITHM} or {@code LOCK}
     * @param value  upper case as written ({@code INSTANT}, {@code INPLACE}, {@code COPY}, {@code NOCOPY},
     *               {@code DEFAULT}; {@code NONE}, {@code SHARED}, {@code EXCLUSIVE})
     */
    record OnlineDdlClause(String option, String value) implements AlterTableAction {}
}
