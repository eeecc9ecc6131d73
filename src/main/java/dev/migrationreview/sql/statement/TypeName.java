package dev.migrationreview.sql.statement;

import java.util.List;

/**
 * A column type, normalised so that aliases compare equal: {@code name} is PostgreSQL's canonical
 * lower-case name ({@code integer}, {@code bigint}, {@code character varying}, {@code numeric},
 * {@code timestamp without time zone}, {@code timestamp with time zone}, {@code text}, {@code jsonb} ...),
 * {@code modifiers} the typmod numbers ({@code varchar(255)} -> [255], {@code numeric(10,2)} -> [10, 2]),
 * {@code arrayDimensions} how many {@code []} follow, {@code raw} the text as written.
 */
public record TypeName(String name, List<Integer> modifiers, int arrayDimensions, String raw) implements java.io.Serializable {
    public TypeName {
        modifiers = List.copyOf(modifiers);
    }

    public boolean isArray() {
        return arrayDimensions > 0;
    }
}
