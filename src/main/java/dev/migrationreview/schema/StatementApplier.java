package dev.migrationreview.schema;

import dev.migrationreview.dialect.NameRules;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import dev.migrationreview.sql.statement.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies one statement to a schema the way PostgreSQL would: default names for unnamed
 * constraints, indexes and serial sequences; dependent indexes and constraints follow a dropped or
 * renamed column; renaming a table carries foreign keys, indexes, views and owned sequences along.
 * What it cannot model is reported as a reason, never thrown.
 */
final class StatementApplier {
    private static final Pattern SET_CONFIG_SEARCH_PATH =
            Pattern.compile("set_config\\s*\\(\\s*'search_path'\\s*,\\s*'([^']*)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIKE_INCLUDING =
            Pattern.compile("INCLUDING\\s+(ALL|DEFAULTS|CONSTRAINTS|INDEXES|IDENTITY|GENERATED)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IDENTITY_SEQUENCE_NAME =
            Pattern.compile("SEQUENCE\\s+NAME\\s+([\\w.\"]+)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> SERIAL_TYPES = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial", "serial2");

    private final NameRules names;

    /** @param names the dialect's rules for identifiers and the names of unnamed objects */
    StatementApplier(NameRules names) {
        this.names = names;
    }

    /** Applies one statement to a copy of {@code before}. */
    SchemaReplay.Step apply(Schema before, ParsedStatement statement) {
        if (!changesSchema(statement.statement())) {
            return new SchemaReplay.Step(before, applyTo(null, statement));
        }
        SchemaDraft draft = SchemaDraft.of(before, names);
        String reason = applyTo(draft, statement);
        return new SchemaReplay.Step(draft.freeze(), reason);
    }

    /** Statements that never change the schema model skip the copy {@link #apply} would otherwise make. */
    private static boolean changesSchema(Statement s) {
        return !(s == null
                || s instanceof Statement.Insert
                || s instanceof Statement.Update
                || s instanceof Statement.Delete
                || s instanceof Statement.TransactionControl
                || s instanceof Statement.MetaCommand
                || s instanceof Statement.Vacuum
                || s instanceof Statement.Analyze
                || s instanceof Statement.Cluster
                || s instanceof Statement.LockTable
                || s instanceof Statement.Comment
                || s instanceof Statement.Grant
                || s instanceof Statement.CreateTrigger
                || s instanceof Statement.DropTrigger
                || s instanceof Statement.CreateExtension
                || s instanceof Statement.CatalogOnly
                || s instanceof Statement.Reindex
                || s instanceof Statement.RefreshMaterializedView
                || s instanceof Statement.TruncateTable
                || s instanceof Statement.OtherKnown
                || s instanceof Statement.DoBlock
                || s instanceof Statement.Unrecognised);
    }

    /** Applies one statement to {@code d} (null for statements that change nothing); the reason it was not modelled, or null. */
    String applyTo(SchemaDraft d, ParsedStatement ps) {
        Statement s = ps.statement();
        if (s == null) {
            return "not understood";
        }
        try {
            return dispatch(d, s, ps.raw() == null ? "" : ps.raw().sql());
        } catch (RuntimeException e) {
            // one odd statement must not end the replay of a whole history
            return "could not apply " + ps.kind() + ": " + e;
        }
    }

    private String dispatch(SchemaDraft d, Statement s, String sql) {
        if (s instanceof Statement.Unrecognised u) {
            return "not understood: " + u.reason();
        }
        if (s instanceof Statement.DoBlock) {
            return "DO block: what it changes in the schema is not modelled";
        }
        if (s instanceof Statement.OtherKnown o) {
            if (o.kind().equals("OPTIMIZE TABLE") && d != null) {
                // InnoDB rebuilds the table: its row versions start again
                for (QualifiedName name : o.tables()) {
                    Table table = d.tables.get(d.resolve(name));
                    if (table != null && table.instantColumnChanges() > 0) {
                        TableDraft t = new TableDraft(table);
                        t.instantColumnChanges = 0;
                        d.tables.put(table.name(), t.build());
                    }
                }
                return null;
            }
            return o.kind() + " is not modelled";
        }
        if (d == null) {
            return null;
        }
        if (s instanceof Statement.CreateTable x) {
            return createTable(d, x, sql);
        } else if (s instanceof Statement.AlterTable x) {
            return alterTable(d, x);
        } else if (s instanceof Statement.DropTable x) {
            return dropTables(d, x.tables(), x.ifExists(), x.cascade(), "DROP TABLE");
        } else if (s instanceof Statement.RenameTable x) {
            return renameTable(d, x);
        } else if (s instanceof Statement.CreateIndex x) {
            return createIndex(d, x);
        } else if (s instanceof Statement.DropIndex x) {
            return dropIndexes(d, x);
        } else if (s instanceof Statement.AlterIndex x) {
            return alterIndex(d, x);
        } else if (s instanceof Statement.CreateEnumType x) {
            return createEnum(d, x);
        } else if (s instanceof Statement.AlterEnumAddValue x) {
            return addEnumValue(d, x);
        } else if (s instanceof Statement.AlterEnumRenameValue x) {
            return renameEnumValue(d, x);
        } else if (s instanceof Statement.AlterType x) {
            return alterType(d, x);
        } else if (s instanceof Statement.DropType x) {
            for (QualifiedName t : x.types()) {
                // only enums are modelled; dropping a composite or domain type changes nothing here
                d.enums.remove(d.resolve(t));
            }
            return null;
        } else if (s instanceof Statement.CreateView x) {
            return createView(d, x);
        } else if (s instanceof Statement.DropView x) {
            return dropViews(d, x);
        } else if (s instanceof Statement.AlterView x) {
            return alterView(d, x);
        } else if (s instanceof Statement.CreateSequence x) {
            return createSequence(d, x);
        } else if (s instanceof Statement.AlterSequence x) {
            return alterSequence(d, x);
        } else if (s instanceof Statement.DropSequence x) {
            List<String> notes = new ArrayList<>();
            for (QualifiedName q : x.sequences()) {
                if (d.sequences.remove(d.sequenceKey(q)) == null && !x.ifExists()) {
                    notes.add("sequence " + q + " is not in the schema");
                }
            }
            return notes(notes, "DROP SEQUENCE");
        } else if (s instanceof Statement.CreateFunction x) {
            if (!x.procedure()) {
                // PostgreSQL makes a function VOLATILE unless it says otherwise; OR REPLACE may change it.
                d.functions.put(d.resolve(x.function()), x.volatility() == null ? "VOLATILE" : x.volatility());
            }
            return null;
        } else if (s instanceof Statement.AlterFunction x) {
            QualifiedName key = d.resolve(x.function());
            String volatility = d.functions.remove(key);
            if (volatility != null || x.volatility() != null) {
                d.functions.put(x.renameTo() != null ? new QualifiedName(key.schema(), x.renameTo()) : key,
                        x.volatility() != null ? x.volatility() : volatility);
            }
            return null;
        } else if (s instanceof Statement.DropFunction x) {
            x.functions().forEach(f -> d.functions.remove(d.resolve(f)));
            return null;
        } else if (s instanceof Statement.CreateSchema x) {
            if (!d.schemas.add(QualifiedName.fold(x.schema())) && !x.ifNotExists()) {
                return "CREATE SCHEMA: schema " + x.schema() + " already exists";
            }
            return null;
        } else if (s instanceof Statement.SetParameter x) {
            if ("search_path".equals(x.name())) {
                d.defaultSchema = firstSchema(x.value());
            }
            return null;
        } else if (s instanceof Statement.Select) {
            Matcher m = SET_CONFIG_SEARCH_PATH.matcher(sql);
            if (m.find()) {
                d.defaultSchema = firstSchema(m.group(1));
            }
            return null;
        }
        return null;
    }

    // ---------------------------------------------------------------- tables

    private String createTable(SchemaDraft d, Statement.CreateTable ct, String sql) {
        QualifiedName name = d.resolve(ct.table());
        String what = "CREATE TABLE " + name;
        if (d.relationExists(name.schema(), name.name())) {
            return ct.ifNotExists() ? null : what + ": a relation of that name already exists";
        }
        d.schemas.add(name.schema());
        List<String> notes = new ArrayList<>();
        TableDraft t = new TableDraft(name);
        t.unlogged = ct.unlogged();
        t.partitionBy = ct.partitionBy();
        Table parent = null;
        if (ct.partitionOf() != null) {
            t.partitionOf = d.resolve(ct.partitionOf());
            t.partitionBound = ct.partitionBound();
            parent = d.tables.get(t.partitionOf);
            if (parent == null) {
                notes.add("partition parent " + t.partitionOf + " is not in the schema");
            } else {
                t.columns.addAll(parent.columns());
            }
        }
        if (ct.asSelect()) {
            if (ct.columns().isEmpty()) {
                List<Column> derived = QueryColumns.of(sql, resolved(d, ct.sourceTables()), source -> columnsOf(d, source, 0));
                if (derived == null) {
                    notes.add("the columns of CREATE TABLE ... AS are not derived from its query");
                } else {
                    t.columns.addAll(derived);
                }
            }
        } else {
            copyLikeSources(d, t, ct.sourceTables(), sql, notes);
        }
        List<ConstraintDefinition> inline = new ArrayList<>();
        for (ColumnDefinition cd : ct.columns()) {
            Column inherited = t.column(cd.name());
            if (inherited != null) {
                // a partition or LIKE column restated with extra options
                t.updateColumn(cd.name(), c -> new Column(c.name(), cd.type() != null ? cd.type() : c.type(), c.notNull() || cd.notNull(),
                        cd.defaultExpression() != null ? cd.defaultExpression() : c.defaultExpression(), c.identity(), c.generatedExpression()));
                inline.addAll(cd.constraints());
            } else {
                addColumn(d, t, cd, notes, false);
                inline.addAll(cd.constraints());
            }
        }
        for (ConstraintDefinition c : inline) {
            addConstraint(d, t, c, notes);
        }
        for (ConstraintDefinition c : ct.constraints()) {
            addConstraint(d, t, c, notes);
        }
        d.tables.put(name, t.build());
        for (AlterTableAction.AddIndex index : ct.indexes()) {
            addKey(d, name, index);
        }
        foreignKeyIndexes(d, name);
        if (parent != null) {
            clonePartitionObjects(d, parent, name);
        }
        return notes(notes, what);
    }

    private static List<QualifiedName> resolved(SchemaDraft d, List<QualifiedName> names) {
        List<QualifiedName> out = new ArrayList<>(names.size());
        for (QualifiedName n : names) {
            out.add(d.resolve(n));
        }
        return out;
    }

    /** A table's columns, or a view's as far as its query tells; null when unknown. */
    private static List<Column> columnsOf(SchemaDraft d, QualifiedName relation, int depth) {
        Table table = d.tables.get(relation);
        if (table != null) {
            return table.columns();
        }
        View view = d.views.get(relation);
        if (view == null || view.query() == null || depth > 8) {
            return null;
        }
        return QueryColumns.of(view.query(), view.baseTables(), source -> columnsOf(d, source, depth + 1));
    }

    private void copyLikeSources(SchemaDraft d, TableDraft t, List<QualifiedName> sources, String sql, List<String> notes) {
        Set<String> including = new HashSet<>();
        Matcher m = LIKE_INCLUDING.matcher(sql);
        while (m.find()) {
            including.add(AsciiCase.upper(m.group(1)));
        }
        boolean all = including.contains("ALL");
        for (QualifiedName source : sources) {
            Table src = d.table(source);
            if (src == null) {
                notes.add("LIKE source " + source + " is not in the schema");
                continue;
            }
            for (Column c : src.columns()) {
                if (t.column(c.name()) == null) {
                    t.columns.add(new Column(c.name(), c.type(), c.notNull(),
                            all || including.contains("DEFAULTS") ? c.defaultExpression() : null,
                            all || including.contains("IDENTITY") ? c.identity() : null,
                            all || including.contains("GENERATED") ? c.generatedExpression() : null));
                }
            }
            if (all || including.contains("CONSTRAINTS")) {
                for (Constraint c : src.constraints()) {
                    if (c.type() == ConstraintType.CHECK) {
                        t.constraints.add(c);
                    }
                }
            }
            if (all || including.contains("INDEXES")) {
                for (Constraint c : src.constraints()) {
                    if (SchemaDraft.indexBacked(c.type())) {
                        addConstraint(d, t, new ConstraintDefinition(null, c.type(), c.columns(), null, List.of(), c.expression(), false, null, null), notes);
                    }
                }
            }
        }
    }

    /**
     * An attached partition gets what the parent has and it lacks: PostgreSQL reuses a matching index
     * or constraint of the partition and creates the rest.
     */
    /** Attaches (parent set) or detaches (parent null) a partition; false when it is not in the schema. */
    private static boolean setPartitionParent(SchemaDraft d, QualifiedName partitionName, QualifiedName parent, String bound,
            List<String> notes) {
        Table partition = d.tables.get(partitionName);
        if (partition == null) {
            notes.add("partition " + partitionName + " is not in the schema");
            return false;
        }
        TableDraft pd = new TableDraft(partition);
        pd.partitionOf = parent;
        pd.partitionBound = bound;
        d.tables.put(partitionName, pd.build());
        return true;
    }

    private void attachParentObjects(SchemaDraft d, Table parent, QualifiedName partition) {
        TableDraft t = new TableDraft(d.tables.get(partition));
        List<String> ignored = new ArrayList<>();
        Set<String> backingIndexes = new HashSet<>();
        for (Constraint c : parent.constraints()) {
            if (SchemaDraft.indexBacked(c.type())) {
                backingIndexes.add(c.name());
                boolean present = t.constraints.stream().anyMatch(x -> x.type() == c.type() && x.columns().equals(c.columns()));
                if (!present) {
                    addConstraint(d, t, new ConstraintDefinition(null, c.type(), c.columns(), null, List.of(), c.expression(), false, null, null), ignored);
                }
            } else if (t.constraintIndex(c.name()) < 0) {
                t.constraints.add(c);
            }
        }
        d.tables.put(partition, t.build());
        List<Index> existing = d.indexesOn(partition);
        for (Index i : d.indexesOn(parent.name())) {
            boolean present = existing.stream().anyMatch(x -> x.elements().equals(i.elements()) && Objects.equals(x.where(), i.where()));
            if (!backingIndexes.contains(i.name().name()) && !present) {
                indexPartition(d, i, partition);
            }
        }
    }

    /** A new partition gets the parent's constraints and indexes, as PostgreSQL clones them. */
    private void clonePartitionObjects(SchemaDraft d, Table parent, QualifiedName partition) {
        TableDraft t = new TableDraft(d.tables.get(partition));
        List<String> ignored = new ArrayList<>();
        Set<String> backingIndexes = new HashSet<>();
        for (Constraint c : parent.constraints()) {
            if (SchemaDraft.indexBacked(c.type())) {
                backingIndexes.add(c.name());
                addConstraint(d, t, new ConstraintDefinition(null, c.type(), c.columns(), null, List.of(), c.expression(), false, null, null), ignored);
            } else if (t.constraintIndex(c.name()) < 0) {
                t.constraints.add(c);
            }
        }
        d.tables.put(partition, t.build());
        for (Index i : d.indexesOn(parent.name())) {
            if (!backingIndexes.contains(i.name().name())) {
                indexPartition(d, i, partition);
            }
        }
    }

    private void indexPartition(SchemaDraft d, Index parentIndex, QualifiedName partition) {
        String name = d.names.chooseName(partition.name(), d.names.nameAddition(d.names.indexElementNames(parentIndex.elements())), "idx",
                n -> d.relationExists(partition.schema(), n));
        QualifiedName key = new QualifiedName(partition.schema(), name);
        d.indexes.put(key, new Index(key, partition, parentIndex.unique(), parentIndex.elements(), parentIndex.where(), parentIndex.method(), true));
    }

    private void addColumn(SchemaDraft d, TableDraft t, ColumnDefinition cd, List<String> notes, boolean withConstraints) {
        TypeName type = cd.type();
        String defaultExpression = cd.defaultExpression();
        boolean notNull = cd.notNull();
        boolean serial = cd.serial() || (type != null && SERIAL_TYPES.contains(type.name()));
        if (serial) {
            type = serialBase(type);
            QualifiedName sequence = ownedSequence(d, t.name, cd.name());
            defaultExpression = "nextval('" + regclass(sequence) + "'::regclass)";
            notNull = true;
        }
        if (cd.identity() != null) {
            ownedSequence(d, t.name, cd.name());
            notNull = true;
        }
        t.columns.add(new Column(cd.name(), type, notNull, defaultExpression, cd.identity(), cd.generatedExpression(),
                cd.generatedVirtual()));
        if (withConstraints) {
            for (ConstraintDefinition c : cd.constraints()) {
                addConstraint(d, t, c, notes);
            }
        }
    }

    private static TypeName serialBase(TypeName type) {
        String raw = type == null ? "serial" : type.raw();
        String name = type == null ? "serial" : type.name();
        String base = switch (name) {
            case "bigserial", "serial8", "bigint" -> "bigint";
            case "smallserial", "serial2", "smallint" -> "smallint";
            default -> "integer";
        };
        return new TypeName(base, List.of(), 0, raw);
    }

    private static QualifiedName ownedSequence(SchemaDraft d, QualifiedName table, String column) {
        String name = d.names.chooseName(table.name(), column, "seq", n -> d.relationExists(table.schema(), n));
        QualifiedName key = new QualifiedName(table.schema(), name);
        d.sequences.put(key, new Sequence(key, table + "." + column));
        return key;
    }

    private static String regclass(QualifiedName name) {
        String n = SqlText.quoteIfNeeded(name.name());
        return QualifiedName.DEFAULT_SCHEMA.equals(name.schema()) ? n : SqlText.quoteIfNeeded(name.schema()) + "." + n;
    }

    /** Adds the constraint; returns its name (chosen as PostgreSQL would when unnamed), or null when not added. */
    private String addConstraint(SchemaDraft d, TableDraft t, ConstraintDefinition def, List<String> notes) {
        ConstraintType type = def.type();
        List<String> columns = def.columns();
        if (type == ConstraintType.NOT_NULL) {
            for (String c : columns) {
                t.setNotNull(c, true);
            }
            return null;
        }
        String name = d.names.identifier(def.name());
        Index usingIndex = null;
        if (def.usingIndex() != null) {
            usingIndex = d.indexes.get(new QualifiedName(t.name.schema(), def.usingIndex()));
            if (usingIndex == null) {
                notes.add("index " + def.usingIndex() + " named by USING INDEX is not in the schema");
                return null;
            }
            if (columns.isEmpty()) {
                columns = usingIndex.elements();
            }
            if (name == null) {
                name = usingIndex.name().name();
            }
        }
        if (type == ConstraintType.CHECK && columns.isEmpty()) {
            columns = columnsMentioned(t, def.expression());
        }
        if (name == null) {
            name = defaultConstraintName(d, t, type, columns);
        }
        if (t.constraintIndex(name) >= 0) {
            notes.add("constraint " + name + " already exists on " + t.name);
            return null;
        }
        if (type == ConstraintType.PRIMARY_KEY) {
            for (String c : columns) {
                t.setNotNull(c, true);
            }
        }
        if (SchemaDraft.indexBacked(type)) {
            QualifiedName key = new QualifiedName(t.name.schema(), name);
            if (usingIndex != null) {
                d.indexes.remove(usingIndex.name());
                d.indexes.put(key, new Index(key, t.name, usingIndex.unique(), usingIndex.elements(), usingIndex.where(), usingIndex.method(), true));
            } else {
                List<String> elements = columns.isEmpty() && def.expression() != null ? List.of(def.expression()) : columns;
                d.indexes.put(key, new Index(key, t.name, type != ConstraintType.EXCLUDE, elements, null,
                        type == ConstraintType.EXCLUDE ? "gist" : "btree", true));
            }
        }
        QualifiedName referenced = null;
        List<String> referencedColumns = def.referencedColumns();
        if (type == ConstraintType.FOREIGN_KEY && def.referencedTable() != null) {
            referenced = d.resolve(def.referencedTable());
            if (referencedColumns.isEmpty()) {
                Table target = referenced.equals(t.name) ? t.build() : d.tables.get(referenced);
                if (target != null && target.primaryKey().isPresent()) {
                    referencedColumns = target.primaryKey().get().columns();
                }
            }
        }
        t.constraints.add(new Constraint(name, type, columns, referenced, referencedColumns, def.expression(), !def.notValid()));
        return name;
    }

    private static List<String> columnsMentioned(TableDraft t, String expression) {
        List<String> out = new ArrayList<>();
        for (String id : SqlText.identifiers(expression)) {
            if (t.column(id) != null) {
                out.add(id);
            }
        }
        return out;
    }

    private static String defaultConstraintName(SchemaDraft d, TableDraft t, ConstraintType type, List<String> columns) {
        String table = t.name.name();
        String schema = t.name.schema();
        Predicate<String> relationTaken = n -> d.relationExists(schema, n) || t.constraintIndex(n) >= 0;
        Predicate<String> constraintTaken = n -> d.constraintExists(schema, n) || t.constraintIndex(n) >= 0;
        return switch (type) {
            case PRIMARY_KEY -> d.names.chooseName(table, null, "pkey", relationTaken);
            case UNIQUE -> d.names.chooseName(table, d.names.nameAddition(columns), "key", relationTaken);
            case EXCLUDE -> d.names.chooseName(table, d.names.nameAddition(columns), "excl", relationTaken);
            case FOREIGN_KEY -> d.names.chooseName(table, d.names.nameAddition(columns), "fkey", constraintTaken);
            // PostgreSQL names a CHECK after its column only when the expression mentions exactly one
            case CHECK, NOT_NULL -> d.names.chooseName(table, columns.size() == 1 ? columns.get(0) : null, "check", constraintTaken);
        };
    }

    private String alterTable(SchemaDraft d, Statement.AlterTable at) {
        QualifiedName name = d.resolve(at.table());
        String what = "ALTER TABLE " + name;
        Table table = d.tables.get(name);
        if (table == null) {
            // ALTER TABLE also reaches views, sequences and indexes (pg_dump uses it for OWNER TO)
            if (d.views.containsKey(name) || d.sequences.containsKey(name) || d.indexes.containsKey(name)) {
                return alterOtherRelation(d, name, at.actions());
            }
            return at.ifExists() ? null : what + ": the table is not in the schema";
        }
        TableDraft t = new TableDraft(table);
        if (d.names.countsRowVersions()) {
            countRowVersions(t, at.actions());
        }
        List<String> notes = new ArrayList<>();
        Map<AlterTableAction, String> constraintNames = new IdentityHashMap<>();
        for (AlterTableAction action : at.actions()) {
            if (action instanceof AlterTableAction.AddConstraint a) {
                constraintNames.put(a, addConstraint(d, t, a.constraint(), notes));
            } else {
                alterAction(d, t, action, notes);
            }
        }
        d.tables.remove(name);
        Table altered = t.build();
        d.tables.put(t.name, altered);
        if (!t.name.equals(name)) {
            // MySQL keys follow their table when it is renamed
            for (Index index : List.copyOf(d.indexes.values())) {
                if (index.table().equals(name)) {
                    d.indexes.put(index.name(), new Index(index.name(), t.name, index.unique(), index.elements(), index.where(), index.method(),
                            index.valid()));
                }
            }
        }
        foreignKeyIndexes(d, t.name);
        if (altered.partitioned() && !at.only()) {
            propagateToPartitions(d, altered, at.actions(), constraintNames);
        }
        return notes(notes, what);
    }

    /**
     * A constraint added to a partitioned table: CHECK and FOREIGN KEY keep the parent's name on each
     * partition; primary key, unique and exclusion constraints get the partition's own default name
     * (with an index of that name), as PostgreSQL clones them.
     */
    private void inheritConstraint(SchemaDraft d, TableDraft partition, ConstraintDefinition def, String parentName) {
        List<String> ignored = new ArrayList<>();
        if (parentName == null) {
            return;
        }
        if (SchemaDraft.indexBacked(def.type())) {
            addConstraint(d, partition, new ConstraintDefinition(null, def.type(), def.columns(), null, List.of(), def.expression(), false, null, null),
                    ignored);
        } else if (partition.constraintIndex(parentName) < 0) {
            addConstraint(d, partition, new ConstraintDefinition(parentName, def.type(), def.columns(), def.referencedTable(), def.referencedColumns(),
                    def.expression(), def.notValid(), null, def.onDelete()), ignored);
        }
    }

    /** Column changes on a partitioned table recurse to its partitions, as in PostgreSQL. */
    private void propagateToPartitions(SchemaDraft d, Table parent, List<AlterTableAction> actions, Map<AlterTableAction, String> constraintNames) {
        for (Table partition : d.partitionsOf(parent.name())) {
            TableDraft p = new TableDraft(partition);
            List<String> ignored = new ArrayList<>();
            for (AlterTableAction action : actions) {
                if (action instanceof AlterTableAction.AddColumn a) {
                    Column added = parent.column(a.column().name()).orElse(null);
                    if (added != null && p.column(added.name()) == null) {
                        p.columns.add(added);
                    }
                } else if (action instanceof AlterTableAction.DropColumn a) {
                    if (p.column(a.column()) != null) {
                        dropColumn(d, p, a.column());
                    }
                } else if (action instanceof AlterTableAction.RenameColumn a) {
                    if (p.column(a.from()) != null && p.column(a.to()) == null) {
                        renameColumn(d, p, a.from(), a.to());
                    }
                } else if (action instanceof AlterTableAction.AddConstraint a && a.constraint().usingIndex() == null
                        && a.constraint().type() != ConstraintType.NOT_NULL) {
                    inheritConstraint(d, p, a.constraint(), constraintNames.get(a));
                } else if (action instanceof AlterTableAction.AlterColumnType || action instanceof AlterTableAction.SetDefault
                        || action instanceof AlterTableAction.DropDefault || action instanceof AlterTableAction.SetNotNull
                        || action instanceof AlterTableAction.DropNotNull) {
                    alterAction(d, p, action, ignored);
                }
            }
            Table altered = p.build();
            d.tables.put(partition.name(), altered);
            if (altered.partitioned()) {
                propagateToPartitions(d, altered, actions, constraintNames);
            }
        }
    }

    private String alterOtherRelation(SchemaDraft d, QualifiedName name, List<AlterTableAction> actions) {
        for (AlterTableAction a : actions) {
            if (a instanceof AlterTableAction.RenameTable r) {
                QualifiedName to = new QualifiedName(name.schema(), r.to());
                if (d.views.containsKey(name)) {
                    renameView(d, name, to);
                } else if (d.sequences.containsKey(name)) {
                    Sequence s = d.sequences.remove(name);
                    d.sequences.put(to, new Sequence(to, s.ownedBy()));
                } else {
                    renameIndex(d, name, r.to());
                }
            }
        }
        return null;
    }

    /**
     * An ALTER that adds or drops columns adds a row version until something rebuilds the table: FORCE, CONVERT TO CHARACTER SET, an
     * explicit ALGORITHM=COPY or INPLACE, a column type change (MODIFY/CHANGE), a primary key change. Whether a given
     * server ran them INSTANT is the effects model's business; the count is what a MySQL 8.0.29+ server would have.
     */
    private static void countRowVersions(TableDraft t, List<AlterTableAction> actions) {
        int added = 0;
        boolean rebuilt = false;
        for (AlterTableAction a : actions) {
            if (a instanceof AlterTableAction.AddColumn || a instanceof AlterTableAction.DropColumn) {
                added++;
            } else if (a instanceof AlterTableAction.ConvertCharset || a instanceof AlterTableAction.ChangeColumn
                    || (a instanceof AlterTableAction.Other o && o.text().equalsIgnoreCase("FORCE"))
                    || (a instanceof AlterTableAction.OnlineDdlClause c && c.option().equals("ALGORITHM")
                        && (c.value().equals("COPY") || c.value().equals("INPLACE")))
                    || (a instanceof AlterTableAction.DropConstraint dc && "PRIMARY".equalsIgnoreCase(dc.name()))
                    || (a instanceof AlterTableAction.AddConstraint ac && ac.constraint().type() == ConstraintType.PRIMARY_KEY)) {
                rebuilt = true;
            }
        }
        // one ALTER makes one row version, however many columns it adds or drops
        t.instantColumnChanges = rebuilt ? 0 : t.instantColumnChanges + (added > 0 ? 1 : 0);
    }

    /** MySQL's types that have a character set. */
    private static final Set<String> CHARACTER_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set");

    // ---- MySQL and MariaDB: columns in order, keys named per table, the index a foreign key creates ----

    /** MODIFY/CHANGE: the column's whole definition is replaced, renamed first when CHANGE names a new name. */
    private void changeColumnDefinition(SchemaDraft d, TableDraft t, AlterTableAction.ChangeColumn a, List<String> notes) {
        if (t.column(a.from()) == null) {
            notes.add("column " + a.from() + " is not in the table");
            return;
        }
        ColumnDefinition cd = a.column();
        if (!a.from().equals(cd.name())) {
            if (t.column(cd.name()) != null) {
                notes.add("column " + cd.name() + " already exists");
                return;
            }
            renameColumn(d, t, a.from(), cd.name());
        }
        t.updateColumn(cd.name(), c -> new Column(cd.name(), cd.type() != null ? cd.type() : c.type(), cd.notNull(), cd.defaultExpression(),
                cd.identity(), cd.generatedExpression(), cd.generatedVirtual()));
        move(t, cd.name(), a.position());
    }

    /** {@code FIRST} or {@code AFTER col}: where MySQL puts an added or changed column. */
    private static void move(TableDraft t, String column, String position) {
        if (position == null) {
            return;
        }
        int from = t.columnIndex(column);
        if (from < 0) {
            return;
        }
        Column c = t.columns.remove(from);
        if (position.equals("FIRST")) {
            t.columns.add(0, c);
            return;
        }
        int after = t.columnIndex(position.substring("AFTER ".length()).trim());
        t.columns.add(after < 0 ? t.columns.size() : after + 1, c);
    }

    /** A MySQL key: its name is the table's own (two tables may each have an index {@code idx_name}). */
    private static void addKey(SchemaDraft d, QualifiedName table, AlterTableAction.AddIndex a) {
        List<String> elements = new ArrayList<>(a.columns().size());
        for (String e : a.columns()) {
            String column = SqlText.columnOf(e);
            elements.add(column != null ? column : e.trim());
        }
        String name = a.name();
        if (name == null) {
            name = d.names.chooseName(table.name(), d.names.nameAddition(d.names.indexElementNames(elements)), "key",
                    n -> keyOf(d, table, n) != null);
        }
        QualifiedName key = freeKey(d, table, name);
        d.indexes.put(key, new Index(key, table, a.unique(), elements, null, a.method() == null ? "btree" : a.method(), true));
    }

    /** The key of the table's index named {@code name}, or null. */
    private static QualifiedName keyOf(SchemaDraft d, QualifiedName table, String name) {
        for (Index index : d.indexes.values()) {
            if (index.table().equals(table) && (index.name().name().equals(name) || index.name().name().equals(table.name() + "." + name))) {
                return index.name();
            }
        }
        return null;
    }

    /** The index's name as its key, made unique across tables with the table's name when another table has it. */
    private static QualifiedName freeKey(SchemaDraft d, QualifiedName table, String name) {
        QualifiedName plain = new QualifiedName(table.schema(), name);
        return d.indexes.containsKey(plain) || d.relationExists(table.schema(), name) ? new QualifiedName(table.schema(), table.name() + "." + name)
                : plain;
    }

    /**
     * InnoDB needs an index on a foreign key's columns and creates one, named after the constraint, when no index starts
     * with them (MySQL Reference Manual 15.1.20.5, FOREIGN KEY Constraints).
     */
    private static void foreignKeyIndexes(SchemaDraft d, QualifiedName tableName) {
        Table table = d.tables.get(tableName);
        if (table == null || !d.names.foreignKeysCreateIndexes()) {
            return;
        }
        for (Constraint c : table.constraints()) {
            if (c.type() != ConstraintType.FOREIGN_KEY || c.columns().isEmpty()) {
                continue;
            }
            boolean covered = d.indexes.values().stream().anyMatch(i -> i.table().equals(tableName) && i.elements().size() >= c.columns().size()
                    && i.elements().subList(0, c.columns().size()).equals(c.columns()))
                    || table.primaryKey().map(pk -> pk.columns().size() >= c.columns().size()
                            && pk.columns().subList(0, c.columns().size()).equals(c.columns())).orElse(false);
            if (!covered) {
                addKey(d, tableName, new AlterTableAction.AddIndex(c.name() != null ? c.name() : c.columns().get(0), false, null, c.columns()));
            }
        }
    }

    private void alterAction(SchemaDraft d, TableDraft t, AlterTableAction action, List<String> notes) {
        if (action instanceof AlterTableAction.AddColumn a) {
            if (t.column(a.column().name()) != null) {
                if (!a.ifNotExists()) {
                    notes.add("column " + a.column().name() + " already exists");
                }
                return;
            }
            addColumn(d, t, a.column(), notes, true);
            move(t, a.column().name(), a.position());
        } else if (action instanceof AlterTableAction.DropColumn a) {
            if (t.column(a.column()) == null) {
                if (!a.ifExists()) {
                    notes.add("column " + a.column() + " is not in the table");
                }
                return;
            }
            dropColumn(d, t, a.column());
        } else if (action instanceof AlterTableAction.AlterColumnType a) {
            changeColumn(t, a.column(), c -> new Column(c.name(), a.type(), c.notNull(), c.defaultExpression(), c.identity(), c.generatedExpression(), c.generatedVirtual()), notes);
        } else if (action instanceof AlterTableAction.SetDefault a) {
            changeColumn(t, a.column(), c -> new Column(c.name(), c.type(), c.notNull(), a.expression(), c.identity(), c.generatedExpression(), c.generatedVirtual()), notes);
        } else if (action instanceof AlterTableAction.DropDefault a) {
            changeColumn(t, a.column(), c -> new Column(c.name(), c.type(), c.notNull(), null, c.identity(), c.generatedExpression(), c.generatedVirtual()), notes);
        } else if (action instanceof AlterTableAction.SetNotNull a) {
            changeColumn(t, a.column(), c -> new Column(c.name(), c.type(), true, c.defaultExpression(), c.identity(), c.generatedExpression(), c.generatedVirtual()), notes);
        } else if (action instanceof AlterTableAction.DropNotNull a) {
            changeColumn(t, a.column(), c -> new Column(c.name(), c.type(), false, c.defaultExpression(), c.identity(), c.generatedExpression(), c.generatedVirtual()), notes);
        } else if (action instanceof AlterTableAction.AlterIdentity a) {
            alterIdentity(d, t, a, notes);
        } else if (action instanceof AlterTableAction.AddConstraint a) {
            addConstraint(d, t, a.constraint(), notes);
        } else if (action instanceof AlterTableAction.ValidateConstraint a) {
            int i = t.constraintIndex(a.name());
            if (i < 0) {
                notes.add("constraint " + a.name() + " is not on the table");
                return;
            }
            Constraint c = t.constraints.get(i);
            t.constraints.set(i, new Constraint(c.name(), c.type(), c.columns(), c.referencedTable(), c.referencedColumns(), c.expression(), true));
        } else if (action instanceof AlterTableAction.DropConstraint a) {
            dropConstraint(d, t, a, notes);
        } else if (action instanceof AlterTableAction.RenameConstraint a) {
            int i = t.constraintIndex(a.from());
            if (i < 0) {
                notes.add("constraint " + a.from() + " is not on the table");
                return;
            }
            Constraint c = t.constraints.get(i);
            t.constraints.set(i, new Constraint(a.to(), c.type(), c.columns(), c.referencedTable(), c.referencedColumns(), c.expression(), c.validated()));
            if (SchemaDraft.indexBacked(c.type())) {
                QualifiedName key = new QualifiedName(t.name.schema(), a.from());
                Index index = d.indexes.remove(key);
                if (index != null) {
                    QualifiedName to = new QualifiedName(t.name.schema(), a.to());
                    d.indexes.put(to, new Index(to, index.table(), index.unique(), index.elements(), index.where(), index.method(), index.valid()));
                }
            }
        } else if (action instanceof AlterTableAction.RenameColumn a) {
            if (t.column(a.from()) == null) {
                notes.add("column " + a.from() + " is not in the table");
                return;
            }
            if (t.column(a.to()) != null) {
                notes.add("column " + a.to() + " already exists");
                return;
            }
            renameColumn(d, t, a.from(), a.to());
        } else if (action instanceof AlterTableAction.RenameTable a) {
            QualifiedName to = new QualifiedName(t.name.schema(), a.to());
            if (d.relationExists(to.schema(), to.name())) {
                notes.add("cannot rename to " + to + ": a relation of that name already exists");
                return;
            }
            moveTable(d, t, to);
        } else if (action instanceof AlterTableAction.SetSchema a) {
            String schema = QualifiedName.fold(a.schema());
            d.schemas.add(schema);
            moveTable(d, t, new QualifiedName(schema, t.name.name()));
        } else if (action instanceof AlterTableAction.AttachPartition a) {
            QualifiedName p = d.resolve(a.partition());
            if (setPartitionParent(d, p, t.name, a.bound(), notes)) {
                attachParentObjects(d, t.build(), p);
            }
        } else if (action instanceof AlterTableAction.DetachPartition a) {
            setPartitionParent(d, d.resolve(a.partition()), null, null, notes);
        } else if (action instanceof AlterTableAction.SetLogged a) {
            t.unlogged = !a.logged();
        } else if (action instanceof AlterTableAction.ChangeColumn a) {
            changeColumnDefinition(d, t, a, notes);
        } else if (action instanceof AlterTableAction.AddIndex a) {
            // the table draft is written back after the statement; the key only needs the table's name
            addKey(d, t.name, a);
        } else if (action instanceof AlterTableAction.DropIndex a) {
            QualifiedName key = keyOf(d, t.name, a.name());
            if (key == null) {
                notes.add("index " + a.name() + " is not on the table");
                return;
            }
            d.indexes.remove(key);
            t.constraints.removeIf(c -> a.name().equals(c.name()) && SchemaDraft.indexBacked(c.type()));
        } else if (action instanceof AlterTableAction.RenameIndex a) {
            QualifiedName key = keyOf(d, t.name, a.from());
            if (key == null) {
                notes.add("index " + a.from() + " is not on the table");
                return;
            }
            Index index = d.indexes.remove(key);
            QualifiedName to = freeKey(d, t.name, a.to());
            d.indexes.put(to, new Index(to, index.table(), index.unique(), index.elements(), index.where(), index.method(), index.valid()));
        } else if (action instanceof AlterTableAction.ConvertCharset a) {
            for (int i = 0; i < t.columns.size(); i++) {
                Column c = t.columns.get(i);
                String raw = c.type().raw();
                if (CHARACTER_TYPES.contains(c.type().name())) {
                    String bare = raw.replaceAll("(?i)\\s+(CHARACTER SET|COLLATE)\\s+\\S+", "");
                    String converted = bare + " CHARACTER SET " + a.charset() + (a.collation() == null ? "" : " COLLATE " + a.collation());
                    t.columns.set(i, new Column(c.name(), new TypeName(c.type().name(), c.type().modifiers(), c.type().arrayDimensions(), converted),
                            c.notNull(), c.defaultExpression(), c.identity(), c.generatedExpression(), c.generatedVirtual()));
                }
            }
        } else if (action instanceof AlterTableAction.TableOption || action instanceof AlterTableAction.OnlineDdlClause) {
            // storage options and ALGORITHM=/LOCK= change no column, key or constraint
            return;
        } else if (action instanceof AlterTableAction.Other a) {
            String text = a.text().trim();
            if (text.regionMatches(true, 0, "ALTER CONSTRAINT", 0, "ALTER CONSTRAINT".length())) {
                // only deferrability changes, which the schema model does not hold
                return;
            }
            notes.add("'" + text + "' is not modelled");
        }
        // the remaining actions (storage, triggers, row security, owner, tablespace, replica identity,
        // inheritance, clustering) change nothing the schema model holds
    }

    private static void changeColumn(TableDraft t, String column, UnaryOperator<Column> change, List<String> notes) {
        if (!t.updateColumn(column, change)) {
            notes.add("column " + column + " is not in the table");
        }
    }

    private void alterIdentity(SchemaDraft d, TableDraft t, AlterTableAction.AlterIdentity a, List<String> notes) {
        Column c = t.column(a.column());
        if (c == null) {
            notes.add("column " + a.column() + " is not in the table");
            return;
        }
        String op = AsciiCase.upper(a.operation()).replaceAll("\\s+", " ");
        String identity = c.identity();
        String generated = c.generatedExpression();
        boolean notNull = c.notNull();
        if (op.contains("DROP IDENTITY")) {
            identity = null;
            Sequence owned = ownedBy(d, t.name, c.name());
            if (owned != null) {
                d.sequences.remove(owned.name());
            }
        } else if (op.contains("DROP EXPRESSION")) {
            generated = null;
        } else if (op.contains("GENERATED ALWAYS") || op.contains("GENERATED BY DEFAULT")) {
            identity = op.contains("GENERATED ALWAYS") ? "ALWAYS" : "BY DEFAULT";
            if (op.startsWith("ADD")) {
                notNull = true;
                Matcher m = IDENTITY_SEQUENCE_NAME.matcher(a.operation());
                if (m.find()) {
                    QualifiedName seq = d.resolve(QualifiedName.parse(m.group(1)));
                    d.sequences.put(seq, new Sequence(seq, t.name + "." + c.name()));
                } else {
                    ownedSequence(d, t.name, c.name());
                }
            }
        }
        String id = identity;
        String gen = generated;
        boolean nn = notNull;
        t.updateColumn(c.name(), x -> new Column(x.name(), x.type(), nn, x.defaultExpression(), id, gen, gen != null && x.generatedVirtual()));
    }

    private static Sequence ownedBy(SchemaDraft d, QualifiedName table, String column) {
        String owner = table + "." + column;
        for (Sequence s : d.sequences.values()) {
            if (owner.equals(s.ownedBy())) {
                return s;
            }
        }
        return null;
    }

    private void dropColumn(SchemaDraft d, TableDraft t, String column) {
        t.columns.remove(t.columnIndex(column));
        // indexes and table constraints involving the column go with it
        t.constraints.removeIf(c -> {
            boolean involved = c.columns().contains(column) || SqlText.mentions(c.expression(), column);
            if (involved && SchemaDraft.indexBacked(c.type())) {
                d.indexes.remove(new QualifiedName(t.name.schema(), c.name()));
            }
            return involved;
        });
        d.indexes.values().removeIf(i -> i.table().equals(t.name)
                && (i.elements().stream().anyMatch(e -> column.equals(SqlText.columnOf(e)) || SqlText.mentions(e, column))
                        || SqlText.mentions(i.where(), column)));
        // foreign keys elsewhere that pointed at the column need CASCADE, which drops them
        for (Map.Entry<QualifiedName, Table> e : d.tables.entrySet()) {
            if (e.getKey().equals(t.name)) {
                continue;
            }
            Table other = e.getValue();
            if (other.constraints().stream().anyMatch(c -> referencesColumn(c, t.name, column))) {
                TableDraft od = new TableDraft(other);
                od.constraints.removeIf(c -> referencesColumn(c, t.name, column));
                e.setValue(od.build());
            }
        }
        t.constraints.removeIf(c -> referencesColumn(c, t.name, column));
        Sequence owned = ownedBy(d, t.name, column);
        if (owned != null) {
            d.sequences.remove(owned.name());
        }
    }

    private static boolean referencesColumn(Constraint c, QualifiedName table, String column) {
        return c.type() == ConstraintType.FOREIGN_KEY && table.equals(c.referencedTable()) && c.referencedColumns().contains(column);
    }

    private void renameColumn(SchemaDraft d, TableDraft t, String from, String to) {
        t.updateColumn(from, c -> new Column(to, c.type(), c.notNull(), c.defaultExpression(), c.identity(), c.generatedExpression(), c.generatedVirtual()));
        for (int i = 0; i < t.columns.size(); i++) {
            Column c = t.columns.get(i);
            if (c.generatedExpression() != null && SqlText.mentions(c.generatedExpression(), from)) {
                t.columns.set(i, new Column(c.name(), c.type(), c.notNull(), c.defaultExpression(), c.identity(),
                        SqlText.renameIdentifier(c.generatedExpression(), from, to)));
            }
        }
        t.constraints.replaceAll(c -> {
            Constraint r = c;
            if (c.columns().contains(from) || SqlText.mentions(c.expression(), from)) {
                r = new Constraint(c.name(), c.type(), replace(c.columns(), from, to), c.referencedTable(), c.referencedColumns(),
                        c.type() == ConstraintType.FOREIGN_KEY ? c.expression() : SqlText.renameIdentifier(c.expression(), from, to), c.validated());
            }
            return renamedReference(r, t.name, from, to);
        });
        d.indexes.replaceAll((k, i) -> i.table().equals(t.name)
                ? new Index(i.name(), i.table(), i.unique(), renameInElements(i.elements(), from, to), SqlText.renameIdentifier(i.where(), from, to), i.method(), i.valid())
                : i);
        for (Map.Entry<QualifiedName, Table> e : d.tables.entrySet()) {
            if (e.getKey().equals(t.name)) {
                continue;
            }
            Table other = e.getValue();
            if (other.constraints().stream().anyMatch(c -> referencesColumn(c, t.name, from))) {
                TableDraft od = new TableDraft(other);
                od.constraints.replaceAll(c -> renamedReference(c, t.name, from, to));
                e.setValue(od.build());
            }
        }
        Sequence owned = ownedBy(d, t.name, from);
        if (owned != null) {
            d.sequences.put(owned.name(), new Sequence(owned.name(), t.name + "." + to));
        }
    }

    private static Constraint renamedReference(Constraint c, QualifiedName table, String from, String to) {
        if (!referencesColumn(c, table, from)) {
            return c;
        }
        return new Constraint(c.name(), c.type(), c.columns(), c.referencedTable(), replace(c.referencedColumns(), from, to), c.expression(), c.validated());
    }

    private static List<String> renameInElements(List<String> elements, String from, String to) {
        List<String> out = new ArrayList<>(elements.size());
        for (String e : elements) {
            out.add(SqlText.renameIdentifier(e, from, to));
        }
        return out;
    }

    private static List<String> replace(List<String> names, String from, String to) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(n.equals(from) ? to : n);
        }
        return out;
    }

