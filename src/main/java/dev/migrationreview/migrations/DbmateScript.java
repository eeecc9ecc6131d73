package dev.migrationreview.migrations;

import dev.migrationreview.migrations.MigrationScript.Section;
import dev.migrationreview.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate migrations ({@code <version>_<name>.sql}): the lines between {@code -- migrate:up} and
 * {@code -- migrate:down} are applied in a transaction, unless the up marker carries {@code transaction:false};
 * then dbmate sends the section as one query string, which PostgreSQL still runs as one implicit transaction
 * when it holds more than one statement.
 */
final class DbmateScript {
    static final Pattern FILE_NAME = Pattern.compile("(\\d+).*\\.sql");
    private static final Pattern MARKER = Pattern.compile("\\s*--\\s*migrate:(up|down)\\b(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_TRANSACTION = Pattern.compile("\\btransaction\\s*:\\s*false\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern UP_MARKER = Pattern.compile("(?mi)^[\\uFEFF\\s]*--\\s*migrate:up\\b");

    private DbmateScript() {}

    static boolean hasMarkers(String content) {
        return UP_MARKER.matcher(content).find();
    }

    static MigrationScript script(String path, String content, Dialect dialect) {
        ScriptLines lines = new ScriptLines(content);
        List<Section> sections = new ArrayList<>();
        int start = -1;
        boolean noTransaction = false;
        for (int i = 1; i <= lines.count() + 1; i++) {
            Matcher m = i <= lines.count() ? MARKER.matcher(lines.line(i)) : null;
            boolean marker = m != null && m.matches();
            if ((marker || i > lines.count()) && start > 0) {
                int last = i - 1;
                if (last >= start) {
                    boolean tx = !noTransaction || lines.isImplicitTransactionBatch(start, last, dialect);
                    sections.add(new Section(start, last, tx));
                }
                start = -1;
            }
            if (marker && m.group(1).equalsIgnoreCase("up")) {
                start = i + 1;
                noTransaction = NO_TRANSACTION.matcher(m.group(2)).find();
            }
        }
        Matcher name = FILE_NAME.matcher(FlywayConvention.fileName(path));
        return new MigrationScript(path, MigrationTool.DBMATE, name.matches() ? name.group(1) : null, content, sections);
    }
}
