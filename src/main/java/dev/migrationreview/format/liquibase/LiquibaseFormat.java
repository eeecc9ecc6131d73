package dev.migrationreview.format.liquibase;

import dev.migrationreview.format.DialectEvidence;
import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationScript.Section;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.Operation;
import dev.migrationreview.format.liquibase.LiquibaseOperation.TranslatedSql;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.SourceSpan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase, all of it: XML, YAML and JSON changelogs and formatted SQL, read from the master changelog with
 * Liquibase's own parsers and rendered to SQL by its generators for the configured database (no database
 * needed). A changeSet is one script (its {@code version} is {@code id::author}, the identity Liquibase records),
 * in Liquibase's execution order; each change is an operation at its element's lines. {@code sql}/{@code sqlFile}
 * SQL is the author's own, split by the dialect; a {@code sqlFile} is a SQL script of its own file. Formatted SQL
 * that no master changelog reaches is still read as such ({@link LiquibaseFormattedSqlFormat}).
 */
public final class LiquibaseFormat implements MigrationFormat {
    private static final Pattern SQL_FILE = Pattern.compile("\\bpath\\s*[=:]\\s*[\"']?([^\"'\\s>,}]+\\.sql)", Pattern.CASE_INSENSITIVE);

    private final ChangelogReader reader = new ChangelogReader();
    private final LiquibaseFormattedSqlFormat formattedSql = new LiquibaseFormattedSqlFormat();

    @Override
    public MigrationTool tool() {
        return MigrationTool.LIQUIBASE;
    }

    /** Before the SQL runners: a {@code .sql} file a changelog names is Liquibase's, whatever its name looks like. */
    @Override
    public int precedence() {
        return 90;
    }

    @Override
    public boolean holds(String path) {
        return isChangelogFile(path) || path.endsWith(".sql");
    }