    private void dropConstraint(SchemaDraft d, TableDraft t, AlterTableAction.DropConstraint a, List<String> notes) {
        int i = t.constraintIndex(a.name());
        if (i < 0) {
            if (!a.ifExists()) {
                notes.add("constraint " + a.name() + " is not on the table");
            }
            return;
        }
        Constraint c = t.constraints.remove(i);
        if (SchemaDraft.indexBacked(c.type())) {
            d.indexes.remove(new QualifiedName(t.name.schema(), c.name()));
            if (a.cascade()) {
                Predicate<Constraint> dependent = fk -> fk.type() == ConstraintType.FOREIGN_KEY
                        && t.name.equals(fk.referencedTable()) && fk.referencedColumns().equals(c.columns());
                for (Map.Entry<QualifiedName, Table> e : d.tables.entrySet()) {
                    if (!e.getKey().equals(t.name) && e.getValue().constraints().stream().anyMatch(dependent)) {
                        TableDraft od = new TableDraft(e.getValue());
                        od.constraints.removeIf(dependent);
                        e.setValue(od.build());
                    }
                }
                t.constraints.removeIf(dependent);
            }
        }
    }

    /** Renames or moves a table; what refers to it by name follows, as PostgreSQL's references by OID do. */
    private void moveTable(SchemaDraft d, TableDraft t, QualifiedName to) {
        QualifiedName from = t.name;
        boolean schemaChange = !from.schema().equals(to.schema());
        List<Index> indexes = d.indexesOn(from);
        for (Index i : indexes) {
            d.indexes.remove(i.name());
            QualifiedName key = schemaChange ? new QualifiedName(to.schema(), i.name().name()) : i.name();
            d.indexes.put(key, new Index(key, to, i.unique(), i.elements(), i.where(), i.method(), i.valid()));
        }
        for (Map.Entry<QualifiedName, Table> e : d.tables.entrySet()) {
            Table other = e.getValue();
            boolean refers = other.constraints().stream().anyMatch(c -> from.equals(c.referencedTable()));
            boolean child = from.equals(other.partitionOf());
            if (e.getKey().equals(from) || !(refers || child)) {
                continue;
            }
            TableDraft od = new TableDraft(other);
            od.constraints.replaceAll(c -> retarget(c, from, to));
            if (child) {
                od.partitionOf = to;
            }
            e.setValue(od.build());
        }
        t.constraints.replaceAll(c -> retarget(c, from, to));
        d.views.replaceAll((k, v) -> v.baseTables().contains(from)
                ? new View(v.name(), v.materialized(), replaceName(v.baseTables(), from, to), v.query())
                : v);
        String prefix = from + ".";
        for (Sequence s : List.copyOf(d.sequences.values())) {
            if (s.ownedBy() != null && s.ownedBy().startsWith(prefix)) {
                String owner = to + "." + s.ownedBy().substring(prefix.length());
                d.sequences.remove(s.name());
                QualifiedName key = schemaChange ? new QualifiedName(to.schema(), s.name().name()) : s.name();
                d.sequences.put(key, new Sequence(key, owner));
            }
        }
        t.name = to;
    }

