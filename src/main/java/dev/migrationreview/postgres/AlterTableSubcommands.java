package dev.migrationreview.postgres;

import static dev.migrationreview.postgres.PostgresLockMode.ACCESS_EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE_ROW_EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lock and the work on the altered table of each ALTER TABLE subcommand, per version range, as
 * PostgreSQL's AlterTableGetLockLevel decides them and the real-server suite confirmed. The schema-
 * dependent parts (a volatile default, a type change, a NOT NULL proven by a CHECK) are refined by
 * {@link PostgresEffectsModel}; this table holds what holds regardless of the schema.
 */
final class AlterTableSubcommands {

    /** What a subcommand does to the altered table's storage. */
    enum TableWork {
        CATALOG_ONLY,
        /** Reads every row under the lock to check something (validation, NOT NULL). */
        SCAN,
        /** Writes the table and its indexes anew. */
        REWRITE
    }

    /** One row of the table: from version {@code from} up to and including {@code to}. */
    record Entry(int from, int to, PostgresLockMode lock, TableWork work) {
        boolean covers(int version) {
            return version >= from && version <= to;
        }
    }

    private static final int FIRST = 11;
    private static final int LAST = 99;

    private static List<Entry> always(PostgresLockMode lock, TableWork work) {
        return List.of(new Entry(FIRST, LAST, lock, work));
    }

