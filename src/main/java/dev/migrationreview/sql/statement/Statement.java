package dev.migrationreview.sql.statement;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;

/**
 * What a statement does, independent of how it was recognised (JSqlParser, or the fallback
 * classifier working from tokens). The schema replay and each dialect's effects model switch over
 * these records; {@link Unrecognised} is what neither parser nor classifier could name.
 */
/** Serializable so that the command line can keep parsed files in its on-disk cache. */
public sealed interface Statement extends java.io.Serializable {

    // ---- tables ----

    /**
     * @param partitionBy  {@code RANGE (...)}/{@code LIST}/{@code HASH} text when partitioned, else null
     * @param partitionOf  the parent when {@code PARTITION OF parent}, else null
     * @param partitionBound the {@code FOR VALUES ...}/{@code DEFAULT} text for a partition, else null
     * @param asSelect     CREATE TABLE ... AS SELECT / SELECT INTO
     * @param sourceTables tables read by AS SELECT or LIKE
     * @param indexes      MySQL's {@code KEY}, {@code UNIQUE KEY}, {@code FULLTEXT KEY} ... written inside the table
     * @param options      MySQL's table options ({@code ENGINE}, {@code CHARACTER SET}, {@code COLLATE}, {@code AUTO_INCREMENT})
     */
    record CreateTable(
            QualifiedName table,
            boolean ifNotExists,
            boolean temporary,
            boolean unlogged,
            List<ColumnDefinition> columns,
            List<ConstraintDefinition> constraints,
            String partitionBy,
            QualifiedName partitionOf,
            String partitionBound,
            boolean asSelect,
            List<QualifiedName> sourceTables,
            List<AlterTableAction.AddIndex> indexes,
            List<AlterTableAction.TableOption> options) implements Statement {
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
            sourceTables = List.copyOf(sourceTables);
            indexes = List.copyOf(indexes);
            options = List.copyOf(options);
        }