    private static Constraint retarget(Constraint c, QualifiedName from, QualifiedName to) {
        return from.equals(c.referencedTable())
                ? new Constraint(c.name(), c.type(), c.columns(), to, c.referencedColumns(), c.expression(), c.validated())
                : c;
    }

    private static List<QualifiedName> replaceName(List<QualifiedName> names, QualifiedName from, QualifiedName to) {
        List<QualifiedName> out = new ArrayList<>(names.size());
        for (QualifiedName n : names) {
            out.add(n.equals(from) ? to : n);
        }
        return out;
    }

    private String renameTable(SchemaDraft d, Statement.RenameTable r) {
        QualifiedName from = d.resolve(r.from());
        Table table = d.tables.get(from);
        if (table == null) {
            return "RENAME TABLE " + from + ": the table is not in the schema";
        }
        TableDraft t = new TableDraft(table);
        QualifiedName to = r.to().schema() == null ? new QualifiedName(from.schema(), r.to().name()) : r.to();
        moveTable(d, t, to);
        d.tables.remove(from);
        d.tables.put(to, t.build());
        return null;
    }

    private String dropTables(SchemaDraft d, List<QualifiedName> names, boolean ifExists, boolean cascade, String what) {
        List<String> notes = new ArrayList<>();
        for (QualifiedName n : names) {
            QualifiedName key = d.resolve(n);
            if (!d.tables.containsKey(key)) {
                if (!ifExists) {
                    notes.add("table " + key + " is not in the schema");
                }
                continue;
            }
            dropTable(d, key, cascade);
        }
        return notes(notes, what);
    }

