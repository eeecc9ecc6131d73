package dev.migrationreview.migrations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goose SQL migrations ({@code <version>_<name>.sql}): the lines after {@code -- +goose Up} up to
 * {@code -- +goose Down} are applied, in one transaction unless the file says {@code -- +goose NO TRANSACTION}
 * (then goose runs each statement on its own).
 */
final class GooseScript {
    static final Pattern FILE_NAME = Pattern.compile("(\\d+)_.*\\.sql");
    private static final Pattern DIRECTIVE = Pattern.compile("\\s*--\\s*\\+goose\\s+(.*?)\\s*", Pattern.CASE_INSENSITIVE);

    private static final Pattern UP_MARKER = Pattern.compile("(?mi)^[\\uFEFF\\s]*--\\s*\\+goose\\s+up\\b");

    private GooseScript() {}

    static boolean hasMarkers(String content) {
        return UP_MARKER.matcher(content).find();
    }

    static MigrationScript script(String path, String content) {
        ScriptLines lines = new ScriptLines(content);
        boolean[] applied = new boolean[lines.count() + 1];
        boolean up = false;
        boolean noTransaction = false;
        for (int i = 1; i <= lines.count(); i++) {
            Matcher m = DIRECTIVE.matcher(lines.line(i));
            if (m.matches()) {
                String directive = m.group(1).toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
                if (directive.equals("UP")) {
                    up = true;
                    continue;
                }
                if (directive.equals("DOWN")) {
                    up = false;
                    continue;
                }
                if (directive.equals("NO TRANSACTION")) {
                    noTransaction = true;
                    continue;
                }
            }
            applied[i] = up;
        }
        Matcher name = FILE_NAME.matcher(FlywayConvention.fileName(path));
        String version = name.matches() ? name.group(1) : null;
        return new MigrationScript(path, MigrationTool.GOOSE, version, content, ScriptLines.runs(applied, !noTransaction));
    }
}
