package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.analysis.risk.SizeClass;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.schema.Constraint;
import dev.migrationreview.schema.Index;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Judged at the file's last statement, so that an index created after the foreign key in the same file
 * counts.
 */
@Singleton
public final class ForeignKeyWithoutIndex extends PostgresRule {

    public ForeignKeyWithoutIndex() {
        super("foreign-key-without-index", Risk.INFO,
                "A foreign key without an index on its referencing columns: deletes and key updates on the parent scan the child table");
    }

    private record AddedKey(ParsedStatement statement, QualifiedName table, ConstraintDefinition constraint) {}

    @Override
    public List<Finding> check(StatementContext context) {
        if (!FileScope.isLastStatement(context)) {
            return List.of();
        }
        List<ParsedStatement> all = new ArrayList<>(context.earlier().stream().map(JudgedStatement::statement).toList());
        all.add(context.statement());
        List<AddedKey> keys = new ArrayList<>();
        List<List<String>> indexed = new ArrayList<>();
        List<QualifiedName> indexedTables = new ArrayList<>();
        for (ParsedStatement p : all) {
            collect(p, keys, indexed, indexedTables);
        }
        List<Finding> out = new ArrayList<>();
        for (AddedKey key : keys) {
            List<String> cols = key.constraint().columns();
            if (cols.isEmpty() || covered(context, key.table(), cols, indexed, indexedTables)) {
                continue;
            }
            String parent = key.constraint().referencedTable().toString();
            boolean large = TableSize.of(context, key.table()).sizeClass() == SizeClass.LARGE;
            String colList = String.join(", ", cols.stream().map(PostgresRule::ident).toList());
            String message = "The foreign key from `" + key.table() + "` (" + String.join(", ", cols) + ") to `" + parent + "` has no index"
                    + " starting with those columns. Every DELETE on `" + parent + "`, and every update of its key, must find the"
                    + " referencing rows by reading all of `" + key.table().name() + "`, and joins on the key scan too.";
            String fix = "Add an index on the referencing columns (CONCURRENTLY if `" + key.table().name() + "` already has rows):"
                    + sqlBlock("CREATE INDEX " + (context.isNew(key.table()) ? "" : "CONCURRENTLY ")
                            + ident(key.table().name() + "_" + String.join("_", cols) + "_idx") + " ON " + ident(key.table()) + " (" + colList + ");");
            out.add(findingAt(key.statement().span(), large ? Risk.LOW : Risk.INFO, "Foreign key on `" + key.table().name() + "` has no index",
                    message, fix, null));
        }
        return out;
    }

    private static void collect(ParsedStatement p, List<AddedKey> keys, List<List<String>> indexed, List<QualifiedName> indexedTables) {
        Statement s = p.statement();
        if (s instanceof Statement.CreateTable create) {
            List<ConstraintDefinition> all = new ArrayList<>(create.constraints());
            create.columns().forEach(c -> all.addAll(c.constraints()));
            for (ConstraintDefinition c : all) {
                addConstraint(p, create.table(), c, keys, indexed, indexedTables);
            }
        } else if (s instanceof Statement.AlterTable alter) {
            for (AlterTableAction a : alter.actions()) {
                if (a instanceof AlterTableAction.AddConstraint add) {
                    addConstraint(p, alter.table(), add.constraint(), keys, indexed, indexedTables);
                } else if (a instanceof AlterTableAction.AddColumn add) {
                    add.column().constraints().forEach(c -> addConstraint(p, alter.table(), c, keys, indexed, indexedTables));
                }
            }
        } else if (s instanceof Statement.CreateIndex index && index.where() == null) {
            indexed.add(index.elements());
            indexedTables.add(index.table().qualified());
        }
    }

    private static void addConstraint(ParsedStatement p, QualifiedName table, ConstraintDefinition c, List<AddedKey> keys,
            List<List<String>> indexed, List<QualifiedName> indexedTables) {
        if (c.type() == ConstraintType.FOREIGN_KEY && c.referencedTable() != null) {
            keys.add(new AddedKey(p, table, c));
        } else if (c.type() == ConstraintType.PRIMARY_KEY || c.type() == ConstraintType.UNIQUE) {
            indexed.add(c.columns());
            indexedTables.add(table.qualified());
        }
    }

    private static boolean covered(StatementContext context, QualifiedName table, List<String> cols, List<List<String>> indexed,
            List<QualifiedName> indexedTables) {
        for (int i = 0; i < indexed.size(); i++) {
            if (indexedTables.get(i).equals(table.qualified()) && leads(indexed.get(i), cols)) {
                return true;
            }
        }
        for (Index index : context.schemaBefore().indexesOn(table)) {
            if (index.where() == null && leads(index.elements(), cols)) {
                return true;
            }
        }
        for (Constraint c : context.schemaBefore().table(table).map(t -> t.constraints()).orElse(List.of())) {
            if ((c.type() == ConstraintType.PRIMARY_KEY || c.type() == ConstraintType.UNIQUE) && leads(c.columns(), cols)) {
                return true;
            }
        }
        return false;
    }

    /** True when the index's first columns are exactly the key's columns, in any order. */
    private static boolean leads(List<String> elements, List<String> cols) {
        if (elements.size() < cols.size()) {
            return false;
        }
        Set<String> lead = new HashSet<>();
        for (int i = 0; i < cols.size(); i++) {
            lead.add(QualifiedName.fold(elements.get(i).trim().split("\\s+")[0]));
        }
        return lead.equals(new HashSet<>(cols));
    }
}
