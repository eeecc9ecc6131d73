package dev.migrationreview.postgres;

import static dev.migrationreview.postgres.PostgresLockMode.ACCESS_EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.ACCESS_SHARE;
import static dev.migrationreview.postgres.PostgresLockMode.EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.ROW_EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.ROW_SHARE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE_ROW_EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.migrationreview.analysis.DialectModel;
import dev.migrationreview.analysis.RelationLock.RelationKind;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementEffects;
import dev.migrationreview.analysis.TransactionUse;
import dev.migrationreview.postgres.AlterTableSubcommands.Entry;
import dev.migrationreview.postgres.AlterTableSubcommands.TableWork;
import dev.migrationreview.schema.Column;
import dev.migrationreview.schema.Constraint;
import dev.migrationreview.schema.Index;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.Table;
import dev.migrationreview.schema.View;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each statement does to a live PostgreSQL 11-18 server: the lock on every relation it touches
 * (pg_locks names), the relations it rewrites or scans under that lock, and whether it may run in a
 * transaction block. Written from the documentation and source, then corrected by the real-server
 * suite ({@code PostgresEffectsOnRealServersTest}); docs/locks.md lists where the two differ. It reports
 * what the server does, also for objects created earlier in the change: rules decide what is risky.
 */
@Singleton
public final class PostgresEffectsModel implements DialectModel {

    static final String VACUUM_TRUNCATE_NOTE = "plain VACUUM works under SHARE UPDATE EXCLUSIVE, and at the end takes ACCESS "
            + "EXCLUSIVE briefly to truncate empty pages, only when it can get it without waiting (VACUUM (TRUNCATE false) on 12+ "
            + "avoids it)";

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public StatementEffects effects(StatementContext context) {
        Schema schema = context.schemaBefore() == null ? Schema.EMPTY : context.schemaBefore();
        return new Evaluation(schema, context.databaseVersion()).of(context.statement().statement());
    }

    private static final java.util.Comparator<QualifiedName> BY_NAME = java.util.Comparator.comparing(QualifiedName::toString);

    /** One statement's evaluation against one schema and version. */
    private static final class Evaluation {
        private final Schema schema;
        private final int version;
        private final EffectsBuilder out = new EffectsBuilder();

        Evaluation(Schema schema, int version) {
            this.schema = schema;
            this.version = version;
        }

        StatementEffects of(Statement s) {
            if (s instanceof Statement.AlterTable a) {
                alterTable(a);
            } else if (s instanceof Statement.CreateTable c) {
                createTable(c);
            } else if (s instanceof Statement.DropTable d) {
                d.tables().forEach(t -> dropTable(t, d.cascade()));
            } else if (s instanceof Statement.TruncateTable t) {
                truncate(t);
            } else if (s instanceof Statement.RenameTable r) {
                out.lock(r.from(), RelationKind.TABLE, ACCESS_EXCLUSIVE);
            } else if (s instanceof Statement.CreateIndex c) {
                createIndex(c);
            } else if (s instanceof Statement.DropIndex d) {
                dropIndex(d);
            } else if (s instanceof Statement.AlterIndex a) {
                alterIndex(a);
            } else if (s instanceof Statement.Reindex r) {
                reindex(r);
            } else if (s instanceof Statement.AlterEnumAddValue) {
                if (version < 12) {
                    out.transactionUse(TransactionUse.NOT_IN_TRANSACTION)
                            .note("before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block");
                } else {
                    out.note("the new enum value cannot be used until the transaction that added it commits");
                }
            } else if (s instanceof Statement.CreateView v) {
                createView(v);
            } else if (s instanceof Statement.DropView d) {
                for (QualifiedName v : d.views()) {
                    out.lock(v, d.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW, ACCESS_EXCLUSIVE);
                    if (d.materialized()) {
                        indexesOf(v).forEach(i -> out.lock(i, RelationKind.INDEX, ACCESS_EXCLUSIVE));
                    }
                }
            } else if (s instanceof Statement.RefreshMaterializedView r) {
                refresh(r);
            } else if (s instanceof Statement.AlterView v) {
                out.lock(v.view(), v.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW, ACCESS_EXCLUSIVE);
            } else if (s instanceof Statement.AlterSequence a) {
                out.lock(a.sequence(), RelationKind.SEQUENCE, SHARE_ROW_EXCLUSIVE);
                if (a.operation() != null && a.operation().toUpperCase(Locale.ROOT).contains("RESTART")) {
                    // Measured: RESTART gives the sequence a new relfilenode.
                    out.rewrite(a.sequence());
                }
            } else if (s instanceof Statement.DropSequence d) {
                d.sequences().forEach(q -> out.lock(q, RelationKind.SEQUENCE, ACCESS_EXCLUSIVE));
            } else if (s instanceof Statement.Vacuum v) {
                vacuum(v);
            } else if (s instanceof Statement.Analyze a) {
                for (QualifiedName t : a.tables()) {
                    out.lock(t, RelationKind.TABLE, SHARE_UPDATE_EXCLUSIVE);
                    indexesOf(t).forEach(i -> out.lock(i, RelationKind.INDEX, ACCESS_SHARE));
                }
            } else if (s instanceof Statement.Cluster c) {
                cluster(c);
            } else if (s instanceof Statement.LockTable l) {
                lockTable(l);
            } else if (s instanceof Statement.CreateTrigger t) {
                out.lock(t.table(), kindOf(t.table()), SHARE_ROW_EXCLUSIVE);
            } else if (s instanceof Statement.DropTrigger t) {
                out.lock(t.table(), kindOf(t.table()), ACCESS_EXCLUSIVE);
            } else if (s instanceof Statement.Comment c) {
                comment(c);
            } else if (s instanceof Statement.Grant g) {
                if (version >= 18) {
                    // Measured: 18 takes ACCESS SHARE on each table granted on; 11-17 take no relation lock.
                    g.tables().forEach(t -> out.lock(t, kindOf(t), ACCESS_SHARE));
                }
            } else if (s instanceof Statement.Insert i) {
                // The executor locks an INSERT target's indexes only as rows arrive, not for the statement.
                out.lock(i.table(), kindOf(i.table()), ROW_EXCLUSIVE);
                readInFull(i.sourceTables(), i.table());
                foreignKeyChecks(i.table());
            } else if (s instanceof Statement.Update u) {
                write(u.table(), u.sourceTables());
                if (!u.hasWhere() || readsOthers(u.table(), u.sourceTables())) {
                    // UPDATE ... FROM joins: the target and the sources are read in full unless the plan finds
                    // a selective index (plan-dependent; measured with a hash join).
                    out.scan(u.table());
                    readInFull(u.sourceTables(), u.table());
                }
            } else if (s instanceof Statement.Delete d) {
                write(d.table(), d.sourceTables());
                if (readsOthers(d.table(), d.sourceTables())) {
                    out.scan(d.table());
                    readInFull(d.sourceTables(), d.table());
                }
                referencingRowChecks(d.table());
                if (!d.hasWhere()) {
                    out.scan(d.table());
                }
            } else if (s instanceof Statement.Select sel) {
                readInFull(sel.tables(), null);
            } else if (s instanceof Statement.TransactionControl) {
                out.transactionUse(TransactionUse.CONTROLS_TRANSACTION);
            } else if (s instanceof Statement.DoBlock || s instanceof Statement.OtherKnown || s instanceof Statement.Unrecognised) {
                return StatementEffects.UNKNOWN;
            }
            // Everything else (CREATE TYPE / SEQUENCE / FUNCTION / EXTENSION / SCHEMA, GRANT, SET, enum value
            // renames, psql meta-commands, catalogue-only objects) takes no lock on an existing relation.
            return out.build();
        }

