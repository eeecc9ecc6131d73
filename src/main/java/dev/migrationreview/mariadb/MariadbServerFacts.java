package dev.migrationreview.mariadb;

import static dev.migrationreview.analysis.OnlineDdl.Algorithm.COPY;
import static dev.migrationreview.analysis.OnlineDdl.Algorithm.INPLACE;
import static dev.migrationreview.analysis.OnlineDdl.Algorithm.INSTANT;
import static dev.migrationreview.analysis.OnlineDdl.Algorithm.NOCOPY;
import static dev.migrationreview.analysis.OnlineDdl.LockLevel.NONE;
import static dev.migrationreview.analysis.OnlineDdl.LockLevel.SHARED;

import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.mysql.DdlChange;
import dev.migrationreview.mysql.ServerFacts;
import dev.migrationreview.sql.Dialect;
import java.util.List;

/**
 * MariaDB's online DDL, 10.3 to 11.8: MariaDB Server documentation, "InnoDB Online DDL Operations with ALGORITHM=INSTANT /
 * NOCOPY / INPLACE" and "InnoDB Online DDL Overview" (10.3.2 instant ADD COLUMN at the end; 10.4 instant DROP COLUMN,
 * reordering and more). MariaDB keeps no row-version limit.
 */
public final class MariadbServerFacts extends ServerFacts {
    static final String INSTANT_PAGE = "MariaDB docs: InnoDB Online DDL Operations with ALGORITHM=INSTANT";
    static final String NOCOPY_PAGE = "MariaDB docs: InnoDB Online DDL Operations with ALGORITHM=NOCOPY";
    static final String INPLACE_PAGE = "MariaDB docs: InnoDB Online DDL Operations with ALGORITHM=INPLACE";
    static final String OVERVIEW = "MariaDB docs: InnoDB Online DDL Overview";