    void dropTable(SchemaDraft d, QualifiedName key, boolean cascade) {
        for (Table partition : d.partitionsOf(key)) {
            dropTable(d, partition.name(), cascade);
        }
        d.tables.remove(key);
        d.indexes.values().removeIf(i -> i.table().equals(key));
        String prefix = key + ".";
        d.sequences.values().removeIf(s -> s.ownedBy() != null && s.ownedBy().startsWith(prefix));
        // a foreign key pointing at a dropped table cannot outlive it (PostgreSQL needs CASCADE to drop it)
        for (Map.Entry<QualifiedName, Table> e : d.tables.entrySet()) {
            Table other = e.getValue();
            if (other.constraints().stream().anyMatch(c -> key.equals(c.referencedTable()))) {
                TableDraft od = new TableDraft(other);
                od.constraints.removeIf(c -> key.equals(c.referencedTable()));
                e.setValue(od.build());
            }
        }
        if (cascade) {
            dropDependentViews(d, key);
        }
    }

    /** CASCADE drops the views built on a relation, and the views built on those. */
    private static void dropDependentViews(SchemaDraft d, QualifiedName relation) {
        List<QualifiedName> dependent = new ArrayList<>();
        for (View v : d.views.values()) {
            if (v.baseTables().contains(relation)) {
                dependent.add(v.name());
            }
        }
        for (QualifiedName v : dependent) {
            if (d.views.remove(v) != null) {
                d.indexes.values().removeIf(i -> i.table().equals(v));
                dropDependentViews(d, v);
            }
        }
    }

