package dev.migrationreview.mysql;

/**
 * The kinds of online-DDL change whose algorithm, lock and rebuild the servers' manuals list, in the words of those
 * tables. One ALTER TABLE is one or more of these; the statement runs as the most expensive of them.
 */
public enum DdlChange {
    ADD_COLUMN_LAST("add a column at the end", true),
    ADD_COLUMN_POSITIONED("add a column with FIRST or AFTER", true),
    ADD_COLUMN_AUTO_INCREMENT("add an AUTO_INCREMENT column", true),
    ADD_COLUMN_STORED_GENERATED("add a STORED generated column", true),
    ADD_COLUMN_VIRTUAL_GENERATED("add a VIRTUAL generated column", false),
    DROP_COLUMN("drop a column", true),
    RENAME_COLUMN("rename a column, same type", false),
    REORDER_COLUMN("move a column (MODIFY ... FIRST/AFTER, same type)", true),
    SET_DEFAULT("set or drop a column default", false),
    EXTEND_VARCHAR("make a VARCHAR longer within the same length-byte class (up to 255 bytes, or beyond 255 on both sides)", false),
    EXTEND_VARCHAR_ACROSS_255("make an indexed VARCHAR longer across 255 bytes", true),
    EXTEND_SHORT_VARCHAR_ACROSS_255("make a VARCHAR of at most 127 bytes that no index covers longer across 255 bytes", true),
    CHANGE_TYPE("change a column's data type", true),
    ENUM_APPEND("add ENUM/SET values at the end of the list", false),
    ENUM_CHANGE("insert, remove or reorder ENUM/SET values", true),
    MAKE_NULLABLE("make a column NULL", true),
    MAKE_NOT_NULL("make a column NOT NULL", true),
    ADD_INDEX("add a secondary index (CREATE INDEX, ADD INDEX, ADD UNIQUE)", false),
    ADD_FULLTEXT_FIRST("add the table's first FULLTEXT index", true),
    ADD_FULLTEXT("add another FULLTEXT index", false),
    ADD_SPATIAL("add a SPATIAL index", false),
    DROP_INDEX("drop an index", false),
    RENAME_INDEX("rename an index", false),
    ADD_PRIMARY_KEY("add a primary key", true),
    DROP_PRIMARY_KEY("drop the primary key without adding one", true),
    REPLACE_PRIMARY_KEY("drop the primary key and add another in one ALTER", true),
    ADD_FOREIGN_KEY_CHECKED("add a foreign key with foreign_key_checks=1", true),
    ADD_FOREIGN_KEY_UNCHECKED("add a foreign key with foreign_key_checks=0", false),
    DROP_FOREIGN_KEY("drop a foreign key", false),
    ADD_CHECK("add a CHECK constraint", true),
    DROP_CHECK("drop a CHECK constraint", false),
    RENAME_TABLE("rename the table", false),
    TABLE_CHARSET("change the table's default character set", true),
    CONVERT_CHARSET("convert the table's columns to another character set (CONVERT TO CHARACTER SET)", true),
    REBUILD("rebuild the table (FORCE, ENGINE=InnoDB, ROW_FORMAT=, OPTIMIZE TABLE)", true),
    AUTO_INCREMENT_VALUE("set the AUTO_INCREMENT value", false),
    TABLE_METADATA("change a table option that is only metadata (COMMENT, STATS_*)", false),
    PARTITIONING("a partitioning change", true);

    private final String description;
    private final boolean rebuildsInPlace;

    DdlChange(String description, boolean rebuildsInPlace) {
        this.description = description;
        this.rebuildsInPlace = rebuildsInPlace;
    }

    public String description() {
        return description;
    }

    /** Whether running it with ALGORITHM=INPLACE rebuilds the table (when INSTANT would not). */
    public boolean rebuildsInPlace() {
        return rebuildsInPlace;
    }
}
