package dev.migrationreview.mysql;

import dev.migrationreview.analysis.DialectModel;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.OnlineDdl.Algorithm;
import dev.migrationreview.analysis.OnlineDdl.LockLevel;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.RelationLock.RelationKind;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementEffects;
import dev.migrationreview.analysis.TransactionUse;
import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.mysql.sql.MysqlColumnTypes;
import dev.migrationreview.schema.Column;
import dev.migrationreview.schema.Index;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.Table;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import dev.migrationreview.sql.statement.TypeName;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a statement does to a live MySQL server (and, with {@link ServerFacts} of its own, MariaDB): the metadata locks it
 * takes, the online-DDL algorithm, lock level and rebuild the server picks with ALGORITHM=DEFAULT and LOCK=DEFAULT for
 * the exact version, whether it refuses what the statement asks for, and the facts a reviewer needs beside: DDL commits
 * implicitly, an ALTER waits for every open transaction on the table while every new query waits behind it (bounded by
 * {@code lock_wait_timeout}, default one year), and a rebuild replays on replicas after it finished here.
 */
@Singleton
public class MysqlEffectsModel implements DialectModel {
    /** Seconds: the server's default {@code lock_wait_timeout}, one year (Reference Manual 7.1.8, Server System Variables). */
    public static final long DEFAULT_LOCK_WAIT_TIMEOUT = 31_536_000L;

    private final ServerFacts facts;

    @jakarta.inject.Inject
    public MysqlEffectsModel() {
        this(new MysqlServerFacts());
    }

    protected MysqlEffectsModel(ServerFacts facts) {
        this.facts = facts;
    }

    @Override
    public Dialect dialect() {
        return facts.dialect();
    }

    /** The fact table this model runs on. */
    public ServerFacts facts() {
        return facts;
    }

    @Override
    public StatementEffects effects(StatementContext context) {
        Schema schema = context.schemaBefore() == null ? Schema.EMPTY : context.schemaBefore();
        return new Evaluation(schema, context.config().version(), context).of(context.statement().statement());
    }

    /** One statement's evaluation. */
    private final class Evaluation {
        private final Schema schema;
        private final DatabaseVersion version;
        private final StatementContext context;
        private final Map<QualifiedName, RelationLock> locks = new LinkedHashMap<>();
        private final Set<QualifiedName> rewrites = new LinkedHashSet<>();
        private final Set<QualifiedName> scans = new LinkedHashSet<>();
        private final List<String> notes = new ArrayList<>();
        private OnlineDdl ddl;
        private boolean modelled = true;

        Evaluation(Schema schema, DatabaseVersion version, StatementContext context) {
            this.schema = schema;
            this.version = version;
            this.context = context;
        }

