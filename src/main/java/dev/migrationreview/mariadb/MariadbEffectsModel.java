package dev.migrationreview.mariadb;

import dev.migrationreview.mysql.MysqlEffectsModel;
import jakarta.inject.Singleton;

/** MariaDB's effects: MySQL's online-DDL engine on MariaDB's version facts. */
@Singleton
public final class MariadbEffectsModel extends MysqlEffectsModel {
    public MariadbEffectsModel() {
        super(new MariadbServerFacts());
    }
}