    // ---------------------------------------------------------------- indexes

    private String createIndex(SchemaDraft d, Statement.CreateIndex ci) {
        QualifiedName tableName = d.resolve(ci.table());
        Table table = d.tables.get(tableName);
        View view = d.views.get(tableName);
        if (table == null && (view == null || !view.materialized())) {
            return "CREATE INDEX on " + tableName + ": the table is not in the schema";
        }
        List<String> elements = new ArrayList<>(ci.elements().size());
        for (String e : ci.elements()) {
            String column = SqlText.columnOf(e);
            elements.add(column != null ? column : e.trim());
        }
        String name;
        if (ci.name() != null) {
            name = d.names.identifier(ci.name().name());
            if (d.relationExists(tableName.schema(), name)) {
                return ci.ifNotExists() ? null : "CREATE INDEX " + name + ": a relation of that name already exists";
            }
        } else {
            name = d.names.chooseName(tableName.name(), d.names.nameAddition(d.names.indexElementNames(elements)), "idx",
                    n -> d.relationExists(tableName.schema(), n));
        }
        boolean partitioned = table != null && table.partitioned();
        List<Table> partitions = partitioned ? d.partitionsOf(tableName) : List.of();
        // ON ONLY a partitioned table with partitions: invalid until an index of each partition is attached
        boolean valid = !(ci.only() && !partitions.isEmpty());
        QualifiedName key = new QualifiedName(tableName.schema(), name);
        String method = ci.method() == null ? "btree" : AsciiCase.lower(ci.method());
        Index index = new Index(key, tableName, ci.unique(), elements, ci.where(), method, valid);
        d.indexes.put(key, index);
        if (!ci.only()) {
            for (Table p : partitions) {
                indexPartition(d, index, p.name());
            }
        }
        return null;
    }

