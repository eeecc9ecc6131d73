package dev.migrationreview.mariadb;

import dev.migrationreview.mysql.sql.MysqlStatementSplitter;
import dev.migrationreview.sql.Dialect;

/** MariaDB reads statements as MySQL does ({@code DELIMITER}, versioned comments, MariaDB's own {@code /*M!...*}{@code /}). */
public final class MariadbStatementSplitter extends MysqlStatementSplitter {
    @Override
    public Dialect dialect() {
        return Dialect.MARIADB;
    }
}