        StatementEffects of(Statement s) {
            TransactionUse use = TransactionUse.ANY;
            if (s instanceof Statement.AlterTable a) {
                alterTable(a);
                use = TransactionUse.NOT_IN_TRANSACTION;
            } else if (s instanceof Statement.CreateIndex c) {
                createIndex(c);
                use = TransactionUse.NOT_IN_TRANSACTION;
            } else if (s instanceof Statement.CreateTable c) {
                lock(c.table(), MysqlLockMode.EXCLUSIVE);
                c.constraints().stream().filter(k -> k.type() == ConstraintType.FOREIGN_KEY && k.referencedTable() != null)
                        .forEach(k -> lock(k.referencedTable(), MysqlLockMode.SHARED_UPGRADABLE));
                c.sourceTables().forEach(t -> lock(t, MysqlLockMode.SHARED_READ));
                c.sourceTables().forEach(scans::add);
                use = TransactionUse.NOT_IN_TRANSACTION;
                implicitCommit();
            } else if (s instanceof Statement.DropTable d) {
                d.tables().forEach(t -> lock(t, MysqlLockMode.EXCLUSIVE));
                use = TransactionUse.NOT_IN_TRANSACTION;
                implicitCommit();
                waitsForTransactions(d.tables());
            } else if (s instanceof Statement.RenameTable r) {
                lock(r.from(), MysqlLockMode.EXCLUSIVE);
                lock(r.to(), MysqlLockMode.EXCLUSIVE);
                use = TransactionUse.NOT_IN_TRANSACTION;
                implicitCommit();
                waitsForTransactions(List.of(r.from()));
            } else if (s instanceof Statement.TruncateTable t) {
                t.tables().forEach(x -> lock(x, MysqlLockMode.EXCLUSIVE));
                // InnoDB drops and re-creates the table: a new table id, an empty new tablespace
                t.tables().forEach(rewrites::add);
                use = TransactionUse.NOT_IN_TRANSACTION;
                implicitCommit();
                waitsForTransactions(t.tables());
            } else if (s instanceof Statement.Insert i) {
                lock(i.table(), MysqlLockMode.SHARED_WRITE);
                i.sourceTables().forEach(t -> lock(t, MysqlLockMode.SHARED_READ));
            } else if (s instanceof Statement.Update u) {
                lock(u.table(), MysqlLockMode.SHARED_WRITE);
                u.sourceTables().stream().filter(t -> !t.equals(u.table())).forEach(t -> lock(t, MysqlLockMode.SHARED_READ));
                if (!u.hasWhere()) {
                    scans.add(u.table());
                }
                dataChangeNote();
            } else if (s instanceof Statement.Delete d) {
                lock(d.table(), MysqlLockMode.SHARED_WRITE);
                d.sourceTables().stream().filter(t -> !t.equals(d.table())).forEach(t -> lock(t, MysqlLockMode.SHARED_READ));
                if (!d.hasWhere()) {
                    scans.add(d.table());
                }
                dataChangeNote();
            } else if (s instanceof Statement.Select sel) {
                sel.tables().forEach(t -> lock(t, MysqlLockMode.SHARED_READ));
            } else if (s instanceof Statement.LockTable l) {
                l.tables().forEach(t -> lock(t, "WRITE".equals(l.mode()) ? MysqlLockMode.SHARED_NO_READ_WRITE : MysqlLockMode.SHARED_NO_WRITE));
                notes.add("LOCK TABLES commits any open transaction and holds its locks until UNLOCK TABLES or the session ends.");
            } else if (s instanceof Statement.CreateTrigger t) {
                if (t.table() != null) {
                    lock(t.table(), MysqlLockMode.EXCLUSIVE);
                    waitsForTransactions(List.of(t.table()));
                }
                implicitCommit();
            } else if (s instanceof Statement.DropTrigger || s instanceof Statement.CreateView || s instanceof Statement.DropView
                    || s instanceof Statement.AlterView || s instanceof Statement.CreateFunction || s instanceof Statement.DropFunction
                    || s instanceof Statement.CreateSchema) {
                implicitCommit();
            } else if (s instanceof Statement.OtherKnown o) {
                otherKnown(o);
            } else if (s instanceof Statement.TransactionControl) {
                use = TransactionUse.CONTROLS_TRANSACTION;
            } else if (s instanceof Statement.SetParameter || s instanceof Statement.MetaCommand || s instanceof Statement.Grant) {
                // session state only (the tracker follows lock_wait_timeout), or privileges: no table is locked
            } else {
                modelled = false;
            }
            if (!modelled) {
                return new StatementEffects(List.of(), List.of(), List.of(), use, false, notes, null);
            }
            return new StatementEffects(List.copyOf(locks.values()), List.copyOf(rewrites), List.copyOf(scans), use, true, notes, ddl);
        }

        private void otherKnown(Statement.OtherKnown o) {
            switch (o.kind()) {
                case "OPTIMIZE TABLE" -> {
                    // InnoDB runs OPTIMIZE TABLE as ALTER TABLE ... FORCE: a rebuild in place
                    for (QualifiedName t : o.tables()) {
                        online(t, List.of(DdlChange.REBUILD), null, null, null);
                    }
                }
                case "ANALYZE TABLE", "CHECK TABLE" -> o.tables().forEach(t -> lock(t, MysqlLockMode.SHARED_READ));
                case "REPAIR TABLE" -> o.tables().forEach(t -> lock(t, MysqlLockMode.SHARED_NO_READ_WRITE));
                case "RENAME TABLES" -> {
                    o.tables().forEach(t -> lock(t, MysqlLockMode.EXCLUSIVE));
                    implicitCommit();
                }
                case "DROP TEMPORARY TABLE", "USE", "EMPTY", "SET GLOBAL", "UNLOCK TABLES", "SHOW", "DESCRIBE", "DESC", "EXPLAIN",
                     "FLUSH", "DO", "PREPARE", "EXECUTE", "DEALLOCATE", "DECLARE" -> {
                    // no table of the schema is locked beyond the statement itself
                }
                default -> {
                    if (o.kind().startsWith("CREATE") || o.kind().startsWith("DROP") || o.kind().startsWith("ALTER")) {
                        implicitCommit();
                    } else {
                        modelled = false;
                    }
                }
            }
        }