    private static final Map<String, List<Entry>> TABLE = Map.ofEntries(
            Map.entry("ADD COLUMN", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("DROP COLUMN", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("ALTER COLUMN TYPE", always(ACCESS_EXCLUSIVE, TableWork.REWRITE)),
            Map.entry("SET DEFAULT", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("DROP DEFAULT", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("SET NOT NULL", always(ACCESS_EXCLUSIVE, TableWork.SCAN)),
            Map.entry("DROP NOT NULL", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("IDENTITY", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("DROP EXPRESSION", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("SET STATISTICS", always(SHARE_UPDATE_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("SET COLUMN OPTIONS", always(SHARE_UPDATE_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("SET STORAGE", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("SET COMPRESSION", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("ADD CHECK", always(ACCESS_EXCLUSIVE, TableWork.SCAN)),
            Map.entry("ADD FOREIGN KEY", always(SHARE_ROW_EXCLUSIVE, TableWork.SCAN)),
            Map.entry("ADD INDEX CONSTRAINT", always(ACCESS_EXCLUSIVE, TableWork.SCAN)),
            Map.entry("ADD CONSTRAINT USING INDEX", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("VALIDATE CONSTRAINT", always(SHARE_UPDATE_EXCLUSIVE, TableWork.SCAN)),
            Map.entry("DROP CONSTRAINT", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("RENAME CONSTRAINT", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("RENAME COLUMN", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("RENAME TO", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("SET SCHEMA", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            // Since 12 ATTACH PARTITION takes only SHARE UPDATE EXCLUSIVE on the parent (the partition itself
            // is locked ACCESS EXCLUSIVE and scanned; see the model).
            Map.entry("ATTACH PARTITION", List.of(
                    new Entry(FIRST, 11, ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY),
                    new Entry(12, LAST, SHARE_UPDATE_EXCLUSIVE, TableWork.CATALOG_ONLY))),
            Map.entry("DETACH PARTITION", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("DETACH PARTITION CONCURRENTLY", List.of(new Entry(14, LAST, SHARE_UPDATE_EXCLUSIVE, TableWork.CATALOG_ONLY))),
            Map.entry("TRIGGER", always(SHARE_ROW_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("RULE", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("ROW LEVEL SECURITY", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("SET STORAGE PARAMETERS", always(SHARE_UPDATE_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("SET TABLESPACE", always(ACCESS_EXCLUSIVE, TableWork.REWRITE)),
            Map.entry("SET LOGGED", always(ACCESS_EXCLUSIVE, TableWork.REWRITE)),
            Map.entry("SET ACCESS METHOD", List.of(new Entry(15, LAST, ACCESS_EXCLUSIVE, TableWork.REWRITE))),
            Map.entry("CLUSTER ON", always(SHARE_UPDATE_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("SET WITHOUT OIDS", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("INHERIT", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("OF TYPE", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("OWNER TO", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("REPLICA IDENTITY", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)),
            Map.entry("OTHER", always(ACCESS_EXCLUSIVE, TableWork.CATALOG_ONLY)));

    private AlterTableSubcommands() {}

    /** The row that applies, or empty when the subcommand does not exist in that version. */
    static Optional<Entry> lookup(AlterTableAction action, int version) {
        return TABLE.get(key(action)).stream().filter(e -> e.covers(version)).findFirst();
    }

    /** Every key with its rows, for the generated documentation. */
    static Map<String, List<Entry>> table() {
        return TABLE;
    }

    /** Subcommands whose key does not depend on how they were written. */
    private static final Map<Class<? extends AlterTableAction>, String> KEYS = Map.ofEntries(
            Map.entry(AlterTableAction.AddColumn.class, "ADD COLUMN"),
            Map.entry(AlterTableAction.DropColumn.class, "DROP COLUMN"),
            Map.entry(AlterTableAction.AlterColumnType.class, "ALTER COLUMN TYPE"),
            Map.entry(AlterTableAction.SetDefault.class, "SET DEFAULT"),
            Map.entry(AlterTableAction.DropDefault.class, "DROP DEFAULT"),
            Map.entry(AlterTableAction.SetNotNull.class, "SET NOT NULL"),
            Map.entry(AlterTableAction.DropNotNull.class, "DROP NOT NULL"),
            Map.entry(AlterTableAction.ValidateConstraint.class, "VALIDATE CONSTRAINT"),
            Map.entry(AlterTableAction.DropConstraint.class, "DROP CONSTRAINT"),
            Map.entry(AlterTableAction.RenameConstraint.class, "RENAME CONSTRAINT"),
            Map.entry(AlterTableAction.RenameColumn.class, "RENAME COLUMN"),
            Map.entry(AlterTableAction.RenameTable.class, "RENAME TO"),
            Map.entry(AlterTableAction.SetSchema.class, "SET SCHEMA"),
            Map.entry(AlterTableAction.AttachPartition.class, "ATTACH PARTITION"),
            Map.entry(AlterTableAction.RowLevelSecurity.class, "ROW LEVEL SECURITY"),
            Map.entry(AlterTableAction.SetStorageParameters.class, "SET STORAGE PARAMETERS"),
            Map.entry(AlterTableAction.SetTablespace.class, "SET TABLESPACE"),
            Map.entry(AlterTableAction.SetLogged.class, "SET LOGGED"),
            Map.entry(AlterTableAction.SetAccessMethod.class, "SET ACCESS METHOD"),
            Map.entry(AlterTableAction.ClusterOn.class, "CLUSTER ON"),
            Map.entry(AlterTableAction.SetWithoutOids.class, "SET WITHOUT OIDS"),
            Map.entry(AlterTableAction.Inherit.class, "INHERIT"),
            Map.entry(AlterTableAction.OfType.class, "OF TYPE"),
            Map.entry(AlterTableAction.OwnerTo.class, "OWNER TO"),
            Map.entry(AlterTableAction.ReplicaIdentity.class, "REPLICA IDENTITY"),
            Map.entry(AlterTableAction.Other.class, "OTHER"));

    static String key(AlterTableAction action) {
        if (action instanceof AlterTableAction.AlterIdentity a) {
            return a.operation().toUpperCase(Locale.ROOT).contains("EXPRESSION") ? "DROP EXPRESSION" : "IDENTITY";
        }
        if (action instanceof AlterTableAction.AlterColumnStorage a) {
            return storageKey(a.operation());
        }
        if (action instanceof AlterTableAction.AddConstraint a) {
            ConstraintType type = a.constraint().type();
            if (type == ConstraintType.FOREIGN_KEY) {
                return "ADD FOREIGN KEY";
            }
            if (isIndexConstraint(type)) {
                return a.constraint().usingIndex() != null ? "ADD CONSTRAINT USING INDEX" : "ADD INDEX CONSTRAINT";
            }
            return "ADD CHECK";
        }
        if (action instanceof AlterTableAction.DetachPartition a) {
            return a.concurrently() || a.finalizeDetach() ? "DETACH PARTITION CONCURRENTLY" : "DETACH PARTITION";
        }
        if (action instanceof AlterTableAction.AlterTrigger a) {
            return a.operation().toUpperCase(Locale.ROOT).contains("RULE") ? "RULE" : "TRIGGER";
        }
        return KEYS.get(action.getClass());
    }

    private static String storageKey(String operation) {
        String op = operation.toUpperCase(Locale.ROOT).strip();
        if (op.startsWith("SET STATISTICS")) {
            return "SET STATISTICS";
        }
        if (op.startsWith("SET STORAGE")) {
            return "SET STORAGE";
        }
        if (op.startsWith("SET COMPRESSION")) {
            return "SET COMPRESSION";
        }
        return "SET COLUMN OPTIONS";
    }

    static boolean isIndexConstraint(ConstraintType type) {
        return type == ConstraintType.PRIMARY_KEY || type == ConstraintType.UNIQUE || type == ConstraintType.EXCLUDE;
    }
}