    /**
     * The master changelogs and every file that may be part of them: changelogs (a file that says
     * {@code databaseChangeLog}) and the SQL files they name. Claiming reads no changelog through Liquibase:
     * that happens once, in {@link #scripts}.
     */
    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) throws IOException {
        List<String> masters = MasterChangelogs.find(context.files(), candidates);
        if (masters.isEmpty()) {
            // formatted SQL needs no master: Liquibase runs what a changelog names, and we cannot see which
            return formattedSql.claim(candidates, context);
        }
        Set<String> claimed = new LinkedHashSet<>(masters);
        Set<String> sqlNames = new LinkedHashSet<>();
        for (String path : candidates) {
            if (isChangelogFile(path) && mayBeChangelog(path, masters)) {
                String text = context.read(path);
                if (text.contains("databaseChangeLog")) {
                    claimed.add(path);
                    Matcher m = SQL_FILE.matcher(text);
                    while (m.find()) {
                        sqlNames.add(fileName(m.group(1)));
                    }
                }
            }
        }
        for (String path : candidates) {
            if (path.endsWith(".sql") && (sqlNames.contains(fileName(path))
                    || (context.mayHoldMarkers(path) && LiquibaseFormattedSqlFormat.isFormattedSql(context.read(path))))) {
                claimed.add(path);
            }
        }
        return claimed.stream().map(p -> new Claim(p, "")).toList();
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<String> masters = MasterChangelogs.find(context.files(), paths);
        if (masters.isEmpty()) {
            // a configured location: a changelog file named on its own is the master
            List<String> named = new ArrayList<>();
            for (String p : paths) {
                if (isChangelogFile(p) && !p.endsWith(".sql") && context.read(p).contains("databaseChangeLog")) {
                    named.add(p);
                    break;
                }
            }
            masters = named;
        }
        if (masters.isEmpty()) {
            return formattedSql.scripts(root, paths, context);
        }
        List<MigrationScript> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String master : masters) {
            if (seen.contains(master)) {
                // a changelog another master includes is not a master of its own
                continue;
            }
            LiquibaseChangelog changelog = reader.read(context.files(), master, context.dialect(),
                    String.valueOf(context.databaseVersion()));
            if (changelog.problem() != null) {
                // nothing silent: whichever of its files the change touched, the review shows why none could be read
                String masterDir = master.contains("/") ? master.substring(0, master.lastIndexOf('/') + 1) : "";
                List<String> near = new ArrayList<>(paths);
                for (String p : context.files().paths()) {
                    if (p.startsWith(masterDir) && !near.contains(p)) {
                        near.add(p);
                    }
                }
                for (String p : near) {
                    if (!seen.contains(p) && (p.equals(master) || (isChangelogFile(p) && !p.endsWith(".sql")))) {
                        out.add(problem(p, changelog.problem(), context));
                        seen.add(p);
                    }
                }
                continue;
            }
            for (MigrationScript s : scripts(changelog, context)) {
                out.add(s);
            }
            seen.addAll(changelog.files());
            for (MigrationScript s : out) {
                seen.add(s.path());
            }
        }
        // formatted SQL no master reaches is still Liquibase's, read on its own
        List<String> unreached = paths.stream().filter(p -> p.endsWith(".sql") && !seen.contains(p)).toList();
        List<String> formatted = new ArrayList<>();
        for (String p : unreached) {
            if (LiquibaseFormattedSqlFormat.isFormattedSql(context.read(p))) {
                formatted.add(p);
            }
        }
        if (!formatted.isEmpty()) {
            out.addAll(formattedSql.scripts(root, formatted, context));
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        if (isChangelogFile(path) && !path.endsWith(".sql") && content.contains("databaseChangeLog")) {
            return Recognition.MARKERS;
        }
        return formattedSql.recognise(path, content);
    }

    /** A lone changelog (the CLI's {@code analyze FILE}): read as its own master; its includes are not there. */
    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        if (path.endsWith(".sql")) {
            return formattedSql.script(path, content, context);
        }
        LiquibaseChangelog changelog = reader.read(context.files(), path, context.dialect(), String.valueOf(context.databaseVersion()));
        List<Operation> operations = new ArrayList<>();
        try {
            for (MigrationScript s : scripts(changelog, context)) {
                if (s.path().equals(path) && !s.isSql()) {
                    operations.addAll(s.operations());
                }
            }
        } catch (IOException e) {
            operations.add(new Operation(new SourceSpan(1, 1, 1, 1), "Liquibase changelog " + path, List.of(), true,
                    path + " could not be read: " + ChangelogReader.plain(e)));
        }
        return MigrationScript.ofOperations(path, tool(), null, content, operations);
    }

    /** Changelogs and formatted SQL are one tool: Liquibase validates the checksums of both the same way. */
    @Override
    public AppliedEdit appliedEdit() {
        return formattedSql.appliedEdit();
    }

    /** A changeSet's or change's {@code dbms} attribute, in XML ({@code dbms="mysql"}), YAML ({@code dbms: mysql}) or JSON. */
    private static final Pattern DBMS = Pattern.compile("\\bdbms\"?\\s*[:=]\\s*[\"']?([A-Za-z0-9_,! ]+)");

    /**
     * The database the changelogs name in {@code dbms}, when they name exactly one that this engine reviews (a
     * changelog with variants for several databases names none).
     */
    @Override
    public java.util.Optional<DialectEvidence> detectDialect(FormatContext context) throws IOException {
        Set<Dialect> named = new LinkedHashSet<>();
        String where = null;
        String written = null;
        for (String path : context.files().paths()) {
            if (!FormatContext.isChangelog(path) && !path.contains("changelog/")) {
                continue;
            }
            String text = context.readIfPresent(path).orElse("");
            Matcher m = DBMS.matcher(text);
            while (m.find()) {
                for (String name : m.group(1).split(",")) {
                    String n = name.trim().toLowerCase(Locale.ROOT);
                    for (Dialect d : Dialect.values()) {
                        if (d.configName().equals(n) || (d != Dialect.MARIADB && d.answersTo(n))) {
                            named.add(d);
                            if (where == null) {
                                where = path;
                                written = "dbms: " + n;
                            }
                        }
                    }
                }
            }
        }
        return named.size() == 1 ? java.util.Optional.of(new DialectEvidence(named.iterator().next(), where, written)) : java.util.Optional.empty();
    }

    @Override
    public String runOutsideTransaction() {
        return "Liquibase: put it in a changeSet of its own with `runInTransaction=\"false\"` (YAML/JSON `runInTransaction: false`).";
    }

    /** Rules' SQL fixes as changeSets in the changelog's own syntax; a formatted SQL or {@code sqlFile} script is SQL already. */
    @Override
    public Fix fix(String rule, String fix, String suggestion, String sql, Operation operation, MigrationScript script) {
        return LiquibaseFix.of(rule, fix, sql, operation, script);
    }

    /** One script per changeSet for the dialect (its {@code sqlFile}s as SQL scripts of their own), in execution order. */
    private List<MigrationScript> scripts(LiquibaseChangelog changelog, FormatContext context) throws IOException {
        List<MigrationScript> out = new ArrayList<>();
        if (changelog.problem() != null) {
            // nothing silent: a changelog Liquibase cannot read is shown, at its first line, with the reason
            out.add(problem(changelog.master(), changelog.problem(), context));
            return out;
        }
        for (LiquibaseChangeSet changeSet : changelog.changeSets()) {
            if (!changeSet.forDialect()) {
                continue;
            }
            String version = changeSet.id() + "::" + changeSet.author();
            String content = context.files().read(changeSet.path()).orElse("");
            if (changeSet.path().toLowerCase(Locale.ROOT).endsWith(".sql")) {
                out.add(formattedSqlChangeSet(changeSet, version, content, context));
                continue;
            }
            List<Operation> operations = new ArrayList<>();
            for (LiquibaseOperation op : changeSet.operations()) {
                if (!op.path().equals(changeSet.path())) {
                    flush(out, changeSet, version, content, operations);
                    operations = new ArrayList<>();
                    out.add(sqlFileScript(op, changeSet, version, context));
                    continue;
                }
                operations.add(operation(op, changeSet));
            }
            flush(out, changeSet, version, content, operations);
        }
        return out;
    }

    private MigrationScript problem(String path, String problem, FormatContext context) throws IOException {
        String content = context.files().read(path).orElse("");
        return MigrationScript.ofOperations(path, tool(), null, content, List.of(new Operation(
                new SourceSpan(1, 1, 1, 1), "Liquibase changelog " + path, List.of(), true, problem)));
    }

    private void flush(List<MigrationScript> out, LiquibaseChangeSet changeSet, String version, String content,
            List<Operation> operations) {
        if (!operations.isEmpty()) {
            out.add(MigrationScript.ofOperations(changeSet.path(), tool(), version, content, operations));
        }
    }

    private static Operation operation(LiquibaseOperation op, LiquibaseChangeSet changeSet) {
        SourceSpan span = new SourceSpan(op.startLine(), 1, Math.max(op.startLine(), op.endLine()), 1);
        List<String> sql = op.statements().stream().map(TranslatedSql::sql).toList();
        return new Operation(span, written(op, changeSet), sql, changeSet.runInTransaction(), op.notAnalysed());
    }

    /** The change as written, and where it runs when that is not everywhere. */
    static String written(LiquibaseOperation op, LiquibaseChangeSet changeSet) {
        List<String> where = new ArrayList<>();
        if (!op.context().isEmpty()) {
            where.add(op.context());
        }
        if (!changeSet.preconditions().isEmpty()) {
            where.add("preconditions " + String.join(", ", changeSet.preconditions()));
        }
        return op.operation() + (where.isEmpty() ? "" : "  [" + String.join("; ", where) + "]");
    }

    /** A {@code sqlFile}: the SQL file itself, applied whole, in the changeSet's transaction. */
    private static MigrationScript sqlFileScript(LiquibaseOperation op, LiquibaseChangeSet changeSet, String version,
            FormatContext context) throws IOException {
        String content = context.files().read(op.path()).orElse("");
        int lines = (int) content.chars().filter(c -> c == '\n').count() + 1;
        return new MigrationScript(op.path(), MigrationTool.LIQUIBASE, version, content,
                List.of(new Section(1, lines, changeSet.runInTransaction())));
    }

    /** A changeSet of a formatted SQL changelog: its applied lines, as the formatted SQL reader marks them. */
    private MigrationScript formattedSqlChangeSet(LiquibaseChangeSet changeSet, String version, String content,
            FormatContext context) {
        MigrationScript whole = formattedSql.script(changeSet.path(), content, context);
        List<Section> mine = new ArrayList<>();
        for (Section s : whole.sections()) {
            int first = Math.max(s.firstLine(), changeSet.startLine());
            int last = Math.min(s.lastLine(), changeSet.endLine());
            if (first <= last) {
                mine.add(new Section(first, last, s.transactional()));
            }
        }
        return new MigrationScript(changeSet.path(), MigrationTool.LIQUIBASE, version, content, mine);
    }

    private static boolean isChangelogFile(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xml") || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")
                || lower.endsWith(".sql");
    }

    /** Changelogs live near their master, or in a {@code changelog}/{@code liquibase}/{@code db} directory. */
    private static boolean mayBeChangelog(String path, List<String> masters) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".sql")) {
            return false;
        }
        if (lower.contains("changelog") || lower.contains("liquibase") || lower.contains("/db/") || lower.startsWith("db/")) {
            return true;
        }
        for (String master : masters) {
            String dir = master.contains("/") ? master.substring(0, master.lastIndexOf('/') + 1) : "";
            if (path.startsWith(dir)) {
                return true;
            }
        }
        return false;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