    private String dropIndexes(SchemaDraft d, Statement.DropIndex di) {
        List<String> notes = new ArrayList<>();
        for (QualifiedName n : di.indexes()) {
            QualifiedName key = d.indexKey(n);
            if (d.indexes.remove(key) == null && !di.ifExists()) {
                notes.add("index " + key + " is not in the schema");
            }
        }
        return notes(notes, "DROP INDEX");
    }

    private String alterIndex(SchemaDraft d, Statement.AlterIndex ai) {
        QualifiedName key = d.indexKey(ai.index());
        Index index = d.indexes.get(key);
        if (index == null) {
            return ai.ifExists() ? null : "ALTER INDEX " + key + ": the index is not in the schema";
        }
        if (ai.renameTo() != null) {
            if (d.relationExists(key.schema(), ai.renameTo())) {
                return "ALTER INDEX " + key + ": cannot rename to " + ai.renameTo() + ", a relation of that name already exists";
            }
            renameIndex(d, key, d.names.identifier(ai.renameTo()));
        }
        if (ai.attachPartition() != null) {
            d.indexes.put(key, new Index(index.name(), index.table(), index.unique(), index.elements(), index.where(), index.method(), true));
        }
        return null;
    }

    /** Renaming the index of a primary key, unique or exclusion constraint renames the constraint too. */
    private static void renameIndex(SchemaDraft d, QualifiedName key, String to) {
        Index index = d.indexes.remove(key);
        QualifiedName newKey = new QualifiedName(key.schema(), to);
        d.indexes.put(newKey, new Index(newKey, index.table(), index.unique(), index.elements(), index.where(), index.method(), index.valid()));
        Table table = d.tables.get(index.table());
        if (table != null) {
            TableDraft t = new TableDraft(table);
            int i = t.constraintIndex(key.name());
            if (i >= 0 && SchemaDraft.indexBacked(t.constraints.get(i).type())) {
                Constraint c = t.constraints.get(i);
                t.constraints.set(i, new Constraint(to, c.type(), c.columns(), c.referencedTable(), c.referencedColumns(), c.expression(), c.validated()));
                d.tables.put(table.name(), t.build());
            }
        }
    }