        // ---- ALTER TABLE ----

        private void alterTable(Statement.AlterTable a) {
            QualifiedName table = a.table();
            PostgresLockMode tableLock = null;
            boolean rewrite = false;
            boolean scan = false;
            for (AlterTableAction action : a.actions()) {
                Optional<Entry> entry = AlterTableSubcommands.lookup(action, version);
                if (entry.isEmpty()) {
                    out.note(AlterTableSubcommands.key(action) + " does not exist in PostgreSQL " + version);
                    continue;
                }
                PostgresLockMode lock = entry.get().lock();
                TableWork work = refine(table, action, entry.get().work());
                tableLock = tableLock == null ? lock : PostgresLockMode.strongest(tableLock, lock);
                rewrite |= work == TableWork.REWRITE;
                scan |= work == TableWork.SCAN;
            }
            if (tableLock == null) {
                return;
            }
            out.lock(table, kindOf(table), tableLock);
            List<QualifiedName> partitions = a.only() || !a.actions().stream().allMatch(Evaluation::recursesToPartitions)
                    ? List.of() : partitionsOf(table);
            for (QualifiedName p : partitions) {
                out.lock(p, RelationKind.TABLE, tableLock);
            }
            boolean partitioned = schema.table(table).map(Table::partitioned).orElse(false);
            for (QualifiedName t : partitioned ? partitions : List.of(table)) {
                if (partitioned && !partitionsOf(t).isEmpty()) {
                    continue;
                }
                if (rewrite) {
                    rewriteWithIndexes(t);
                } else if (scan) {
                    out.scan(t);
                }
            }
        }

        /** Subcommands that PostgreSQL applies to every partition of a partitioned table as well. */
        private static boolean recursesToPartitions(AlterTableAction action) {
            return action instanceof AlterTableAction.AddColumn || action instanceof AlterTableAction.DropColumn
                    || action instanceof AlterTableAction.AlterColumnType || action instanceof AlterTableAction.SetNotNull
                    || action instanceof AlterTableAction.DropNotNull || action instanceof AlterTableAction.SetDefault
                    || action instanceof AlterTableAction.DropDefault || action instanceof AlterTableAction.AddConstraint
                    || action instanceof AlterTableAction.ValidateConstraint || action instanceof AlterTableAction.RenameColumn;
        }