    private static final List<Fact> FACTS = List.of(
            fact(DdlChange.ADD_COLUMN_LAST, "10.3", INSTANT, NONE, false, OVERVIEW + " (10.3.2: ADD COLUMN last is instant)"),
            fact(DdlChange.ADD_COLUMN_POSITIONED, "10.3", INPLACE, NONE, true, INPLACE_PAGE),
            fact(DdlChange.ADD_COLUMN_POSITIONED, "10.4", INSTANT, NONE, false, OVERVIEW + " (10.4: ADD, DROP and reorder are instant)"),
            fact(DdlChange.ADD_COLUMN_AUTO_INCREMENT, "10.3", INPLACE, SHARED, true, INPLACE_PAGE + ": no concurrent DML for AUTO_INCREMENT"),
            fact(DdlChange.ADD_COLUMN_STORED_GENERATED, "10.3", COPY, SHARED, true, "MariaDB docs: Generated Columns"),
            fact(DdlChange.ADD_COLUMN_VIRTUAL_GENERATED, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.DROP_COLUMN, "10.3", INPLACE, NONE, true, INPLACE_PAGE),
            fact(DdlChange.DROP_COLUMN, "10.4", INSTANT, NONE, false, OVERVIEW + " (10.4)"),
            fact(DdlChange.RENAME_COLUMN, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.REORDER_COLUMN, "10.3", INPLACE, NONE, true, INPLACE_PAGE),
            fact(DdlChange.REORDER_COLUMN, "10.4", INSTANT, NONE, false, OVERVIEW + " (10.4)"),
            fact(DdlChange.SET_DEFAULT, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.EXTEND_VARCHAR, "10.3", INSTANT, NONE, false, OVERVIEW + " (10.2.2: increasing a VARCHAR is instant)"),
            fact(DdlChange.EXTEND_VARCHAR_ACROSS_255, "10.3", COPY, SHARED, true, INPLACE_PAGE + ": changing the data type"),
            fact(DdlChange.EXTEND_VARCHAR_ACROSS_255_UNINDEXED, "10.3", INSTANT, NONE, false, INSTANT_PAGE + ": extending a VARCHAR no"
                    + " index covers (10.11.5 and 11.4.5 keep the table id, real-server test)"),
            fact(DdlChange.CHANGE_TYPE, "10.3", COPY, SHARED, true, INPLACE_PAGE + ": changing the data type"),
            fact(DdlChange.ENUM_APPEND, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.ENUM_CHANGE, "10.3", COPY, SHARED, true, INPLACE_PAGE),
            fact(DdlChange.MAKE_NULLABLE, "10.3", INPLACE, NONE, true, INPLACE_PAGE),
            fact(DdlChange.MAKE_NOT_NULL, "10.3", INPLACE, NONE, true, INPLACE_PAGE),
            fact(DdlChange.ADD_INDEX, "10.3", NOCOPY, NONE, false, NOCOPY_PAGE),
            fact(DdlChange.ADD_FULLTEXT_FIRST, "10.3", INPLACE, SHARED, true, INPLACE_PAGE + ": the first FULLTEXT index rebuilds"),
            fact(DdlChange.ADD_FULLTEXT, "10.3", NOCOPY, SHARED, false, NOCOPY_PAGE),
            fact(DdlChange.ADD_SPATIAL, "10.3", NOCOPY, SHARED, false, NOCOPY_PAGE),
            fact(DdlChange.DROP_INDEX, "10.3", NOCOPY, NONE, false, NOCOPY_PAGE + " (10.11.5 and 11.4.5 refuse INSTANT, real-server test)"),
            fact(DdlChange.RENAME_INDEX, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.ADD_PRIMARY_KEY, "10.3", INPLACE, NONE, true, INPLACE_PAGE),
            fact(DdlChange.DROP_PRIMARY_KEY, "10.3", COPY, SHARED, true, INPLACE_PAGE),
            fact(DdlChange.REPLACE_PRIMARY_KEY, "10.3", INPLACE, NONE, true, INPLACE_PAGE),
            fact(DdlChange.ADD_FOREIGN_KEY_CHECKED, "10.3", COPY, SHARED, true, NOCOPY_PAGE + ": only with foreign_key_checks=0"),
            fact(DdlChange.ADD_FOREIGN_KEY_UNCHECKED, "10.3", INSTANT, NONE, false, INSTANT_PAGE + ": with foreign_key_checks=0"
                    + " (real-server test)"),
            fact(DdlChange.DROP_FOREIGN_KEY, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.ADD_CHECK, "10.3", COPY, SHARED, true, INPLACE_PAGE + ": ADD CONSTRAINT CHECK is not in place"),
            fact(DdlChange.DROP_CHECK, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.RENAME_TABLE, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.TABLE_CHARSET, "10.3", INSTANT, NONE, false, INSTANT_PAGE + ": changing the table's default character set"),
            fact(DdlChange.CONVERT_CHARSET, "10.3", COPY, SHARED, true, INPLACE_PAGE),
            fact(DdlChange.REBUILD, "10.3", INPLACE, NONE, true, INPLACE_PAGE + ": FORCE, ENGINE=InnoDB, OPTIMIZE TABLE"),
            fact(DdlChange.AUTO_INCREMENT_VALUE, "10.3", INSTANT, NONE, false, INSTANT_PAGE + " (real-server test)"),
            fact(DdlChange.TABLE_METADATA, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.PARTITIONING, "10.3", COPY, SHARED, true, "MariaDB docs: Partitioning Overview (most operations copy)"));

    private static final DatabaseVersion ONLINE_COPY = DatabaseVersion.parse("11.2");

    @Override
    public Dialect dialect() {
        return Dialect.MARIADB;
    }

    @Override
    public String serverName() {
        return "MariaDB";
    }

    @Override
    public List<Fact> facts() {
        return FACTS;
    }

    @Override
    public boolean knowsNocopy() {
        return true;
    }

    @Override
    public int rowVersionLimit(DatabaseVersion version) {
        return 0;
    }

    /** MariaDB 11.2 copies tables online: ALGORITHM=COPY permits LOCK=NONE (real-server test on 11.4.5). */
    @Override
    public boolean onlineCopy(DatabaseVersion version) {
        return version.atLeast(ONLINE_COPY);
    }

    /** The parent of a new foreign key is locked against writes (10.11.5 and 11.4.5, real-server test). */
    @Override
    public dev.migrationreview.mysql.MysqlLockMode parentLockForForeignKey(DatabaseVersion version) {
        return dev.migrationreview.mysql.MysqlLockMode.SHARED_NO_WRITE;
    }

    /** 10.11.5 and 11.4.5 drop an indexed column NOCOPY, without a rebuild (real-server test). */
    @Override
    public boolean dropsIndexedColumnLikeAnIndex() {
        return true;
    }

    @Override
    public boolean instantRefusesLockClause() {
        return false;
    }
}
