package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;

public record View(QualifiedName name, boolean materialized, List<QualifiedName> baseTables, String query) implements java.io.Serializable {
    public View {
        baseTables = List.copyOf(baseTables);
    }
}
