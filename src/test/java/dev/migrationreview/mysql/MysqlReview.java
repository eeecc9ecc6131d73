package dev.migrationreview.mysql;

import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.mariadb.MariadbEffectsModel;
import dev.migrationreview.mariadb.MariadbStatementParser;
import dev.migrationreview.mysql.sql.MysqlStatementParser;
import dev.migrationreview.schema.HistoryReplay;
import dev.migrationreview.sql.Dialect;
import java.util.List;
import java.util.Optional;

/** The engine with the real MySQL and MariaDB parsers and models (no rules): what a statement does on one version. */
final class MysqlReview {
    private static final ReviewEngine ENGINE;

    static {
        var mysql = new MysqlStatementParser();
        var mariadb = new MariadbStatementParser();
        ENGINE = new ReviewEngine(List.of(mysql, mariadb), new HistoryReplay(List.of(mysql, mariadb)),
                List.of(new MysqlEffectsModel(), new MariadbEffectsModel()), List.of());
    }

    private MysqlReview() {}

    static Report review(Dialect dialect, String version, String history, String change) {
        ReviewConfig config = ReviewConfig.defaults().withDialect(dialect).withVersion(DatabaseVersion.parse(version));
        return ENGINE.review(config, history.isBlank() ? List.of() : List.of(script("V1__base.sql", history)),
                List.of(script("V2__change.sql", change)), Optional.empty());
    }

    /** The last statement of the change, reviewed. */
    static StatementReport last(Dialect dialect, String version, String history, String change) {
        List<StatementReport> s = review(dialect, version, history, change).files().get(0).statements();
        return s.get(s.size() - 1);
    }

    static MigrationScript script(String path, String text) {
        int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
        return new MigrationScript(path, MigrationTool.PLAIN, null, text, List.of(new MigrationScript.Section(1, lines, false)));
    }
}