    // ---------------------------------------------------------------- types

    private String createEnum(SchemaDraft d, Statement.CreateEnumType ce) {
        QualifiedName key = d.resolve(ce.type());
        if (d.enums.containsKey(key)) {
            return "CREATE TYPE " + key + ": the type already exists";
        }
        d.enums.put(key, new EnumType(key, ce.values()));
        return null;
    }

    private String addEnumValue(SchemaDraft d, Statement.AlterEnumAddValue a) {
        QualifiedName key = d.resolve(a.type());
        EnumType type = d.enums.get(key);
        String what = "ALTER TYPE " + key + " ADD VALUE '" + a.value() + "'";
        if (type == null) {
            return what + ": the enum type is not in the schema";
        }
        if (type.values().contains(a.value())) {
            return a.ifNotExists() ? null : what + ": the value already exists";
        }
        List<String> values = new ArrayList<>(type.values());
        String neighbour = a.before() != null ? a.before() : a.after();
        int at = values.size();
        if (neighbour != null) {
            int i = values.indexOf(neighbour);
            if (i < 0) {
                return what + ": neighbour value '" + neighbour + "' is not in the type";
            }
            at = a.before() != null ? i : i + 1;
        }
        values.add(at, a.value());
        d.enums.put(key, new EnumType(key, values));
        return null;
    }