        // ---- ALTER TABLE ----

        private void alterTable(Statement.AlterTable a) {
            QualifiedName table = a.table();
            Optional<Table> existing = schema.table(table);
            List<DdlChange> changes = new ArrayList<>();
            String algorithm = null;
            String lock = null;
            boolean droppedPrimary = false;
            boolean addedPrimary = false;
            String missingSyntax = null;
            for (AlterTableAction action : a.actions()) {
                if (missingSyntax == null) {
                    missingSyntax = facts.missingSyntax(action, version).orElse(null);
                }
                if (action instanceof AlterTableAction.OnlineDdlClause c) {
                    if (c.option().equals("ALGORITHM")) {
                        algorithm = c.value();
                    } else {
                        lock = c.value();
                    }
                    continue;
                }
                if (action instanceof AlterTableAction.DropConstraint d && "PRIMARY".equalsIgnoreCase(d.name())) {
                    droppedPrimary = true;
                    continue;
                }
                if (action instanceof AlterTableAction.AddConstraint c && c.constraint().type() == ConstraintType.PRIMARY_KEY) {
                    addedPrimary = true;
                    continue;
                }
                DdlChange change = change(action, existing, table);
                if (change == null) {
                    modelled = false;
                    return;
                }
                changes.add(change);
            }
            if (droppedPrimary || addedPrimary) {
                changes.add(droppedPrimary && addedPrimary ? DdlChange.REPLACE_PRIMARY_KEY
                        : droppedPrimary ? DdlChange.DROP_PRIMARY_KEY : DdlChange.ADD_PRIMARY_KEY);
            }
            for (AlterTableAction action : a.actions()) {
                if (action instanceof AlterTableAction.AddConstraint c && c.constraint().type() == ConstraintType.FOREIGN_KEY
                        && !indexLeadsWith(existing, a, c.constraint().columns())) {
                    // InnoDB builds the index the foreign key needs inside the same ALTER: MariaDB then runs it NOCOPY, not
                    // INSTANT (observed on MariaDB 10.11.5 and 11.4.5 by RuleExamplesOnRealMysqlTest)
                    changes.add(DdlChange.ADD_INDEX);
                }
            }
            if (changes.isEmpty()) {
                // only ALGORITHM=/LOCK= clauses: the server rebuilds the table (a null ALTER)
                changes.add(DdlChange.REBUILD);
            }
            online(table, changes, algorithm, lock, missingSyntax);
            for (AlterTableAction action : a.actions()) {
                if (action instanceof AlterTableAction.RenameTable r) {
                    lock(new QualifiedName(table.schema(), r.to()), MysqlLockMode.EXCLUSIVE);
                }
                if (action instanceof AlterTableAction.AddConstraint c && c.constraint().type() == ConstraintType.FOREIGN_KEY
                        && c.constraint().referencedTable() != null) {
                    // the parent's metadata is updated too: its lock waits for its open transactions as well
                    lock(c.constraint().referencedTable(), facts.parentLockForForeignKey(version));
                }
                if (action instanceof AlterTableAction.DropConstraint d) {
                    existing.flatMap(t -> t.constraint(d.name())).filter(k -> k.type() == ConstraintType.FOREIGN_KEY && k.referencedTable() != null)
                            .ifPresent(k -> lock(k.referencedTable(), facts.parentLockForForeignKey(version)));
                }
            }
        }

        /** Whether a key or index of the table, or one the same ALTER adds, starts with these columns. */
        private boolean indexLeadsWith(Optional<Table> table, Statement.AlterTable alter, List<String> columns) {
            return LeadingIndex.exists(schema, alter.table(), table, columns, alter);
        }