        /** Adds the second relations a subcommand touches and returns its work on the altered table, given the schema. */
        private TableWork refine(QualifiedName table, AlterTableAction action, TableWork work) {
            Optional<Table> known = schema.table(table);
            if (action instanceof AlterTableAction.AddColumn add) {
                return addColumn(table, add.column());
            }
            if (action instanceof AlterTableAction.DropColumn drop) {
                indexesOnColumn(table, drop.column()).forEach(i -> out.lock(i, RelationKind.INDEX, ACCESS_EXCLUSIVE));
                known.ifPresent(t -> t.constraints().stream()
                        .filter(c -> c.type() == ConstraintType.FOREIGN_KEY && c.columns().contains(drop.column()))
                        .forEach(c -> out.lock(c.referencedTable(), RelationKind.TABLE, ACCESS_EXCLUSIVE)));
                if (drop.cascade()) {
                    Pattern word = columnWord(drop.column());
                    viewsOn(table).stream().filter(v -> v.query() == null || word.matcher(v.query()).find())
                            .forEach(v -> dropView(v));
                }
                return work;
            }
            if (action instanceof AlterTableAction.AlterColumnType change) {
                return alterColumnType(table, change);
            }
            if (action instanceof AlterTableAction.SetNotNull set) {
                return setNotNull(known, set.column());
            }
            if (action instanceof AlterTableAction.AddConstraint add) {
                return addConstraint(table, add.constraint());
            }
            if (action instanceof AlterTableAction.ValidateConstraint validate) {
                known.flatMap(t -> t.constraint(validate.name())).ifPresent(c -> {
                    if (c.type() == ConstraintType.FOREIGN_KEY) {
                        out.lock(c.referencedTable(), RelationKind.TABLE, ROW_SHARE);
                        validationQuery(table, c.referencedTable());
                    }
                });
                return work;
            }
            if (action instanceof AlterTableAction.DropConstraint drop) {
                known.flatMap(t -> t.constraint(drop.name())).ifPresent(c -> {
                    if (c.type() == ConstraintType.FOREIGN_KEY) {
                        // Not in the documentation: the referenced table loses the constraint's triggers, so it is
                        // locked ACCESS EXCLUSIVE too.
                        out.lock(c.referencedTable(), RelationKind.TABLE, ACCESS_EXCLUSIVE);
                    } else if (AlterTableSubcommands.isIndexConstraint(c.type())) {
                        out.lock(sibling(table, c.name()), RelationKind.INDEX, ACCESS_EXCLUSIVE);
                    }
                });
                return work;
            }
            if (action instanceof AlterTableAction.RenameConstraint rename) {
                known.flatMap(t -> t.constraint(rename.from())).filter(c -> AlterTableSubcommands.isIndexConstraint(c.type()))
                        .ifPresent(c -> out.lock(sibling(table, c.name()), RelationKind.INDEX, indexRenameLock()));
                return work;
            }
            if (action instanceof AlterTableAction.AttachPartition attach) {
                out.lock(attach.partition(), RelationKind.TABLE, ACCESS_EXCLUSIVE);
                out.scan(attach.partition());
                return work;
            }
            if (action instanceof AlterTableAction.DetachPartition detach) {
                boolean concurrently = detach.concurrently() || detach.finalizeDetach();
                // Measured: 11 and 13 lock the detached partition SHARE UPDATE EXCLUSIVE, 15+ ACCESS EXCLUSIVE
                // (14 reworked DETACH; it is not measured and taken to behave like 15). CONCURRENTLY was seen
                // holding ACCESS EXCLUSIVE on the partition at its end (18), beyond the documented SHARE UPDATE
                // EXCLUSIVE.
                out.lock(detach.partition(), RelationKind.TABLE,
                        !concurrently && version < 14 ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
                if (detach.concurrently()) {
                    out.transactionUse(TransactionUse.NOT_IN_TRANSACTION);
                }
                return work;
            }
            if (action instanceof AlterTableAction.ClusterOn cluster && cluster.index() != null) {
                out.lock(sibling(table, cluster.index()), RelationKind.INDEX, SHARE_UPDATE_EXCLUSIVE);
                return work;
            }
            if (action instanceof AlterTableAction.Inherit inherit) {
                out.lock(inherit.parent(), RelationKind.TABLE, inherit.noInherit() ? ACCESS_SHARE : SHARE_UPDATE_EXCLUSIVE);
                return work;
            }
            if (action instanceof AlterTableAction.AlterIdentity identity) {
                String op = identity.operation().toUpperCase(Locale.ROOT);
                if (op.contains("DROP IDENTITY")) {
                    ownedSequence(table, identity.column()).ifPresent(q -> out.lock(q, RelationKind.SEQUENCE, ACCESS_EXCLUSIVE));
                } else if (op.startsWith("SET") || op.startsWith("RESTART")) {
                    // SET GENERATED / SET sequence options alter the identity's sequence.
                    ownedSequence(table, identity.column()).ifPresent(q -> out.lock(q, RelationKind.SEQUENCE, SHARE_ROW_EXCLUSIVE));
                }
                return work;
            }
            if (action instanceof AlterTableAction.ReplicaIdentity identity && identity.identity() != null) {
                java.util.regex.Matcher m = Pattern.compile("(?i)USING\\s+INDEX\\s+(\\S+)").matcher(identity.identity());
                if (m.find()) {
                    out.lock(sibling(table, QualifiedName.parse(m.group(1)).name()), RelationKind.INDEX, SHARE);
                }
                return work;
            }
            if (action instanceof AlterTableAction.OfType of && of.type() != null) {
                // The composite type's row type is a relation of its own, read while the table is matched to it.
                out.lock(QualifiedName.parse(of.type()), RelationKind.TABLE, ACCESS_SHARE);
                return work;
            }
            if (action instanceof AlterTableAction.SetAccessMethod method && "heap".equalsIgnoreCase(method.method())) {
                out.note("SET ACCESS METHOD heap is taken to be a no-op: the schema does not record access methods, and tables use heap "
                        + "unless created otherwise");
                return TableWork.CATALOG_ONLY;
            }
            return work;
        }

        private TableWork addColumn(QualifiedName table, ColumnDefinition column) {
            TableWork work = TableWork.CATALOG_ONLY;
            boolean rewrite = column.serial() || column.identity() != null || column.generatedExpression() != null
                    || DefaultVolatility.isVolatile(column.defaultExpression())
                    || (version < 11 && column.defaultExpression() != null);
            if (rewrite) {
                work = TableWork.REWRITE;
            } else if (column.notNull() && column.defaultExpression() == null) {
                work = TableWork.SCAN;
            }
            for (ConstraintDefinition c : column.constraints()) {
                // A foreign key on a column that is NULL in every row needs no validation query.
                TableWork w = c.type() == ConstraintType.FOREIGN_KEY && column.defaultExpression() == null
                        ? addForeignKeyOnNewColumn(c) : addConstraint(table, c);
                if (w == TableWork.SCAN && work == TableWork.CATALOG_ONLY) {
                    work = TableWork.SCAN;
                }
            }
            return work;
        }

        private TableWork addForeignKeyOnNewColumn(ConstraintDefinition c) {
            if (c.referencedTable() != null) {
                out.lock(c.referencedTable(), RelationKind.TABLE, SHARE_ROW_EXCLUSIVE);
            }
            return TableWork.CATALOG_ONLY;
        }

        private TableWork addConstraint(QualifiedName table, ConstraintDefinition c) {
            if (c.type() == ConstraintType.FOREIGN_KEY) {
                if (c.referencedTable() != null) {
                    out.lock(c.referencedTable(), RelationKind.TABLE, SHARE_ROW_EXCLUSIVE);
                    if (!c.notValid()) {
                        validationQuery(table, c.referencedTable());
                    }
                }
                return c.notValid() ? TableWork.CATALOG_ONLY : TableWork.SCAN;
            }
            if (AlterTableSubcommands.isIndexConstraint(c.type())) {
                if (c.usingIndex() != null) {
                    out.lock(sibling(table, c.usingIndex()), RelationKind.INDEX, indexRenameLock());
                    return TableWork.CATALOG_ONLY;
                }
                return TableWork.SCAN;
            }
            return c.notValid() ? TableWork.CATALOG_ONLY : TableWork.SCAN;
        }

        private TableWork setNotNull(Optional<Table> table, String column) {
            if (table.isEmpty()) {
                return TableWork.SCAN;
            }
            Optional<Column> col = table.get().column(column);
            if (col.isPresent() && col.get().notNull()) {
                return TableWork.CATALOG_ONLY;
            }
            if (version >= 12 && table.get().constraints().stream().anyMatch(c -> provesNotNull(c, column))) {
                out.note("the validated CHECK (" + column + " IS NOT NULL) lets PostgreSQL 12+ skip the scan");
                return TableWork.CATALOG_ONLY;
            }
            return TableWork.SCAN;
        }

        private TableWork alterColumnType(QualifiedName table, AlterTableAction.AlterColumnType change) {
            Optional<Table> known = schema.table(table);
            Column column = known.flatMap(t -> t.column(change.column())).orElse(null);
            TypeChange cost = TypeChange.of(column == null ? null : column.type(), change.type(), change.using(), version);
            if (cost.note() != null) {
                out.note(cost.note());
            }
            // Indexes on the column are dropped and re-created even when their storage is kept.
            for (QualifiedName index : indexesOnColumn(table, change.column())) {
                out.lock(index, RelationKind.INDEX, ACCESS_EXCLUSIVE);
                if (cost.rebuildsIndexes() && !cost.rewritesTable()) {
                    // Rebuilding the index reads the whole table.
                    out.rewrite(index);
                    out.scan(table);
                }
            }
            if (known.isPresent()) {
                for (Constraint c : known.get().constraints()) {
                    if (c.type() == ConstraintType.FOREIGN_KEY && c.columns().contains(change.column())) {
                        out.lock(c.referencedTable(), RelationKind.TABLE, ACCESS_EXCLUSIVE);
                        out.scan(c.referencedTable());
                    }
                }
            }
            // Not in the documentation: foreign keys that reference the column are dropped and re-added, which
            // locks the referencing tables and validates them again.
            for (Map.Entry<Table, Constraint> fk : schema.foreignKeysReferencing(table)) {
                Constraint c = fk.getValue();
                boolean onColumn = c.referencedColumns().isEmpty() ? primaryKeyColumns(table).contains(change.column())
                        : c.referencedColumns().contains(change.column());
                if (onColumn && !fk.getKey().name().qualified().equals(table.qualified())) {
                    out.lock(fk.getKey().name(), RelationKind.TABLE, ACCESS_EXCLUSIVE);
                    planRead(fk.getKey().name());
                    out.scan(fk.getKey().name());
                }
            }
            return cost.rewritesTable() ? TableWork.REWRITE : TableWork.CATALOG_ONLY;
        }

        // ---- tables ----

        private void createTable(Statement.CreateTable c) {
            if (c.partitionOf() != null) {
                out.lock(c.partitionOf(), RelationKind.TABLE, ACCESS_EXCLUSIVE);
            }
            List<ConstraintDefinition> constraints = new ArrayList<>(c.constraints());
            c.columns().forEach(col -> constraints.addAll(col.constraints()));
            for (ConstraintDefinition con : constraints) {
                if (con.type() == ConstraintType.FOREIGN_KEY && con.referencedTable() != null
                        && !con.referencedTable().qualified().equals(c.table().qualified())) {
                    out.lock(con.referencedTable(), RelationKind.TABLE, SHARE_ROW_EXCLUSIVE);
                }
            }
            for (QualifiedName source : c.sourceTables()) {
                if (c.asSelect()) {
                    planRead(source);
                    out.scan(source);
                } else {
                    out.lock(source, kindOf(source), ACCESS_SHARE);
                }
            }
        }

        private void dropTable(QualifiedName table, boolean cascade) {
            out.lock(table, RelationKind.TABLE, ACCESS_EXCLUSIVE);
            if (cascade) {
                viewsOn(table).forEach(this::dropView);
            }
            indexesOf(table).forEach(i -> out.lock(i, RelationKind.INDEX, ACCESS_EXCLUSIVE));
            schema.table(table).ifPresent(t -> t.constraints().stream()
                    .filter(c -> c.type() == ConstraintType.FOREIGN_KEY && c.referencedTable() != null)
                    .forEach(c -> out.lock(c.referencedTable(), RelationKind.TABLE, ACCESS_EXCLUSIVE)));
        }

        private void truncate(Statement.TruncateTable t) {
            Set<QualifiedName> tables = new LinkedHashSet<>();
            t.tables().forEach(q -> tables.add(q.qualified()));
            if (t.cascade()) {
                List<QualifiedName> pending = new ArrayList<>(tables);
                while (!pending.isEmpty()) {
                    QualifiedName next = pending.remove(0);
                    for (Map.Entry<Table, Constraint> fk : schema.foreignKeysReferencing(next)) {
                        if (tables.add(fk.getKey().name().qualified())) {
                            pending.add(fk.getKey().name().qualified());
                        }
                    }
                }
            }
            for (QualifiedName table : tables) {
                out.lock(table, RelationKind.TABLE, ACCESS_EXCLUSIVE);
                rewriteWithIndexes(table);
            }
        }

        // ---- indexes ----

        private void createIndex(Statement.CreateIndex c) {
            PostgresLockMode mode = c.concurrently() ? SHARE_UPDATE_EXCLUSIVE : SHARE;
            if (c.concurrently()) {
                out.transactionUse(TransactionUse.NOT_IN_TRANSACTION);
            }
            out.lock(c.table(), kindOf(c.table()), mode);
            List<QualifiedName> partitions = partitionsOf(c.table());
            if (partitions.isEmpty() || c.only()) {
                if (!schema.table(c.table()).map(Table::partitioned).orElse(false)) {
                    out.scan(c.table());
                }
                return;
            }
            // On a partitioned table the index is built on every partition, each locked the same way.
            for (QualifiedName p : partitions) {
                out.lock(p, RelationKind.TABLE, mode);
                if (partitionsOf(p).isEmpty()) {
                    out.scan(p);
                }
            }
        }

        /** Every partition below a partitioned table, at any depth. */
        private List<QualifiedName> partitionsOf(QualifiedName table) {
            List<QualifiedName> out = new ArrayList<>();
            for (Table t : schema.tables().values()) {
                if (t.partitionOf() != null && t.partitionOf().qualified().equals(table.qualified())) {
                    out.add(t.name().qualified());
                    out.addAll(partitionsOf(t.name()));
                }
            }
            out.sort(BY_NAME);
            return out;
        }

        private List<View> viewsOn(QualifiedName table) {
            return schema.views().values().stream()
                    .filter(v -> v.baseTables().stream().anyMatch(b -> b.qualified().equals(table.qualified())))
                    .sorted(java.util.Comparator.comparing(v -> v.name().toString())).toList();
        }

        private void dropView(View v) {
            out.lock(v.name(), v.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW, ACCESS_EXCLUSIVE);
            indexesOf(v.name()).forEach(i -> out.lock(i, RelationKind.INDEX, ACCESS_EXCLUSIVE));
        }

        private static boolean readsOthers(QualifiedName table, List<QualifiedName> sources) {
            return sources.stream().anyMatch(s -> !s.qualified().equals(table.qualified()));
        }

        private static Pattern columnWord(String column) {
            return Pattern.compile("(?<![A-Za-z0-9_\"])\"?" + Pattern.quote(column) + "\"?(?![A-Za-z0-9_])");
        }

        private void dropIndex(Statement.DropIndex d) {
            for (QualifiedName index : d.indexes()) {
                Optional<Index> known = schema.index(index);
                known.ifPresent(i -> out.lock(i.table(), kindOf(i.table()), d.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE));
                out.lock(index, RelationKind.INDEX, ACCESS_EXCLUSIVE);
            }
            if (d.concurrently()) {
                out.transactionUse(TransactionUse.NOT_IN_TRANSACTION);
            }
        }

        private void alterIndex(Statement.AlterIndex a) {
            String op = a.operation() == null ? "" : a.operation().toUpperCase(Locale.ROOT);
            if (a.renameTo() != null || op.startsWith("RENAME")) {
                // Since 12 renaming an index takes SHARE UPDATE EXCLUSIVE; 11 takes ACCESS EXCLUSIVE.
                out.lock(a.index(), RelationKind.INDEX, version >= 12 ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
            } else if (a.attachPartition() != null) {
                out.lock(a.index(), RelationKind.INDEX, ACCESS_EXCLUSIVE);
                out.lock(a.attachPartition(), RelationKind.INDEX, ACCESS_EXCLUSIVE);
            } else if (op.equals("SET") || op.startsWith("SET (") || op.startsWith("SET(") || op.startsWith("RESET")
                    || op.contains("STATISTICS")) {
                // Storage parameters and statistics targets: SHARE UPDATE EXCLUSIVE (measured on 11-18).
                out.lock(a.index(), RelationKind.INDEX, SHARE_UPDATE_EXCLUSIVE);
            } else {
                out.lock(a.index(), RelationKind.INDEX, ACCESS_EXCLUSIVE);
                if (op.contains("TABLESPACE")) {
                    out.rewrite(a.index());
                }
            }
        }

        private void reindex(Statement.Reindex r) {
            String target = r.target().toUpperCase(Locale.ROOT);
            if (r.concurrently()) {
                out.transactionUse(TransactionUse.NOT_IN_TRANSACTION);
            }
            if (target.equals("INDEX") && r.name() != null) {
                QualifiedName table = schema.index(r.name()).map(Index::table).orElse(null);
                reindexOne(table, r.name(), r.concurrently());
            } else if (target.equals("TABLE") && r.name() != null) {
                out.lock(r.name(), kindOf(r.name()), r.concurrently() ? SHARE_UPDATE_EXCLUSIVE : SHARE);
                indexesOf(r.name()).forEach(i -> reindexOne(r.name(), i, r.concurrently()));
            } else {
                out.note("REINDEX " + target + " locks every table it reaches in turn");
            }
        }

        private void reindexOne(QualifiedName table, QualifiedName index, boolean concurrently) {
            if (table != null) {
                out.lock(table, kindOf(table), concurrently ? SHARE_UPDATE_EXCLUSIVE : SHARE);
                out.scan(table);
            }
            // REINDEX CONCURRENTLY swaps in the new index and then drops the old one, which ends with ACCESS
            // EXCLUSIVE on the old index (not in the documentation's lock list).
            out.lock(index, RelationKind.INDEX, ACCESS_EXCLUSIVE);
            out.rewrite(index);
        }

        // ---- views and maintenance ----

        private void createView(Statement.CreateView v) {
            if (v.orReplace() && (schema.view(v.view()).isPresent())) {
                out.lock(v.view(), v.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW, ACCESS_EXCLUSIVE);
            }
            for (QualifiedName base : v.baseTables()) {
                if (v.materialized() && v.withData()) {
                    planRead(base);
                    out.scan(base);
                } else {
                    out.lock(base, kindOf(base), ACCESS_SHARE);
                }
            }
        }

        private void refresh(Statement.RefreshMaterializedView r) {
            out.lock(r.view(), RelationKind.MATERIALIZED_VIEW, r.concurrently() ? EXCLUSIVE : ACCESS_EXCLUSIVE);
            readInFull(schema.view(r.view()).map(View::baseTables).orElse(List.of()), null);
            if (r.concurrently()) {
                // The new contents are diffed against the old: a full read of the view, then row updates.
                out.scan(r.view());
                indexesOf(r.view()).forEach(i -> out.lock(i, RelationKind.INDEX, ROW_EXCLUSIVE));
            } else {
                rewriteWithIndexes(r.view());
            }
        }

        private void vacuum(Statement.Vacuum v) {
            out.transactionUse(TransactionUse.NOT_IN_TRANSACTION);
            for (QualifiedName table : v.tables()) {
                if (v.full()) {
                    out.lock(table, kindOf(table), ACCESS_EXCLUSIVE);
                    rewriteWithIndexes(table);
                } else {
                    // SHARE UPDATE EXCLUSIVE for the work; measured (caught on 15): ACCESS EXCLUSIVE at the end
                    // to truncate empty pages, taken only if it is free, so it never queues.
                    out.lock(table, kindOf(table), ACCESS_EXCLUSIVE);
                    indexesOf(table).forEach(i -> out.lock(i, RelationKind.INDEX, ROW_EXCLUSIVE));
                    out.note(VACUUM_TRUNCATE_NOTE);
                }
            }
            if (v.tables().isEmpty()) {
                out.note("VACUUM without a table processes every table in the database, one at a time");
            }
        }

        private void cluster(Statement.Cluster c) {
            if (c.table() == null) {
                out.transactionUse(TransactionUse.NOT_IN_TRANSACTION).note("CLUSTER without a table re-clusters every clustered table");
                return;
            }
            out.lock(c.table(), RelationKind.TABLE, ACCESS_EXCLUSIVE);
            rewriteWithIndexes(c.table());
        }

        private void lockTable(Statement.LockTable l) {
            PostgresLockMode mode = PostgresLockMode.fromSqlName(l.mode()).orElse(ACCESS_EXCLUSIVE);
            for (QualifiedName table : l.tables()) {
                out.lock(table, kindOf(table), mode);
                schema.view(table).filter(v -> !v.materialized())
                        .ifPresent(v -> v.baseTables().forEach(b -> out.lock(b, kindOf(b), mode)));
            }
        }

        private void comment(Statement.Comment c) {
            String kind = c.objectKind().toUpperCase(Locale.ROOT);
            String target = c.target() == null ? "" : c.target().strip();
            switch (kind) {
                case "TABLE", "VIEW", "MATERIALIZED VIEW" -> out.lock(QualifiedName.parse(target), kindOf(QualifiedName.parse(target)),
                        SHARE_UPDATE_EXCLUSIVE);
                case "COLUMN" -> {
                    int dot = target.lastIndexOf('.');
                    if (dot > 0) {
                        QualifiedName table = QualifiedName.parse(target.substring(0, dot));
                        out.lock(table, kindOf(table), SHARE_UPDATE_EXCLUSIVE);
                    }
                }
                case "INDEX" -> out.lock(QualifiedName.parse(target), RelationKind.INDEX, SHARE_UPDATE_EXCLUSIVE);
                default -> { }
            }
        }

        // ---- data ----

        /** INSERT, UPDATE, DELETE: ROW EXCLUSIVE on the target and its indexes (the executor opens them all). */
        private void write(QualifiedName table, List<QualifiedName> sources) {
            out.lock(table, kindOf(table), ROW_EXCLUSIVE);
            indexesOf(table).forEach(i -> out.lock(i, RelationKind.INDEX, ROW_EXCLUSIVE));
            for (QualifiedName source : sources) {
                if (!source.qualified().equals(table.qualified())) {
                    planRead(source);
                }
            }
        }

        /** Tables a query reads without a filter the model can see: planned, and read in full. */
        private void readInFull(List<QualifiedName> sources, QualifiedName except) {
            for (QualifiedName source : sources) {
                if (except == null || !source.qualified().equals(except.qualified())) {
                    planRead(source);
                    out.scan(source);
                }
            }
        }

        /**
         * The row checks of the foreign keys an INSERT fires: {@code SELECT ... FOR KEY SHARE} on each referenced
         * table, through the index of the referenced key (ACCESS SHARE on 11, ROW SHARE since 12 — measured on 11
         * and 13+).
         */
        private void foreignKeyChecks(QualifiedName table) {
            schema.table(table).ifPresent(t -> t.constraints().stream()
                    .filter(c -> c.type() == ConstraintType.FOREIGN_KEY && c.referencedTable() != null)
                    .forEach(c -> {
                        out.lock(c.referencedTable(), RelationKind.TABLE, ROW_SHARE);
                        referencedKeyIndex(c).ifPresent(i -> out.lock(i, RelationKind.INDEX, version >= 12 ? ROW_SHARE : ACCESS_SHARE));
                    }));
        }

        /**
         * Deleting referenced rows fires the check on each referencing table ({@code SELECT ... FOR KEY SHARE}):
         * ROW SHARE on it, and on its indexes the planner opens (ROW SHARE since 12, ACCESS SHARE on 11; measured).
         */
        private void referencingRowChecks(QualifiedName table) {
            for (Map.Entry<Table, Constraint> fk : schema.foreignKeysReferencing(table)) {
                QualifiedName child = fk.getKey().name();
                if (!child.qualified().equals(table.qualified())) {
                    out.lock(child, RelationKind.TABLE, ROW_SHARE);
                    indexesOf(child).forEach(i -> out.lock(i, RelationKind.INDEX, version >= 12 ? ROW_SHARE : ACCESS_SHARE));
                    if (!indexedBy(child, fk.getValue().columns())) {
                        // Without an index leading with the referencing columns, each deleted row's check reads the
                        // referencing table in full.
                        out.scan(child);
                    }
                }
            }
        }

        private boolean indexedBy(QualifiedName table, List<String> columns) {
            if (columns.isEmpty()) {
                return false;
            }
            boolean byIndex = schema.indexesOn(table).stream()
                    .anyMatch(i -> i.elements().size() >= columns.size() && i.elements().subList(0, columns.size()).equals(columns));
            boolean byKey = schema.table(table).map(t -> t.constraints().stream()
                    .anyMatch(c -> AlterTableSubcommands.isIndexConstraint(c.type()) && c.columns().size() >= columns.size()
                            && c.columns().subList(0, columns.size()).equals(columns))).orElse(false);
            return byIndex || byKey;
        }

        private Optional<QualifiedName> referencedKeyIndex(Constraint fk) {
            return schema.table(fk.referencedTable()).flatMap(parent -> parent.constraints().stream()
                    .filter(c -> (c.type() == ConstraintType.PRIMARY_KEY && (fk.referencedColumns().isEmpty()
                            || c.columns().equals(fk.referencedColumns())))
                            || (c.type() == ConstraintType.UNIQUE && c.columns().equals(fk.referencedColumns())))
                    .findFirst().map(c -> sibling(fk.referencedTable(), c.name())));
        }

        /** The sequence behind an identity or serial column: as the schema records it, else PostgreSQL's default name. */
        private Optional<QualifiedName> ownedSequence(QualifiedName table, String column) {
            String owner = table.name() + "." + column;
            Optional<QualifiedName> recorded = schema.sequences().values().stream()
                    .filter(seq -> seq.ownedBy() != null && (seq.ownedBy().equals(owner) || seq.ownedBy().endsWith("." + owner)))
                    .map(seq -> seq.name()).findFirst();
            if (recorded.isPresent()) {
                return recorded;
            }
            QualifiedName conventional = sibling(table, table.name() + "_" + column + "_seq");
            return schema.sequences().containsKey(conventional) ? Optional.of(conventional) : Optional.empty();
        }

        /**
         * The query that validates a foreign key (RI_Initial_Check): plans over both tables, so their
         * indexes are opened ACCESS SHARE, and reads both in full.
         */
        private void validationQuery(QualifiedName referencing, QualifiedName referenced) {
            planRead(referencing);
            planRead(referenced);
            out.scan(referencing);
            out.scan(referenced);
        }

        /** Renaming an index (also via its constraint or USING INDEX) takes SHARE UPDATE EXCLUSIVE since 12. */
        private PostgresLockMode indexRenameLock() {
            return version >= 12 ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
        }

        /** A relation read by a planned query: ACCESS SHARE on it and on each of its indexes (the planner opens them). */
        private void planRead(QualifiedName relation) {
            out.lock(relation, kindOf(relation), ACCESS_SHARE);
            indexesOf(relation).forEach(i -> out.lock(i, RelationKind.INDEX, ACCESS_SHARE));
        }

        // ---- schema lookups ----

        private void rewriteWithIndexes(QualifiedName table) {
            out.rewrite(table);
            for (QualifiedName index : indexesOf(table)) {
                out.lock(index, RelationKind.INDEX, ACCESS_EXCLUSIVE);
                out.rewrite(index);
            }
        }

        private RelationKind kindOf(QualifiedName relation) {
            Optional<View> view = schema.view(relation);
            if (view.isPresent()) {
                return view.get().materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW;
            }
            if (schema.index(relation).isPresent()) {
                return RelationKind.INDEX;
            }
            if (schema.sequences().containsKey(relation.qualified())) {
                return RelationKind.SEQUENCE;
            }
            return RelationKind.TABLE;
        }

        /** The indexes on a table: those the schema lists and those its PRIMARY KEY / UNIQUE / EXCLUDE constraints imply. */
        private List<QualifiedName> indexesOf(QualifiedName table) {
            Set<QualifiedName> out = new LinkedHashSet<>();
            schema.indexesOn(table).forEach(i -> out.add(i.name().qualified()));
            schema.table(table).ifPresent(t -> t.constraints().stream()
                    .filter(c -> AlterTableSubcommands.isIndexConstraint(c.type()) && c.name() != null)
                    .forEach(c -> out.add(sibling(table, c.name()))));
            // The schema's maps have no stable order; the report should.
            return out.stream().sorted(BY_NAME).toList();
        }

        private List<QualifiedName> indexesOnColumn(QualifiedName table, String column) {
            Pattern word = columnWord(column);
            Set<QualifiedName> out = new LinkedHashSet<>();
            for (Index i : schema.indexesOn(table)) {
                boolean uses = i.elements().stream().anyMatch(e -> e.equals(column) || word.matcher(e).find())
                        || (i.where() != null && word.matcher(i.where()).find());
                if (uses) {
                    out.add(i.name().qualified());
                }
            }
            schema.table(table).ifPresent(t -> t.constraints().stream()
                    .filter(c -> AlterTableSubcommands.isIndexConstraint(c.type()) && c.name() != null && c.columns().contains(column))
                    .forEach(c -> out.add(sibling(table, c.name()))));
            return out.stream().sorted(BY_NAME).toList();
        }

        private List<String> primaryKeyColumns(QualifiedName table) {
            return schema.table(table).flatMap(t -> t.constraints().stream().filter(c -> c.type() == ConstraintType.PRIMARY_KEY).findFirst())
                    .map(Constraint::columns).orElse(List.of());
        }

        /** An index named {@code name} in the table's schema (indexes always live beside their table). */
        private static QualifiedName sibling(QualifiedName table, String name) {
            return new QualifiedName(table.qualified().schema(), name);
        }

        private static boolean provesNotNull(Constraint c, String column) {
            if (c.type() != ConstraintType.CHECK || !c.validated() || c.expression() == null) {
                return false;
            }
            String e = c.expression().replaceAll("[()\"\\s]+", " ").strip().toLowerCase(Locale.ROOT);
            return e.equals(column.toLowerCase(Locale.ROOT) + " is not null");
        }
    }
}
