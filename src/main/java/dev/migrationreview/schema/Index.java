package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;

/**
 * @param elements column names or expression texts
 * @param where    partial predicate, or null
 * @param valid    false after a failed CREATE INDEX CONCURRENTLY
 */
public record Index(QualifiedName name, QualifiedName table, boolean unique, List<String> elements, String where, String method, boolean valid) implements java.io.Serializable {
    public Index {
        elements = List.copyOf(elements);
    }
}
