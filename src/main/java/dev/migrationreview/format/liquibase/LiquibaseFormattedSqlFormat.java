package dev.migrationreview.format.liquibase;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationScript.Section;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.NaturalOrder;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.ScriptLines;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
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
 * {@code dbms:} filters change sets by database. Formatted SQL files are ordered as the repository's changelogs
 * include them, then by path; a plain SQL file a changelog includes is one change set.
 */
// Not installed on its own: LiquibaseFormat, the one Liquibase format, reads formatted SQL through it.
public final class LiquibaseFormattedSqlFormat implements MigrationFormat {
    /** {@code <include file="x.sql">} / {@code - include: {file: x.sql}}, or {@code includeAll path="dir/"}. */
    private static final Pattern CHANGELOG_INCLUDE = Pattern.compile(
            "\\b(?:file\\s*[=:]\\s*[\"']?([^\"'\\s>]+\\.sql)|includeAll\\b[^>\\n]*?\\bpath\\s*[=:]\\s*[\"']?([^\"'\\s>]+))",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern HEADER = Pattern.compile("\\s*--\\s*liquibase\\s+formatted\\s+sql\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGESET = Pattern.compile("\\s*--\\s*changeset\\s+(\\S+?):(\\S+)(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK_LINE = Pattern.compile("\\s*--\\s*rollback\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK_BLOCK = Pattern.compile("\\s*/\\*\\s*liquibase\\s+rollback\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+):(\\S+)");

    public static boolean isFormattedSql(String content) {
        int eol = content.indexOf('\n');
        String first = eol < 0 ? content : content.substring(0, eol);
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        return HEADER.matcher(first.strip()).matches();
    }

    @Override
    public MigrationTool tool() {
        return MigrationTool.LIQUIBASE;
    }

    @Override
    public int precedence() {
        return 200;
    }

    /** Formatted SQL anywhere: Liquibase runs what its changelogs name, wherever it lies. */
    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) throws IOException {
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            if (path.endsWith(".sql") && context.mayHoldMarkers(path) && isFormattedSql(context.read(path))) {
                out.add(new Claim(path, ""));
            }
        }
        return out;
    }

    /** Formatted SQL in the order changelogs include it, then in path order. */
    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        Map<String, Integer> includeOrder = includeOrder(context);
        List<String> sql = new ArrayList<>(paths.stream().filter(p -> p.endsWith(".sql")).toList());
        sql.sort(Comparator.<String>comparingInt(p -> includeIndex(p, includeOrder)).thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : sql) {
            out.add(read(path, context.read(path), context));
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        return isFormattedSql(content) ? Recognition.MARKERS : Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        return read(path, content, context);
    }

    @Override
    public AppliedEdit appliedEdit() {
        return new AppliedEdit(true, "Liquibase stores a checksum of every applied changeset and stops `update` with a validation error when it changed, unless the changeset has `runOnChange:true` (then it runs again) or a `validCheckSum`.",
                "or add a `--validCheckSum:` line with the new checksum to the changeset");
    }

    @Override
    public String runOutsideTransaction() {
        return "Liquibase: put it in a changeset of its own with `runInTransaction:false`.";
    }

    private static Map<String, Integer> includeOrder(FormatContext context) throws IOException {
        Map<String, Integer> order = new HashMap<>();
        List<String> changelogs = new ArrayList<>();
        for (String path : context.files().paths()) {
            if (FormatContext.isChangelog(path)) {
                changelogs.add(path);
            }
        }
        changelogs.sort(NaturalOrder.NATURAL);
        int index = 0;
        for (String changelog : changelogs) {
            Matcher m = CHANGELOG_INCLUDE.matcher(context.read(changelog));
            while (m.find()) {
                // a directory included with includeAll is keyed with a trailing slash: all files below it
                String ref = m.group(1) != null ? m.group(1) : PathNames.trimSlashes(m.group(2)) + "/";
                ref = PathNames.trimDotSlash(ref.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", ""));
                order.putIfAbsent(ref, index);
                order.putIfAbsent(PathNames.normalize(PathNames.join(PathNames.parent(changelog), ref)), index);
                index++;
            }
        }
        return order;
    }

    private static int includeIndex(String path, Map<String, Integer> includeOrder) {
        Integer exact = includeOrder.get(path);
        if (exact != null) {
            return exact;
        }
        int best = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> e : includeOrder.entrySet()) {
            String key = e.getKey();
            boolean matches = key.endsWith("/")
                    ? path.startsWith(key) || path.contains("/" + key)
                    : path.endsWith("/" + key);
            if (matches) {
                best = Math.min(best, e.getValue());
            }
        }
        return best;
    }

    private static MigrationScript read(String path, String content, FormatContext context) {
        Dialect dialect = context.dialect();
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
                            || (!attributes.splitStatements && context.runsAsOneTransaction(lines.text(s.firstLine(), s.lastLine())));
                    sections.add(new Section(s.firstLine(), s.lastLine(), tx, tx && !attributes.runInTransaction));
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
