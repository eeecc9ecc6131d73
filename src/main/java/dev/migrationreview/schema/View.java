package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;

public record View(QualifiedName name, boolean materialized, List<QualifiedName> baseTables, String query) {
    public View {
        baseTables = List.copyOf(baseTables);
    }
}
