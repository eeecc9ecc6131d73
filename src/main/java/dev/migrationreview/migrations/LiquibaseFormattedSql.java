package dev.migrationreview.migrations;

import dev.migrationreview.migrations.MigrationScript.Section;
import dev.migrationreview.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase formatted SQL: a file starting {@code --liquibase formatted sql} whose {@code --changeset author:id}
 * lines each start one change set. Each change set is one or more sections; {@code --rollback} lines and
 * {@code /* liquibase rollback} blocks are never applied. A change set runs in its own transaction unless it
 * says {@code runInTransaction:false}; then Liquibase executes its statements one by one (or, with
 * {@code splitStatements:false}, as one batch, which PostgreSQL runs as one implicit transaction).
 * {@code dbms:} filters change sets by database.
 */
final class LiquibaseFormattedSql {
    private static final Pattern HEADER = Pattern.compile("\\s*--\\s*liquibase\\s+formatted\\s+sql\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGESET = Pattern.compile("\\s*--\\s*changeset\\s+(\\S+?):(\\S+)(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK_LINE = Pattern.compile("\\s*--\\s*rollback\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK_BLOCK = Pattern.compile("\\s*/\\*\\s*liquibase\\s+rollback\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+):(\\S+)");

    private LiquibaseFormattedSql() {}

    static boolean isFormattedSql(String content) {
        int eol = content.indexOf('\n');
        String first = eol < 0 ? content : content.substring(0, eol);
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        return HEADER.matcher(first.strip()).matches();
    }

    static MigrationScript script(String path, String content, Dialect dialect) {
        ScriptLines lines = new ScriptLines(content);
        if (!isFormattedSql(content)) {
            // a raw SQL file included by a changelog (<sqlFile>, include) is one change set in one transaction
            return new MigrationScript(path, MigrationTool.LIQUIBASE, null, content, lines.whole(true));
        }
        List<Section> sections = new ArrayList<>();
        int i = 1;
        while (i <= lines.count()) {
            Matcher cs = CHANGESET.matcher(lines.line(i));
            if (!cs.matches()) {
                i++;
                continue;
            }
            Attributes attributes = Attributes.parse(cs.group(3));
            int end = i + 1;
            while (end <= lines.count() && !CHANGESET.matcher(lines.line(end)).matches()) {
                end++;
            }
            int last = end - 1;
            if (attributes.appliesTo(dialect)) {
                boolean[] applied = new boolean[lines.count() + 1];
                boolean inRollbackBlock = false;
                for (int k = i + 1; k <= last; k++) {
                    String line = lines.line(k);
                    if (inRollbackBlock) {
                        if (line.contains("*/")) {
                            inRollbackBlock = false;
                        }
                        continue;
                    }
                    if (ROLLBACK_BLOCK.matcher(line).matches()) {
                        inRollbackBlock = !line.contains("*/");
                        continue;
                    }
                    applied[k] = !ROLLBACK_LINE.matcher(line).matches();
                }
                for (Section s : ScriptLines.runs(applied, true)) {
                    boolean tx = attributes.runInTransaction
                            || (!attributes.splitStatements && lines.isImplicitTransactionBatch(s.firstLine(), s.lastLine(), dialect));
                    sections.add(new Section(s.firstLine(), s.lastLine(), tx));
                }
            }
            i = end;
        }
        return new MigrationScript(path, MigrationTool.LIQUIBASE, null, content, sections);
    }

    private record Attributes(boolean runInTransaction, boolean splitStatements, String dbms) {
        static Attributes parse(String rest) {
            boolean tx = true;
            boolean split = true;
            String dbms = null;
            Matcher m = ATTRIBUTE.matcher(rest);
            while (m.find()) {
                String key = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2);
                switch (key) {
                    case "runintransaction" -> tx = !value.equalsIgnoreCase("false");
                    case "splitstatements" -> split = !value.equalsIgnoreCase("false");
                    case "dbms" -> dbms = value.toLowerCase(Locale.ROOT);
                    default -> { }
                }
            }
            return new Attributes(tx, split, dbms);
        }

        /** Liquibase's {@code dbms:} list: names, {@code all}, {@code none}, {@code !name} to exclude. */
        boolean appliesTo(Dialect dialect) {
            if (dbms == null || dbms.isBlank()) {
                return true;
            }
            String mine = dialect.configName();
            boolean anyPositive = false;
            boolean included = false;
            for (String entry : dbms.split(",")) {
                String e = entry.trim();
                if (e.equals("none")) {
                    return false;
                }
                if (e.startsWith("!")) {
                    if (e.substring(1).equals(mine)) {
                        return false;
                    }
                    continue;
                }
                anyPositive = true;
                if (e.equals("all") || e.equals(mine)) {
                    included = true;
                }
            }
            return !anyPositive || included;
        }
    }
}