        /** A table without MySQL's inline keys and table options (PostgreSQL). */
        public CreateTable(QualifiedName table, boolean ifNotExists, boolean temporary, boolean unlogged, List<ColumnDefinition> columns,
                List<ConstraintDefinition> constraints, String partitionBy, QualifiedName partitionOf, String partitionBound,
                boolean asSelect, List<QualifiedName> sourceTables) {
            this(table, ifNotExists, temporary, unlogged, columns, constraints, partitionBy, partitionOf, partitionBound, asSelect,
                    sourceTables, List.of(), List.of());
        }
    }

    record AlterTable(QualifiedName table, boolean ifExists, boolean only, List<AlterTableAction> actions)
            implements Statement {
        public AlterTable {
            actions = List.copyOf(actions);
        }
    }

    record DropTable(List<QualifiedName> tables, boolean ifExists, boolean cascade) implements Statement {
        public DropTable {
            tables = List.copyOf(tables);
        }
    }

    record TruncateTable(List<QualifiedName> tables, boolean cascade) implements Statement {
        public TruncateTable {
            tables = List.copyOf(tables);
        }
    }

    /** {@code ALTER TABLE a RENAME TO b} is {@link AlterTable}; this is MySQL's {@code RENAME TABLE}. */
    record RenameTable(QualifiedName from, QualifiedName to) implements Statement {}

    // ---- indexes ----

    /**
     * @param name       null when the database picks the name
     * @param elements   column names or expression texts, in order
     * @param where      partial-index predicate text, or null
     * @param method     access method ({@code btree} when not written)
     * @param include    INCLUDE columns
     * @param only       {@code ON ONLY parent} (partitioned tables)
     */
    record CreateIndex(
            QualifiedName name,
            QualifiedName table,
            boolean unique,
            boolean concurrently,
            boolean ifNotExists,
            boolean only,
            List<String> elements,
            String where,
            String method,
            List<String> include) implements Statement {
        public CreateIndex {
            elements = List.copyOf(elements);
            include = List.copyOf(include);
        }
    }

    record DropIndex(List<QualifiedName> indexes, boolean concurrently, boolean ifExists, boolean cascade)
            implements Statement {
        public DropIndex {
            indexes = List.copyOf(indexes);
        }
    }

    /** {@code ALTER INDEX ... RENAME TO / SET TABLESPACE / ATTACH PARTITION / SET (...)}. */
    record AlterIndex(QualifiedName index, boolean ifExists, String operation, String renameTo, QualifiedName attachPartition)
            implements Statement {}

    /** @param target {@code INDEX}, {@code TABLE}, {@code SCHEMA}, {@code DATABASE} or {@code SYSTEM} */
    record Reindex(String target, QualifiedName name, boolean concurrently) implements Statement {}

    // ---- types, views, sequences ----

    record CreateEnumType(QualifiedName type, List<String> values) implements Statement {
        public CreateEnumType {
            values = List.copyOf(values);
        }
    }

    /** {@code CREATE TYPE} other than an enum (composite, range, domain via CREATE DOMAIN). */
    record CreateType(QualifiedName type, String form) implements Statement {}

    /** @param before/after the neighbour value when written, else null */
    record AlterEnumAddValue(QualifiedName type, String value, boolean ifNotExists, String before, String after)
            implements Statement {}

    record AlterEnumRenameValue(QualifiedName type, String from, String to) implements Statement {}

    /** Other ALTER TYPE forms (RENAME TO, OWNER TO, ADD ATTRIBUTE ...). */
    record AlterType(QualifiedName type, String operation, String renameTo) implements Statement {}

    record DropType(List<QualifiedName> types, boolean ifExists, boolean cascade) implements Statement {
        public DropType {
            types = List.copyOf(types);
        }
    }

    record CreateView(
            QualifiedName view, boolean orReplace, boolean materialized, boolean withData, String query, List<QualifiedName> baseTables)
            implements Statement {
        public CreateView {
            baseTables = List.copyOf(baseTables);
        }
    }

    record DropView(List<QualifiedName> views, boolean materialized, boolean ifExists, boolean cascade) implements Statement {
        public DropView {
            views = List.copyOf(views);
        }
    }

    record RefreshMaterializedView(QualifiedName view, boolean concurrently, boolean withData) implements Statement {}

    /** ALTER VIEW / ALTER MATERIALIZED VIEW: rename, owner, set schema, column rename. */
    record AlterView(QualifiedName view, boolean materialized, String operation, String renameTo) implements Statement {}

    /** @param ownedBy {@code table.column} from OWNED BY, or null */
    record CreateSequence(QualifiedName sequence, boolean ifNotExists, String ownedBy) implements Statement {}

    record AlterSequence(QualifiedName sequence, String operation, String renameTo, String ownedBy) implements Statement {}

    record DropSequence(List<QualifiedName> sequences, boolean ifExists) implements Statement {
        public DropSequence {
            sequences = List.copyOf(sequences);
        }
    }

    // ---- maintenance and locking ----

    record Vacuum(List<QualifiedName> tables, boolean full, boolean analyze) implements Statement {
        public Vacuum {
            tables = List.copyOf(tables);
        }
    }

    record Analyze(List<QualifiedName> tables) implements Statement {
        public Analyze {
            tables = List.copyOf(tables);
        }
    }

    record Cluster(QualifiedName table, String index) implements Statement {}

    /** @param mode the lock mode as written ({@code ACCESS EXCLUSIVE} when not written) */
    record LockTable(List<QualifiedName> tables, String mode, boolean nowait) implements Statement {
        public LockTable {
            tables = List.copyOf(tables);
        }
    }

    // ---- programmability and catalogue-only objects ----

    record CreateTrigger(String name, QualifiedName table, boolean orReplace, String timing, String events) implements Statement {}

    record DropTrigger(String name, QualifiedName table, boolean ifExists) implements Statement {}

    /**
     * CREATE [OR REPLACE] FUNCTION / PROCEDURE; {@code volatility} is {@code VOLATILE}, {@code STABLE} or
     * {@code IMMUTABLE} as written, or null when not written (PostgreSQL then makes it VOLATILE).
     */
    record CreateFunction(QualifiedName function, boolean orReplace, boolean procedure, String volatility) implements Statement {
        public CreateFunction(QualifiedName function, boolean orReplace, boolean procedure) {
            this(function, orReplace, procedure, null);
        }
    }

    /** ALTER FUNCTION; {@code volatility} when it sets one, {@code renameTo} when it renames. */
    record AlterFunction(QualifiedName function, String volatility, String renameTo) implements Statement {}

    record DropFunction(List<QualifiedName> functions, boolean ifExists) implements Statement {
        public DropFunction {
            functions = List.copyOf(functions);
        }
    }

    /** A {@code DO $$ ... $$} block; {@code body} is its text, {@code tables} those its SQL names, as far as tokens tell. */
    record DoBlock(String body, List<QualifiedName> tables) implements Statement {
        public DoBlock {
            tables = List.copyOf(tables);
        }
    }

    /** @param objectKind {@code TABLE}, {@code COLUMN}, {@code INDEX}, {@code EXTENSION} ... */
    record Comment(String objectKind, String target) implements Statement {}

    record Grant(boolean revoke, List<QualifiedName> tables, String text) implements Statement {
        public Grant {
            tables = List.copyOf(tables);
        }
    }

    record CreateExtension(String extension, boolean ifNotExists) implements Statement {}

    record CreateSchema(String schema, boolean ifNotExists) implements Statement {}

    /** CREATE / ALTER / DROP of objects that hold no table locks worth modelling (roles, policies, domains, casts ...). */
    record CatalogOnly(String kind, List<QualifiedName> tables) implements Statement {
        public CatalogOnly {
            tables = List.copyOf(tables);
        }
    }

    // ---- data ----

    record Insert(QualifiedName table, boolean fromSelect, List<QualifiedName> sourceTables) implements Statement {
        public Insert {
            sourceTables = List.copyOf(sourceTables);
        }
    }

    record Update(QualifiedName table, boolean hasWhere, List<QualifiedName> sourceTables) implements Statement {
        public Update {
            sourceTables = List.copyOf(sourceTables);
        }
    }

    record Delete(QualifiedName table, boolean hasWhere, List<QualifiedName> sourceTables) implements Statement {
        public Delete {
            sourceTables = List.copyOf(sourceTables);
        }
    }

    record Select(List<QualifiedName> tables) implements Statement {
        public Select {
            tables = List.copyOf(tables);
        }
    }

    // ---- session ----

    /** {@code SET [LOCAL|SESSION] name = value}; {@code name} lower case ({@code lock_timeout}). {@code RESET} has a null value. */
    record SetParameter(String name, String value, boolean local) implements Statement {}

    /** @param command {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT}, {@code ROLLBACK}, {@code SAVEPOINT} ... */
    record TransactionControl(String command) implements Statement {}

    /** A psql meta-command (backslash line), kept so nothing is dropped. */
    record MetaCommand(String text) implements Statement {}

    /** A statement whose kind is known but whose effects the engine does not model. */
    record OtherKnown(String kind, List<QualifiedName> tables) implements Statement {
        public OtherKnown {
            tables = List.copyOf(tables);
        }
    }

    /** Neither JSqlParser nor the classifier could tell what this is. */
    record Unrecognised(String reason) implements Statement {}
}