        /** The change one ALTER TABLE action is, judged against the table as it stands; null when not modelled. */
        private DdlChange change(AlterTableAction action, Optional<Table> table, QualifiedName tableName) {
            if (action instanceof AlterTableAction.AddColumn add) {
                ColumnDefinition c = add.column();
                if ("AUTO_INCREMENT".equals(c.identity())) {
                    return DdlChange.ADD_COLUMN_AUTO_INCREMENT;
                }
                if (c.generatedExpression() != null) {
                    return c.generatedVirtual() ? DdlChange.ADD_COLUMN_VIRTUAL_GENERATED : DdlChange.ADD_COLUMN_STORED_GENERATED;
                }
                if (c.constraints().stream().anyMatch(k -> k.type() == ConstraintType.PRIMARY_KEY)) {
                    return DdlChange.ADD_PRIMARY_KEY;
                }
                return add.position() == null ? DdlChange.ADD_COLUMN_LAST : DdlChange.ADD_COLUMN_POSITIONED;
            }
            if (action instanceof AlterTableAction.DropColumn d) {
                // MariaDB: a column in an index takes the index (or its part) with it, which is no longer instant
                boolean indexed = schema.indexesOn(tableName).stream().anyMatch(i -> i.elements().contains(d.column()));
                return indexed && facts.dropsIndexedColumnLikeAnIndex(version) ? DdlChange.DROP_INDEX : DdlChange.DROP_COLUMN;
            }
            if (action instanceof AlterTableAction.RenameColumn) {
                return DdlChange.RENAME_COLUMN;
            }
            if (action instanceof AlterTableAction.SetDefault || action instanceof AlterTableAction.DropDefault) {
                return DdlChange.SET_DEFAULT;
            }
            if (action instanceof AlterTableAction.ChangeColumn c) {
                return columnChange(c, table);
            }
            if (action instanceof AlterTableAction.AddIndex i) {
                if ("fulltext".equals(i.method())) {
                    return hasFulltext(tableName) ? DdlChange.ADD_FULLTEXT : DdlChange.ADD_FULLTEXT_FIRST;
                }
                return "spatial".equals(i.method()) ? DdlChange.ADD_SPATIAL : DdlChange.ADD_INDEX;
            }
            if (action instanceof AlterTableAction.DropIndex) {
                return DdlChange.DROP_INDEX;
            }
            if (action instanceof AlterTableAction.RenameIndex) {
                return DdlChange.RENAME_INDEX;
            }
            if (action instanceof AlterTableAction.AddConstraint c) {
                return switch (c.constraint().type()) {
                    case FOREIGN_KEY -> foreignKeyChecks() ? DdlChange.ADD_FOREIGN_KEY_CHECKED : DdlChange.ADD_FOREIGN_KEY_UNCHECKED;
                    case UNIQUE -> DdlChange.ADD_INDEX;
                    case CHECK -> DdlChange.ADD_CHECK;
                    default -> null;
                };
            }
            if (action instanceof AlterTableAction.DropConstraint d) {
                boolean foreignKey = table.flatMap(t -> t.constraint(d.name()))
                        .map(k -> k.type() == ConstraintType.FOREIGN_KEY).orElse(true);
                return foreignKey ? DdlChange.DROP_FOREIGN_KEY : DdlChange.DROP_CHECK;
            }
            if (action instanceof AlterTableAction.RenameTable) {
                return DdlChange.RENAME_TABLE;
            }
            if (action instanceof AlterTableAction.ConvertCharset) {
                return DdlChange.CONVERT_CHARSET;
            }
            if (action instanceof AlterTableAction.TableOption o) {
                return switch (o.option()) {
                    case "CHARACTER SET", "COLLATE" -> DdlChange.TABLE_CHARSET;
                    case "ENGINE", "ROW_FORMAT", "KEY_BLOCK_SIZE", "COMPRESSION", "ENCRYPTION", "PAGE_COMPRESSED", "TABLESPACE" -> DdlChange.REBUILD;
                    case "AUTO_INCREMENT" -> DdlChange.AUTO_INCREMENT_VALUE;
                    case "PARTITION BY" -> DdlChange.PARTITIONING;
                    default -> DdlChange.TABLE_METADATA;
                };
            }
            if (action instanceof AlterTableAction.Other o) {
                String text = AsciiCase.upper(o.text());
                if (text.equals("FORCE")) {
                    return DdlChange.REBUILD;
                }
                if (text.startsWith("ADD PARTITION") || text.startsWith("DROP PARTITION") || text.startsWith("PARTITION")
                        || text.startsWith("REMOVE") || text.startsWith("COALESCE") || text.startsWith("REORGANIZE")
                        || text.startsWith("TRUNCATE PARTITION") || text.startsWith("EXCHANGE") || text.startsWith("REBUILD")) {
                    return DdlChange.PARTITIONING;
                }
                if (text.startsWith("ALTER INDEX") || text.startsWith("ALTER COLUMN") || text.startsWith("ALTER CONSTRAINT")
                        || text.equals("KEYS") || text.startsWith("ORDER BY")) {
                    // visibility and enforcement flags, DISABLE/ENABLE KEYS: metadata; ORDER BY copies
                    return text.startsWith("ORDER BY") ? DdlChange.CHANGE_TYPE : DdlChange.TABLE_METADATA;
                }
                return null;
            }
            return null;
        }

