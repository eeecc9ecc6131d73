package dev.migrationreview.mysql;

import dev.migrationreview.schema.Constraint;
import dev.migrationreview.schema.Index;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.Table;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * InnoDB needs an index whose first columns are a foreign key's, on the child and on the parent: without one on the
 * child the ALTER builds it (the model's extra ADD INDEX), without one on the parent it fails (error 1822). The
 * effects model and the foreign-key rules ask the same question here, so they cannot disagree.
 */
public final class LeadingIndex {
    private LeadingIndex() {}

    /**
     * Whether a primary key, unique key or index of {@code table} (or one {@code alter} adds, when given) starts with
     * {@code columns}.
     */
    public static boolean exists(Schema schema, QualifiedName table, Optional<Table> existing, List<String> columns,
            Statement.AlterTable alter) {
        List<List<String>> candidates = new ArrayList<>();
        existing.ifPresent(t -> {
            for (Constraint k : t.constraints()) {
                if (k.type() == ConstraintType.PRIMARY_KEY || k.type() == ConstraintType.UNIQUE) {
                    candidates.add(k.columns());
                }
            }
        });
        for (Index i : schema.indexesOn(table)) {
            candidates.add(i.elements());
        }
        if (alter != null) {
            for (AlterTableAction action : alter.actions()) {
                if (action instanceof AlterTableAction.AddIndex i) {
                    candidates.add(i.columns());
                } else if (action instanceof AlterTableAction.AddConstraint c && (c.constraint().type() == ConstraintType.PRIMARY_KEY
                        || c.constraint().type() == ConstraintType.UNIQUE)) {
                    candidates.add(c.constraint().columns());
                }
            }
        }
        for (List<String> candidate : candidates) {
            if (candidate.size() >= columns.size()) {
                boolean leads = true;
                for (int k = 0; k < columns.size() && leads; k++) {
                    leads = column(candidate.get(k)).equals(column(columns.get(k)));
                }
                if (leads) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The column an index part names, without backticks, prefix length or direction, in lower case. */
    private static String column(String part) {
        String p = part.strip().replace("`", "");
        int cut = p.length();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '(' || c == ' ') {
                cut = i;
                break;
            }
        }
        return AsciiCase.lower(p.substring(0, cut));
    }
}
