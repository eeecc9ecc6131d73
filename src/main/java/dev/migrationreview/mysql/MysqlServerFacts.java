package dev.migrationreview.mysql;

import static dev.migrationreview.analysis.OnlineDdl.Algorithm.COPY;
import static dev.migrationreview.analysis.OnlineDdl.Algorithm.INPLACE;
import static dev.migrationreview.analysis.OnlineDdl.Algorithm.INSTANT;
import static dev.migrationreview.analysis.OnlineDdl.LockLevel.EXCLUSIVE;
import static dev.migrationreview.analysis.OnlineDdl.LockLevel.NONE;
import static dev.migrationreview.analysis.OnlineDdl.LockLevel.SHARED;

import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.statement.AlterTableAction;
import java.util.List;
import java.util.Optional;

/**
 * MySQL's online DDL, 5.7 to 9.x: the "Online DDL Operations" tables of the Reference Manual (5.7: section 14.13.1;
 * 8.0, 8.4 and 9.x: section 17.12.1), with the release notes where a minor release changed them (8.0.12 brought
 * ALGORITHM=INSTANT; 8.0.28 instant RENAME COLUMN; 8.0.29 INSTANT ADD/DROP COLUMN anywhere, with 64 row versions).
 */
public final class MysqlServerFacts extends ServerFacts {
    static final String M57 = "MySQL 5.7 Reference Manual 14.13.1 Online DDL Operations";
    static final String M80 = "MySQL 8.0 Reference Manual 17.12.1 Online DDL Operations";
    static final String N8012 = "MySQL 8.0.12 release notes (ALGORITHM=INSTANT); 8.0 Reference Manual 17.12.1";
    static final String N8028 = "MySQL 8.0.28 release notes (instant RENAME COLUMN); 8.0 Reference Manual 17.12.1";
    static final String N8029 = "MySQL 8.0.29 release notes (INSTANT ADD/DROP COLUMN at any position); 8.0 Reference Manual 17.12.1";
    static final String FK = "MySQL Reference Manual 17.12.1, Foreign Key Operations: INPLACE only with foreign_key_checks disabled";
    static final String FTS = "MySQL Reference Manual 17.12.1, Index Operations: the first FULLTEXT index rebuilds the table unless"
            + " it has an FTS_DOC_ID column; concurrent DML is not permitted";

