package dev.migrationreview.mariadb;

import dev.migrationreview.mysql.sql.MysqlStatementParser;
import dev.migrationreview.sql.Dialect;
import jakarta.inject.Singleton;

/** MariaDB statements, understood with MySQL's grammar (MariaDB forked from MySQL and kept its SQL). */
@Singleton
public final class MariadbStatementParser extends MysqlStatementParser {
    public MariadbStatementParser() {
        super(new MariadbStatementSplitter());
    }

    @Override
    public Dialect dialect() {
        return Dialect.MARIADB;
    }
}
