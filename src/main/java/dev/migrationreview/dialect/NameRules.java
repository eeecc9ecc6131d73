package dev.migrationreview.dialect;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;
import java.util.function.Predicate;

/**
 * How a database names things: the schema unqualified names live in, how long an identifier may be, and the
 * names it gives objects a statement leaves unnamed (a primary key, an index, a sequence).
 */
public interface NameRules {
    /** Where unqualified names live when nothing changed the search path ({@code public}). */
    String defaultSchema();

    /**
     * A relation as reports name it: schema-qualified where the database has schemas ({@code public.orders}); the engine
     * qualifies every name internally, so a database without schemas says which qualification is its own.
     */
    default String reportName(QualifiedName relation) {
        return relation.qualified().toString();
    }

    /** The identifier as the database stores it: cut to its maximum length. */
    String identifier(String written);

    /**
     * A name for an unnamed object from its table, an optional addition (columns) and a label
     * ({@code pkey}, {@code idx}), unique among the names {@code taken} says exist.
     */
    String chooseName(String table, String addition, String label, Predicate<String> taken);

    /** The column part of a chosen name ({@code customer_id_created_at}), or null when there are no columns. */
    String nameAddition(List<String> columns);

    /**
     * Whether adding a foreign key creates an index on its columns when none starts with them (InnoDB does; PostgreSQL
     * never indexes the referencing side).
     */
    default boolean foreignKeysCreateIndexes() {
        return false;
    }

    /**
     * Whether tables keep a count of column changes made without a rebuild (MySQL 8.0.29+'s row versions, at most 64
     * before the table must be rebuilt): the replay then counts ADD and DROP COLUMN per table until a rebuild.
     */
    default boolean countsRowVersions() {
        return false;
    }

    /** The per-column labels an index name is made of, from its elements (columns, function calls, expressions). */
    List<String> indexElementNames(List<String> elements);
}