    private String renameEnumValue(SchemaDraft d, Statement.AlterEnumRenameValue a) {
        QualifiedName key = d.resolve(a.type());
        EnumType type = d.enums.get(key);
        if (type == null) {
            return "ALTER TYPE " + key + " RENAME VALUE: the enum type is not in the schema";
        }
        int i = type.values().indexOf(a.from());
        if (i < 0) {
            return "ALTER TYPE " + key + " RENAME VALUE: '" + a.from() + "' is not a value of the type";
        }
        List<String> values = new ArrayList<>(type.values());
        values.set(i, a.to());
        d.enums.put(key, new EnumType(key, values));
        return null;
    }

    private String alterType(SchemaDraft d, Statement.AlterType a) {
        QualifiedName key = d.resolve(a.type());
        EnumType type = d.enums.get(key);
        if (type == null || a.renameTo() == null) {
            return null;
        }
        QualifiedName to = new QualifiedName(key.schema(), renamed(a.renameTo()));
        d.enums.remove(key);
        d.enums.put(to, new EnumType(to, type.values()));
        // columns refer to the type itself, not its name
        for (Map.Entry<QualifiedName, Table> e : d.tables.entrySet()) {
            Table t = e.getValue();
            if (t.columns().stream().anyMatch(c -> namesType(c.type(), key))) {
                TableDraft td = new TableDraft(t);
                td.columns.replaceAll(c -> namesType(c.type(), key)
                        ? new Column(c.name(), retype(c.type(), key, to), c.notNull(), c.defaultExpression(), c.identity(), c.generatedExpression())
                        : c);
                e.setValue(td.build());
            }
        }
        return null;
    }

    /**
     * A RENAME TO target as the parser gives it: already folded (an unquoted name is lower case, a quoted one keeps
     * its case), so folding it again would lose the case of {@code "Role"}; only quotes left by a hand-built
     * statement are removed.
     */
    private static String renamed(String name) {
        return name.startsWith("\"") ? QualifiedName.fold(name) : name;
    }

    private static boolean namesType(TypeName type, QualifiedName enumName) {
        return type != null && (type.name().equals(enumName.name()) || type.name().equals(enumName.toString()));
    }

    private static TypeName retype(TypeName type, QualifiedName from, QualifiedName to) {
        String name = type.name().equals(from.toString()) ? to.toString() : to.name();
        return new TypeName(name, type.modifiers(), type.arrayDimensions(), type.raw());
    }

    // ---------------------------------------------------------------- views and sequences

    private String createView(SchemaDraft d, Statement.CreateView cv) {
        QualifiedName key = d.resolve(cv.view());
        String what = (cv.materialized() ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ") + key;
        if (d.tables.containsKey(key) || d.sequences.containsKey(key) || d.indexes.containsKey(key)) {
            return what + ": a relation of that name already exists";
        }
        if (d.views.containsKey(key) && !cv.orReplace()) {
            return what + ": the view already exists";
        }
        List<QualifiedName> bases = new ArrayList<>(cv.baseTables().size());
        for (QualifiedName b : cv.baseTables()) {
            bases.add(d.resolve(b));
        }
        d.views.put(key, new View(key, cv.materialized(), bases, cv.query()));
        return null;
    }

    private String dropViews(SchemaDraft d, Statement.DropView dv) {
        List<String> notes = new ArrayList<>();
        for (QualifiedName n : dv.views()) {
            QualifiedName key = d.resolve(n);
            if (d.views.remove(key) == null) {
                if (!dv.ifExists()) {
                    notes.add("view " + key + " is not in the schema");
                }
                continue;
            }
            d.indexes.values().removeIf(i -> i.table().equals(key));
            if (dv.cascade()) {
                dropDependentViews(d, key);
            }
        }
        return notes(notes, dv.materialized() ? "DROP MATERIALIZED VIEW" : "DROP VIEW");
    }

    private String alterView(SchemaDraft d, Statement.AlterView av) {
        QualifiedName key = d.resolve(av.view());
        if (!d.views.containsKey(key)) {
            return null;
        }
        if (av.renameTo() != null) {
            renameView(d, key, new QualifiedName(key.schema(), renamed(av.renameTo())));
        }
        return null;
    }

    private static void renameView(SchemaDraft d, QualifiedName from, QualifiedName to) {
        View v = d.views.remove(from);
        d.views.put(to, new View(to, v.materialized(), v.baseTables(), v.query()));
        for (Index i : d.indexesOn(from)) {
            d.indexes.put(i.name(), new Index(i.name(), to, i.unique(), i.elements(), i.where(), i.method(), i.valid()));
        }
    }

    private String createSequence(SchemaDraft d, Statement.CreateSequence cs) {
        QualifiedName key = d.resolve(cs.sequence());
        if (d.relationExists(key.schema(), key.name())) {
            return cs.ifNotExists() ? null : "CREATE SEQUENCE " + key + ": a relation of that name already exists";
        }
        d.schemas.add(key.schema());
        d.sequences.put(key, new Sequence(key, owner(d, cs.ownedBy())));
        return null;
    }

    private String alterSequence(SchemaDraft d, Statement.AlterSequence as) {
        QualifiedName key = d.sequenceKey(as.sequence());
        Sequence sequence = d.sequences.get(key);
        if (sequence == null) {
            return "ALTER SEQUENCE " + key + ": the sequence is not in the schema";
        }
        String ownedBy = as.ownedBy() != null ? owner(d, as.ownedBy()) : sequence.ownedBy();
        QualifiedName newKey = as.renameTo() != null ? new QualifiedName(key.schema(), renamed(as.renameTo())) : key;
        d.sequences.remove(key);
        d.sequences.put(newKey, new Sequence(newKey, ownedBy));
        return null;
    }

    /** {@code OWNED BY t.c} as {@code schema.table.column}; {@code NONE} as null. */
    private static String owner(SchemaDraft d, String ownedBy) {
        if (ownedBy == null || ownedBy.trim().equalsIgnoreCase("none")) {
            return null;
        }
        String text = ownedBy.trim();
        int dot = lastTopLevelDot(text);
        if (dot < 0) {
            return text;
        }
        QualifiedName table = d.resolve(QualifiedName.parse(text.substring(0, dot)));
        return table + "." + QualifiedName.fold(text.substring(dot + 1));
    }

    private static int lastTopLevelDot(String text) {
        boolean quoted = false;
        int last = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                last = i;
            }
        }
        return last;
    }

    // ---------------------------------------------------------------- session

    /** The schema unqualified names land in: the first usable entry of a search_path value. */
    static String firstSchema(String searchPath) {
        if (searchPath == null) {
            return QualifiedName.DEFAULT_SCHEMA;
        }
        for (String part : searchPath.split(",")) {
            String p = part.trim();
            if (p.startsWith("'") && p.endsWith("'") && p.length() >= 2) {
                p = p.substring(1, p.length() - 1).trim();
            }
            if (p.isEmpty() || p.equals("$user") || p.equals("\"$user\"") || p.equalsIgnoreCase("pg_catalog")) {
                continue;
            }
            return QualifiedName.fold(p);
        }
        return QualifiedName.DEFAULT_SCHEMA;
    }

    private static String notes(List<String> notes, String what) {
        return notes.isEmpty() ? null : what + ": " + String.join("; ", notes);
    }
}
