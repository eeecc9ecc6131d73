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
import dev.migrationreview.sql.statement.AlterTableAction;
import java.util.List;
import java.util.Optional;

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
            fact(DdlChange.EXTEND_SHORT_VARCHAR_ACROSS_255, "10.3", COPY, SHARED, true, INPLACE_PAGE + ": changing the data type"),
            // MDEV-15563 (10.4.3) lifted limits on extending a VARCHAR instantly; the manual still names the 255-byte
            // boundary, but values of at most 127 bytes keep their 1-byte length, and the servers cross it instantly then
            fact(DdlChange.EXTEND_SHORT_VARCHAR_ACROSS_255, "10.4.3", INSTANT, NONE, false, INSTANT_PAGE + " (10.4.3, MDEV-15563):"
                    + " a VARCHAR of at most 127 bytes that no index covers crosses 255 bytes instantly: observed on MariaDB 10.11.5"
                    + " and 11.4.5 by OnlineDdlOnRealServersTest (60 to 256 bytes instant; 200 to 400 bytes copies)"),
            fact(DdlChange.CHANGE_TYPE, "10.3", COPY, SHARED, true, INPLACE_PAGE + ": changing the data type"),
            fact(DdlChange.ENUM_APPEND, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.ENUM_CHANGE, "10.3", COPY, SHARED, true, INPLACE_PAGE),
            // instant NOT NULL -> NULL (10.4.3, MDEV-15563) holds only for ROW_FORMAT=REDUNDANT, not the default DYNAMIC
            fact(DdlChange.MAKE_NULLABLE, "10.3", INPLACE, NONE, true, INPLACE_PAGE + "; " + INSTANT_PAGE + ": instant only with"
                    + " ROW_FORMAT=REDUNDANT (a rebuild with the default DYNAMIC: observed on MariaDB 10.11.5 and 11.4.5 by"
                    + " OnlineDdlOnRealServersTest)"),
            fact(DdlChange.MAKE_NOT_NULL, "10.3", INPLACE, NONE, true, INPLACE_PAGE),
            fact(DdlChange.ADD_INDEX, "10.3", NOCOPY, NONE, false, NOCOPY_PAGE),
            fact(DdlChange.ADD_FULLTEXT_FIRST, "10.3", INPLACE, SHARED, true, INPLACE_PAGE + ": the first FULLTEXT index rebuilds"),
            fact(DdlChange.ADD_FULLTEXT, "10.3", NOCOPY, SHARED, false, NOCOPY_PAGE),
            fact(DdlChange.ADD_SPATIAL, "10.3", NOCOPY, SHARED, false, NOCOPY_PAGE),
            fact(DdlChange.DROP_INDEX, "10.3", NOCOPY, NONE, false, NOCOPY_PAGE + " (INSTANT refused: observed on MariaDB 10.11.5"
                    + " and 11.4.5 by OnlineDdlOnRealServersTest)"),
            fact(DdlChange.RENAME_INDEX, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.ADD_PRIMARY_KEY, "10.3", INPLACE, NONE, true, INPLACE_PAGE),
            fact(DdlChange.DROP_PRIMARY_KEY, "10.3", COPY, SHARED, true, INPLACE_PAGE),
            fact(DdlChange.REPLACE_PRIMARY_KEY, "10.3", INPLACE, NONE, true, INPLACE_PAGE),
            fact(DdlChange.ADD_FOREIGN_KEY_CHECKED, "10.3", COPY, SHARED, true, NOCOPY_PAGE + ": only with foreign_key_checks=0"),
            fact(DdlChange.ADD_FOREIGN_KEY_UNCHECKED, "10.3", INSTANT, NONE, false, NOCOPY_PAGE + " names NOCOPY with"
                    + " foreign_key_checks=0; the servers take INSTANT: observed on MariaDB 10.11.5 and 11.4.5 by OnlineDdlOnRealServersTest"),
            fact(DdlChange.DROP_FOREIGN_KEY, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.ADD_CHECK, "10.3", COPY, SHARED, true, INPLACE_PAGE + ": ADD CONSTRAINT CHECK is not in place"),
            fact(DdlChange.DROP_CHECK, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.RENAME_TABLE, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.TABLE_CHARSET, "10.3", INSTANT, NONE, false, INSTANT_PAGE + ": changing the table's default character set"),
            fact(DdlChange.CONVERT_CHARSET, "10.3", COPY, SHARED, true, INPLACE_PAGE),
            fact(DdlChange.REBUILD, "10.3", INPLACE, NONE, true, INPLACE_PAGE + ": FORCE, ENGINE=InnoDB, OPTIMIZE TABLE"),
            fact(DdlChange.AUTO_INCREMENT_VALUE, "10.3", INSTANT, NONE, false, INSTANT_PAGE + ", ALTER TABLE ... AUTO_INCREMENT=...;"
                    + " observed on MariaDB 10.11.5 and 11.4.5 by OnlineDdlOnRealServersTest"),
            fact(DdlChange.TABLE_METADATA, "10.3", INSTANT, NONE, false, INSTANT_PAGE),
            fact(DdlChange.PARTITIONING, "10.3", COPY, SHARED, true, "MariaDB docs: Partitioning Overview (most operations copy)"));

    private static final DatabaseVersion ONLINE_COPY = DatabaseVersion.parse("11.2");
    private static final DatabaseVersion INSTANT_DROP = DatabaseVersion.parse("10.4");

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

    /**
     * MariaDB 11.2 copies tables online (MariaDB 11.2 release notes, MDEV-16329): ALGORITHM=COPY permits LOCK=NONE, and a
     * LOCK=NONE that INPLACE refuses falls back to it; observed on MariaDB 11.4.5 by OnlineDdlOnRealServersTest.
     */
    @Override
    public boolean onlineCopy(DatabaseVersion version) {
        return version.atLeast(ONLINE_COPY);
    }

    /**
     * The parent of a new foreign key is locked against writes: observed on MariaDB 10.11.5 and 11.4.5 by
     * OnlineDdlOnRealServersTest. The manual is silent; other releases are assumed to do the same, the cautious answer
     * (it claims more blocking, never less, than SHARED_UPGRADABLE).
     */
    @Override
    public dev.migrationreview.mysql.MysqlLockMode parentLockForForeignKey(DatabaseVersion version) {
        return dev.migrationreview.mysql.MysqlLockMode.SHARED_NO_WRITE;
    }

    /**
     * From 10.4 (instant DROP COLUMN) a column an index covers is dropped NOCOPY with its index, without a rebuild: observed
     * on MariaDB 10.11.5 and 11.4.5 by OnlineDdlOnRealServersTest. 10.3 rebuilds for any DROP COLUMN, as its manual says.
     */
    @Override
    public boolean dropsIndexedColumnLikeAnIndex(DatabaseVersion version) {
        return version.atLeast(INSTANT_DROP);
    }

    @Override
    public boolean instantRefusesLockClause() {
        return false;
    }

    /** RENAME COLUMN and RENAME INDEX came with 10.5.2 (MariaDB 10.5.2 release notes, ALTER TABLE). */
    @Override
    public Optional<String> missingSyntax(AlterTableAction action, DatabaseVersion version) {
        if (action instanceof AlterTableAction.RenameColumn) {
            return addedIn("RENAME COLUMN", "10.5.2", version);
        }
        return action instanceof AlterTableAction.RenameIndex ? addedIn("RENAME INDEX", "10.5.2", version) : Optional.empty();
    }
}