        /** MODIFY/CHANGE: the cheapest change that explains the difference from the column as it stands. */
        private DdlChange columnChange(AlterTableAction.ChangeColumn c, Optional<Table> table) {
            Optional<Column> before = table.flatMap(t -> t.column(c.from()));
            if (before.isEmpty()) {
                // the history does not know the column: the server's answer depends on what it was
                notes.add("The column " + c.from() + " is not in the replayed history, so whether this change copies the table is"
                        + " assumed (a type change copies it).");
                return DdlChange.CHANGE_TYPE;
            }
            Column old = before.get();
            ColumnDefinition now = c.column();
            String oldType = MysqlColumnTypes.withoutCharset(old.type());
            String newType = MysqlColumnTypes.withoutCharset(now.type());
            String defaultCharset = tableCharset(table.get());
            String oldCharset = Optional.ofNullable(MysqlColumnTypes.charset(old.type())).orElse(defaultCharset);
            String newCharset = Optional.ofNullable(MysqlColumnTypes.charset(now.type())).orElse(oldCharset);
            boolean typeSame = oldType.equals(newType) && oldCharset.equals(newCharset);
            List<DdlChange> parts = new ArrayList<>();
            if (!typeSame) {
                QualifiedName tableName = table.get().name();
                boolean indexed = schema.indexesOn(tableName).stream().anyMatch(i -> i.elements().contains(c.from()));
                parts.add(typeChange(old.type(), now.type(), oldCharset, newCharset, indexed));
            }
            if (old.notNull() != now.notNull()) {
                parts.add(now.notNull() ? DdlChange.MAKE_NOT_NULL : DdlChange.MAKE_NULLABLE);
            }
            if (!c.from().equals(now.name())) {
                parts.add(DdlChange.RENAME_COLUMN);
            }
            if (c.position() != null) {
                parts.add(DdlChange.REORDER_COLUMN);
            }
            if (parts.isEmpty()) {
                parts.add(DdlChange.SET_DEFAULT);
            }
            // one action is as expensive as its most expensive part
            return parts.stream().max((x, y) -> compare(fact(x), fact(y))).orElseThrow();
        }

        /**
         * The charset a column of the table written without one has: the table's, as CREATE TABLE gave it to its text
         * columns, else the server's default (utf8mb4 on MySQL 8.0 and later; latin1 on 5.7 and on MariaDB before 11.6).
         */
        private String tableCharset(Table table) {
            for (Column c : table.columns()) {
                String cs = MysqlColumnTypes.isText(c.type()) ? MysqlColumnTypes.charset(c.type()) : null;
                if (cs != null) {
                    return cs;
                }
            }
            if (facts.dialect() == Dialect.MYSQL) {
                return version.major() >= 8 ? "utf8mb4" : "latin1";
            }
            return version.atLeast(DatabaseVersion.parse("11.6")) ? "utf8mb4" : "latin1";
        }

