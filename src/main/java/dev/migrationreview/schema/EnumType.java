package dev.migrationreview.schema;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;

public record EnumType(QualifiedName name, List<String> values) implements java.io.Serializable {
    public EnumType {
        values = List.copyOf(values);
    }
}