    private static final List<Fact> FACTS = List.of(
            fact(DdlChange.ADD_COLUMN_LAST, "5.7", INPLACE, NONE, true, M57),
            fact(DdlChange.ADD_COLUMN_LAST, "8.0.12", INSTANT, NONE, false, N8012),
            fact(DdlChange.ADD_COLUMN_POSITIONED, "5.7", INPLACE, NONE, true, M57),
            fact(DdlChange.ADD_COLUMN_POSITIONED, "8.0.29", INSTANT, NONE, false, N8029),
            fact(DdlChange.ADD_COLUMN_AUTO_INCREMENT, "5.7", INPLACE, SHARED, true, M57 + ": concurrent DML is not permitted"),
            fact(DdlChange.ADD_COLUMN_STORED_GENERATED, "5.7", COPY, SHARED, true, M57 + ", Generated Column Operations"),
            fact(DdlChange.ADD_COLUMN_VIRTUAL_GENERATED, "5.7", INPLACE, NONE, false, M57 + ", Generated Column Operations"),
            fact(DdlChange.ADD_COLUMN_VIRTUAL_GENERATED, "8.0.12", INSTANT, NONE, false, N8012),
            fact(DdlChange.DROP_COLUMN, "5.7", INPLACE, NONE, true, M57),
            fact(DdlChange.DROP_COLUMN, "8.0.29", INSTANT, NONE, false, N8029),
            fact(DdlChange.RENAME_COLUMN, "5.7", INPLACE, NONE, false, M57),
            fact(DdlChange.RENAME_COLUMN, "8.0.28", INSTANT, NONE, false, N8028),
            fact(DdlChange.REORDER_COLUMN, "5.7", INPLACE, NONE, true, M57),
            fact(DdlChange.SET_DEFAULT, "5.7", INPLACE, NONE, false, M57),
            fact(DdlChange.SET_DEFAULT, "8.0.12", INSTANT, NONE, false, N8012),
            fact(DdlChange.EXTEND_VARCHAR, "5.7", INPLACE, NONE, false, M57 + ": extending VARCHAR column size"),
            fact(DdlChange.EXTEND_VARCHAR_ACROSS_255, "5.7", COPY, SHARED, true, M57 + ": 1 to 2 length bytes needs a table copy"),
            fact(DdlChange.EXTEND_SHORT_VARCHAR_ACROSS_255, "5.7", COPY, SHARED, true, M57 + ": 1 to 2 length bytes needs a table copy"),
            fact(DdlChange.CHANGE_TYPE, "5.7", COPY, SHARED, true, M57 + ": changing the column data type is only supported with COPY"),
            fact(DdlChange.ENUM_APPEND, "5.7", INPLACE, NONE, false, M57 + ": modifying the definition of an ENUM or SET column"),
            fact(DdlChange.ENUM_APPEND, "8.0.12", INSTANT, NONE, false, N8012),
            fact(DdlChange.ENUM_CHANGE, "5.7", COPY, SHARED, true, M57 + ": only adding members at the end is in place"),
            fact(DdlChange.MAKE_NULLABLE, "5.7", INPLACE, NONE, true, M57),
            fact(DdlChange.MAKE_NOT_NULL, "5.7", INPLACE, NONE, true, M57 + ": needs strict SQL mode"),
            fact(DdlChange.ADD_INDEX, "5.7", INPLACE, NONE, false, M57 + ", Index Operations"),
            fact(DdlChange.ADD_FULLTEXT_FIRST, "5.7", INPLACE, SHARED, true, FTS),
            fact(DdlChange.ADD_FULLTEXT, "5.7", INPLACE, SHARED, false, FTS),
            fact(DdlChange.ADD_SPATIAL, "5.7", INPLACE, SHARED, false, M57 + ", Index Operations"),
            fact(DdlChange.DROP_INDEX, "5.7", INPLACE, NONE, false, M57 + ", Index Operations"),
            fact(DdlChange.RENAME_INDEX, "5.7", INPLACE, NONE, false, M57 + ", Index Operations"),
            fact(DdlChange.ADD_PRIMARY_KEY, "5.7", INPLACE, NONE, true, M57 + ", Primary Key Operations"),
            fact(DdlChange.DROP_PRIMARY_KEY, "5.7", COPY, SHARED, true, M57 + ", Primary Key Operations"),
            fact(DdlChange.REPLACE_PRIMARY_KEY, "5.7", INPLACE, NONE, true, M57 + ", Primary Key Operations"),
            fact(DdlChange.ADD_FOREIGN_KEY_CHECKED, "5.7", COPY, SHARED, true, FK),
            fact(DdlChange.ADD_FOREIGN_KEY_UNCHECKED, "5.7", INPLACE, NONE, false, FK),
            fact(DdlChange.DROP_FOREIGN_KEY, "5.7", INPLACE, NONE, false, FK),
            // 5.7 parses CHECK and ignores it; 8.0.16 enforces it and validates the rows in a copy
            fact(DdlChange.ADD_CHECK, "5.7", INPLACE, NONE, false, "MySQL 5.7 Reference Manual 13.1.18: CHECK is parsed and ignored"),
            fact(DdlChange.ADD_CHECK, "8.0.16", COPY, SHARED, true, "MySQL 8.0 Reference Manual 15.1.20.6 CHECK Constraints"),
            fact(DdlChange.DROP_CHECK, "5.7", INPLACE, NONE, false, "MySQL 8.0 Reference Manual 15.1.20.6 CHECK Constraints"),
            // the 5.7 manual says renaming permits concurrent DML; the server refuses LOCK=NONE and LOCK=SHARED
            fact(DdlChange.RENAME_TABLE, "5.7", INPLACE, EXCLUSIVE, false, M57 + ", Table Operations (INPLACE, metadata only); INPLACE"
                    + " only with LOCK=EXCLUSIVE: observed on MySQL 5.7.22 by OnlineDdlOnRealServersTest"),
            fact(DdlChange.RENAME_TABLE, "8.0.12", INSTANT, NONE, false, N8012),
            // the manual's "specifying a character set" rebuilds when the encoding differs: that is CONVERT TO; the table
            // default alone changes no row
            fact(DdlChange.TABLE_CHARSET, "5.7", INPLACE, NONE, false, M57 + ", Table Operations: specifying a character set; the"
                    + " table default alone rebuilds nothing: observed on MySQL 5.7.22 and 8.0.12 by OnlineDdlOnRealServersTest"),
            fact(DdlChange.CONVERT_CHARSET, "5.7", COPY, SHARED, true, M57 + ", Table Operations: converting a character set"),
            fact(DdlChange.REBUILD, "5.7", INPLACE, NONE, true, M57 + ", Table Operations: rebuilding a table with FORCE; OPTIMIZE TABLE"),
            fact(DdlChange.AUTO_INCREMENT_VALUE, "5.7", INPLACE, NONE, false, M57 + ", Column Operations: changing the auto-increment value"),
            fact(DdlChange.TABLE_METADATA, "5.7", INPLACE, NONE, false, M57 + ", Table Operations"),
            fact(DdlChange.PARTITIONING, "5.7", COPY, SHARED, true, M57 + ", Partitioning Operations: most copy the partitions"));

    /** 8.0.29 counts INSTANT ADD/DROP COLUMN in row versions; the 65th needs a rebuild (Reference Manual 17.12.1). */
    private static final DatabaseVersion ROW_VERSIONS = DatabaseVersion.parse("8.0.29");

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    public String serverName() {
        return "MySQL";
    }

    @Override
    public List<Fact> facts() {
        return FACTS;
    }

    @Override
    public boolean knowsNocopy() {
        return false;
    }

    @Override
    public int rowVersionLimit(DatabaseVersion version) {
        return version.atLeast(ROW_VERSIONS) ? 64 : 0;
    }

    /**
     * 8.0 extends metadata locks to tables related by a foreign key (MySQL 8.0 Reference Manual 10.11.4 Metadata Locking:
     * the data dictionary updates the parent's foreign key metadata); EXCLUSIVE on the parent, also for DROP FOREIGN KEY:
     * observed on MySQL 8.0.12 by OnlineDdlOnRealServersTest. 5.7 locks only the child.
     */
    @Override
    public MysqlLockMode parentLockForForeignKey(DatabaseVersion version) {
        return version.major() >= 8 ? MysqlLockMode.EXCLUSIVE : MysqlLockMode.SHARED_UPGRADABLE;
    }

    @Override
    public boolean instantRefusesLockClause() {
        return true;
    }

    /** RENAME COLUMN came with 8.0.3 (MySQL 8.0.3 release notes; 5.7 renames only through CHANGE old new and the whole definition). */
    @Override
    public Optional<String> missingSyntax(AlterTableAction action, DatabaseVersion version) {
        return action instanceof AlterTableAction.RenameColumn ? addedIn("RENAME COLUMN", "8.0.3", version) : Optional.empty();
    }
}