        private DdlChange typeChange(TypeName before, TypeName after, String oldCharset, String newCharset, boolean indexedColumn) {
            if (!oldCharset.equals(newCharset)) {
                return DdlChange.CHANGE_TYPE;
            }
            String a = before.name();
            String b = after.name();
            if (a.equals(b) && a.equals("varchar") && !before.modifiers().isEmpty() && !after.modifiers().isEmpty()) {
                int oldBytes = MysqlColumnTypes.maxBytes(before, oldCharset);
                int newBytes = MysqlColumnTypes.maxBytes(after, newCharset);
                if (newBytes < oldBytes) {
                    return DdlChange.CHANGE_TYPE;
                }
                if ((oldBytes <= 255) == (newBytes <= 255)) {
                    return DdlChange.EXTEND_VARCHAR;
                }
                // values of at most 127 bytes keep a 1-byte length either way: such a column may cross without a copy
                return indexedColumn || oldBytes > 127 ? DdlChange.EXTEND_VARCHAR_ACROSS_255 : DdlChange.EXTEND_SHORT_VARCHAR_ACROSS_255;
            }
            if (a.equals(b) && (a.equals("enum") || a.equals("set"))) {
                List<String> oldValues = MysqlColumnTypes.values(before);
                List<String> newValues = MysqlColumnTypes.values(after);
                boolean appended = newValues.size() >= oldValues.size() && newValues.subList(0, oldValues.size()).equals(oldValues);
                // an ENUM of up to 255 members takes one byte, beyond two; a SET of 8, 16, 24, 32, 64 members 1 to 8 bytes
                boolean sameStorage = a.equals("enum") ? (oldValues.size() <= 255) == (newValues.size() <= 255)
                        : (oldValues.size() + 7) / 8 == (newValues.size() + 7) / 8;
                return appended && sameStorage ? DdlChange.ENUM_APPEND : DdlChange.ENUM_CHANGE;
            }
            return DdlChange.CHANGE_TYPE;
        }

        private boolean hasFulltext(QualifiedName table) {
            if (schema.indexesOn(table).stream().map(Index::method).anyMatch("fulltext"::equals)) {
                return true;
            }
            // a FULLTEXT index added earlier in the same file
            for (StatementContext.JudgedStatement j : context.earlier()) {
                Statement s = j.statement().statement();
                if (s instanceof Statement.CreateIndex c && c.table().equals(table) && "fulltext".equals(c.method())) {
                    return true;
                }
            }
            return false;
        }

        /** foreign_key_checks as the file's own SET statements leave it (on unless set to 0/OFF). */
        private boolean foreignKeyChecks() {
            boolean on = true;
            for (StatementContext.JudgedStatement j : context.earlier()) {
                if (j.statement().statement() instanceof Statement.SetParameter p && "foreign_key_checks".equals(p.name())) {
                    String v = p.value() == null ? "1" : AsciiCase.lower(p.value().trim()).replace("'", "");
                    on = !(v.equals("0") || v.equals("off") || v.equals("false"));
                }
            }
            return on;
        }

        // ---- CREATE INDEX ----

        private void createIndex(Statement.CreateIndex c) {
            DdlChange change = "fulltext".equals(c.method()) ? (hasFulltext(c.table()) ? DdlChange.ADD_FULLTEXT : DdlChange.ADD_FULLTEXT_FIRST)
                    : "spatial".equals(c.method()) ? DdlChange.ADD_SPATIAL : DdlChange.ADD_INDEX;
            online(c.table(), List.of(change), null, null, null);
        }

        // ---- the online-DDL decision ----

        private ServerFacts.Fact fact(DdlChange change) {
            return facts.fact(change, version);
        }

        /** Orders facts by cost: algorithm, then lock, then rebuild. */
        private int compare(ServerFacts.Fact x, ServerFacts.Fact y) {
            int c = x.algorithm().compareTo(y.algorithm());
            if (c == 0) {
                c = x.lock().compareTo(y.lock());
            }
            return c != 0 ? c : Boolean.compare(x.rebuilds(), y.rebuilds());
        }

        /**
         * The statement runs its changes together: the most expensive algorithm of any, the most restrictive lock of any,
         * a rebuild if any rebuilds; then what ALGORITHM=/LOCK= ask for, and whether the server refuses it.
         */
        /** @param missingSyntax why this version cannot parse the statement at all ({@link ServerFacts#missingSyntax}), or null */
        private void online(QualifiedName table, List<DdlChange> changes, String requestedAlgorithm, String requestedLock,
                String missingSyntax) {
            Algorithm algorithm = Algorithm.INSTANT;
            LockLevel lockLevel = LockLevel.NONE;
            boolean rebuild = false;
            for (DdlChange change : changes) {
                ServerFacts.Fact f = fact(change);
                if (f.algorithm().compareTo(algorithm) > 0) {
                    algorithm = f.algorithm();
                }
                if (f.lock().compareTo(lockLevel) > 0) {
                    lockLevel = f.lock();
                }
                rebuild |= f.rebuilds();
            }
            if (algorithm != Algorithm.INSTANT) {
                // an instant column change does not combine with one that is not: the whole ALTER runs in place, and
                // the column change rebuilds the table there (real-server test: ADD COLUMN, ADD INDEX)
                for (DdlChange change : changes) {
                    if (fact(change).algorithm() == Algorithm.INSTANT && change.rebuildsInPlace()) {
                        rebuild = true;
                        if (algorithm == Algorithm.NOCOPY) {
                            algorithm = Algorithm.INPLACE;
                        }
                    }
                }
            }
            if (algorithm == Algorithm.COPY && facts.onlineCopy(version)) {
                lockLevel = LockLevel.NONE;
            }
            if (version.major() == 5 && algorithm == Algorithm.INSTANT) {
                // 5.7 has no INSTANT: what later releases do instantly, it does in place on metadata only
                algorithm = Algorithm.INPLACE;
            }
            if (!facts.knowsNocopy() && algorithm == Algorithm.NOCOPY) {
                algorithm = Algorithm.INPLACE;
            }
            int instantChanges = 0;
            int limit = facts.rowVersionLimit(version);
            boolean countsRowVersion = changes.stream().anyMatch(c -> c == DdlChange.ADD_COLUMN_LAST || c == DdlChange.ADD_COLUMN_POSITIONED
                    || c == DdlChange.DROP_COLUMN);
            String refusal = null;
            boolean requested = (requestedAlgorithm != null && !requestedAlgorithm.equals("DEFAULT"))
                    || (requestedLock != null && !requestedLock.equals("DEFAULT"));
            Algorithm chosen = algorithm;
            LockLevel chosenLock = lockLevel;
            if (requestedAlgorithm != null && !requestedAlgorithm.equals("DEFAULT")) {
                Algorithm asked = parseAlgorithm(requestedAlgorithm);
                if (asked == null) {
                    refusal = facts.serverName() + " has no ALGORITHM=" + requestedAlgorithm + ".";
                } else if (asked == Algorithm.NOCOPY && !facts.knowsNocopy()) {
                    refusal = "ALGORITHM=NOCOPY is MariaDB's; " + facts.serverName() + " rejects it.";
                } else if (asked == Algorithm.INSTANT && version.major() == 5) {
                    refusal = "ALGORITHM=INSTANT does not exist before MySQL 8.0.12.";
                } else if (asked.compareTo(algorithm) < 0) {
                    refusal = "ALGORITHM=" + asked + " is not supported for " + describe(changes, algorithm) + " on " + facts.serverName()
                            + " " + version + "; the cheapest it supports is " + algorithm + ".";
                }
                if (refusal != null) {
                    // the report's ddl says what the statement asked for; the refusal says it fails
                    if (asked != null) {
                        chosen = asked;
                    }
                    LockLevel askedLock = requestedLock == null ? null : parseLock(requestedLock);
                    if (askedLock != null) {
                        chosenLock = askedLock;
                    }
                } else if (refusal == null) {
                    chosen = asked;
                    if (asked == Algorithm.COPY) {
                        rebuild = true;
                        chosenLock = LockLevel.SHARED;
                    } else if (asked.compareTo(algorithm) > 0 && changes.stream().anyMatch(DdlChange::rebuildsInPlace)) {
                        rebuild = true;
                    }
                }
            }
            if (requestedLock != null && !requestedLock.equals("DEFAULT") && refusal == null) {
                LockLevel asked = parseLock(requestedLock);
                if (asked == null) {
                    refusal = facts.serverName() + " has no LOCK=" + requestedLock + ".";
                } else if (chosen == Algorithm.INSTANT && facts.instantRefusesLockClause() && requestedAlgorithm != null
                        && requestedAlgorithm.equals("INSTANT")) {
                    refusal = "ALGORITHM=INSTANT takes no LOCK clause but DEFAULT on " + facts.serverName() + ".";
                    chosenLock = asked;
                } else if (asked.compareTo(chosenLock) < 0 && facts.onlineCopy(version) && chosen != Algorithm.COPY
                        && (requestedAlgorithm == null || requestedAlgorithm.equals("DEFAULT"))) {
                    // MariaDB 11.2+: what cannot run in place with this lock runs as an online COPY instead
                    chosen = Algorithm.COPY;
                    chosenLock = asked;
                    rebuild = true;
                } else if (asked.compareTo(chosenLock) < 0) {
                    refusal = "LOCK=" + asked + " is not supported for " + describe(changes, chosen) + " on " + facts.serverName() + " "
                            + version + "; the least it permits is LOCK=" + chosenLock + ".";
                    chosenLock = asked;
                } else {
                    chosenLock = asked;
                }
            }
            if (countsRowVersion && chosen == Algorithm.INSTANT && limit > 0) {
                instantChanges = instantChangesSoFar(table) + 1;
                if (instantChanges > limit) {
                    if (requestedAlgorithm != null && requestedAlgorithm.equals("INSTANT")) {
                        refusal = "the table has had " + (instantChanges - 1) + " INSTANT column changes since it was last rebuilt;"
                                + " MySQL allows " + limit + " row versions, so ALGORITHM=INSTANT fails.";
                    } else {
                        // the server falls back to rebuilding the table in place, which resets the count
                        chosen = Algorithm.INPLACE;
                        rebuild = true;
                        notes.add("The table has had " + (instantChanges - 1) + " INSTANT column changes since it was last rebuilt; MySQL"
                                + " keeps at most " + limit + " row versions, so this change rebuilds the table in place instead.");
                    }
                }
            }
            if (missingSyntax != null) {
                // a statement the server cannot parse fails before any ALGORITHM=/LOCK= is weighed
                refusal = missingSyntax;
            }
            if (refusal != null) {
                // the server rejects the statement before touching the table
                rebuild = false;
            }
            ddl = new OnlineDdl(chosen, chosenLock, rebuild, requested, refusal, instantChanges);
            lock(table, MysqlLockMode.EXCLUSIVE);
            if (rebuild) {
                rewrites.add(table);
                scans.remove(table);
            }
            implicitCommit();
            waitsForTransactions(List.of(table));
            if (chosen != Algorithm.INSTANT) {
                notes.add(switch (chosenLock) {
                    case NONE -> "While it runs (" + chosen + "), reads and writes go on; the table's exclusive metadata lock is needed"
                            + " only briefly at the start and the end.";
                    case SHARED -> "While it runs (" + chosen + "), reads go on but every write to the table waits until it finishes.";
                    case EXCLUSIVE -> "While it runs (" + chosen + "), every read and write of the table waits until it finishes.";
                });
            }
            if (rebuild) {
                notes.add("Replicas replay this ALTER only after it finished here, with the same " + (chosen == Algorithm.COPY ? "copy" : "rebuild")
                        + ", and apply nothing else meanwhile (DDL applies single-threaded): replication lag grows by its whole duration.");
            }
        }

        private String describe(List<DdlChange> changes, Algorithm cheapest) {
            return changes.stream().filter(c -> fact(c).algorithm().compareTo(cheapest) >= 0).map(DdlChange::description)
                    .findFirst().orElse(changes.get(0).description());
        }

        /**
         * ADD/DROP COLUMN applied to the table since it was created or last rebuilt, as the replay of the history and of this
         * file's earlier statements counted them.
         */
        private int instantChangesSoFar(QualifiedName table) {
            return schema.table(table).map(Table::instantColumnChanges).orElse(0);
        }

        private void waitsForTransactions(List<QualifiedName> tables) {
            String timeout = context.session() == null ? null : context.session().lockTimeout();
            String names = String.join(", ", tables.stream().map(QualifiedName::name).toList());
            notes.add("Its exclusive metadata lock on " + names + " waits for every open transaction that touched the table, and every"
                    + " query on the table arriving meanwhile waits behind it; "
                    + (timeout == null ? "lock_wait_timeout is not set in this file, so that wait may last up to its default of one year"
                            + " (" + DEFAULT_LOCK_WAIT_TIMEOUT + " s)."
                            : "lock_wait_timeout = " + timeout + " bounds that wait."));
        }

        private void implicitCommit() {
            notes.add("DDL commits implicitly: it ends any open transaction, and cannot be rolled back if a later statement fails.");
        }

        private void dataChangeNote() {
            notes.add("Row changes replicate as they commit; one large UPDATE or DELETE arrives on replicas as one large transaction"
                    + " and lags them for about as long as it ran here.");
        }

        private void lock(QualifiedName relation, MysqlLockMode mode) {
            if (relation == null) {
                return;
            }
            QualifiedName q = relation.qualified();
            locks.merge(q, new RelationLock(q, RelationKind.TABLE, mode),
                    (a, b) -> ((MysqlLockMode) b.mode()).strongerThan((MysqlLockMode) a.mode()) ? b : a);
        }
    }

    static Algorithm parseAlgorithm(String text) {
        try {
            return Algorithm.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static LockLevel parseLock(String text) {
        try {
            return LockLevel.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
