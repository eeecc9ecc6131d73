package dev.migrationreview.format.liquibase;

import dev.migrationreview.format.liquibase.ChangelogSource.ChangeSetLines;
import dev.migrationreview.format.liquibase.ChangelogSource.ElementLines;
import dev.migrationreview.format.liquibase.LiquibaseOperation.TranslatedSql;
import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.ChecksumVersion;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.change.CheckSum;
import liquibase.change.DbmsTargetedChange;
import liquibase.change.core.ExecuteShellCommandChange;
import liquibase.change.core.OutputChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.SQLFileChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.DatabaseList;
import liquibase.database.OfflineConnection;
import liquibase.exception.LiquibaseException;
import liquibase.exception.ValidationErrors;
import liquibase.logging.core.NoOpLogService;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.precondition.Precondition;
import liquibase.precondition.PreconditionLogic;
import liquibase.sql.Sql;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.ui.LoggerUIService;

/**
 * Reads a master changelog with Liquibase's own parsers (XML, YAML, JSON, formatted SQL; {@code include},
 * {@code includeAll}, properties) and renders each change with Liquibase's SQL generators for the configured
 * database through an offline connection: the SQL is what {@code liquibase update-sql} would print. No
 * database, no network, no lock table, no file written; Liquibase's logging and console output are silenced.
 */
final class ChangelogReader {
    /**
     * Liquibase's global set-up, done by the first changelog read rather than when the format is installed: it
     * starts Liquibase's root {@code Scope} (its logging, locale data and some 60 classes), which every command
     * paid before, even one that reads no changelog. The JVM initialises this class once, under its lock, so
     * reviews in parallel (the App) all see it done.
     */
    private static final class LiquibaseStarted {
        /** Liquibase logs through java.util.logging before any scope of ours exists; keep a reference so the level sticks. */
        private static final Logger LIQUIBASE_JUL = Logger.getLogger("liquibase");

        static {
            LIQUIBASE_JUL.setLevel(Level.OFF);
            // the application's customChange classes are not on our classpath: read them without loading
            ChangeFactory.getInstance().register(new UnloadedCustomChange());
        }

        private LiquibaseStarted() {}

        static void ensure() {
            // initialising the class is the whole work
        }
    }

    LiquibaseChangelog read(RepositoryFiles files, String masterPath, Dialect dialect, String databaseVersion) {
        LiquibaseStarted.ensure();
        List<String> paths;
        try {
            paths = files.paths();
        } catch (IOException e) {
            return new LiquibaseChangelog(masterPath, List.of(), masterPath + ": the repository's files could not be listed ("
                    + plain(e) + ").");
        }
        RepositoryResourceAccessor accessor = new RepositoryResourceAccessor(files, searchRoots(masterPath, paths));
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), accessor);
        scope.put(Scope.Attr.logService.name(), new NoOpLogService());
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put("liquibase.analytics.enabled", false);
        scope.put(GlobalConfiguration.VALIDATE_XML_CHANGELOG_FILES.getKey(), false);
        scope.put(GlobalConfiguration.SECURE_PARSING.getKey(), true);
        try {
            return Scope.child(scope, () -> readInScope(accessor, masterPath, dialect, databaseVersion));
        } catch (Exception | LinkageError e) {
            return new LiquibaseChangelog(masterPath, List.of(), masterPath + ": Liquibase could not read this changelog ("
                    + plain(e) + ").");
        }
    }

    /**
     * Where Liquibase would look for a changelog path: the classpath root the master lives in (a Maven/Gradle
     * {@code src/main/resources}), then every other module's {@code src/main/resources} (a multi-module
     * application has them all on its classpath), then the repository root (the Liquibase CLI's search path).
     */
    static List<String> searchRoots(String masterPath, List<String> paths) {
        String marker = "src/main/resources/";
        List<String> roots = new ArrayList<>();
        int at = masterPath.indexOf(marker);
        if (at >= 0) {
            roots.add(masterPath.substring(0, at + marker.length() - 1));
        }
        java.util.TreeSet<String> modules = new java.util.TreeSet<>();
        for (String p : paths) {
            int i = p.indexOf(marker);
            if (i >= 0) {
                modules.add(p.substring(0, i + marker.length() - 1));
            }
        }
        roots.addAll(modules);
        roots.add("");
        return roots;
    }

    private LiquibaseChangelog readInScope(RepositoryResourceAccessor accessor, String masterPath, Dialect dialect,
            String databaseVersion) throws LiquibaseException, IOException {
        Database database = offlineDatabase(accessor, dialect, databaseVersion);
        String logicalMaster = accessor.liquibasePath(masterPath);
        ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(logicalMaster, accessor);
        DatabaseChangeLog changelog;
        try {
            changelog = parser.parse(logicalMaster, new ChangeLogParameters(database), accessor);
        } catch (LiquibaseException | RuntimeException e) {
            return new LiquibaseChangelog(masterPath, List.of(), masterPath + ": Liquibase could not read the changelog: "
                    + plain(e));
        }
        Map<String, ChangelogSource> sources = new HashMap<>();
        List<LiquibaseChangeSet> out = new ArrayList<>();
        for (ChangeSet changeSet : changelog.getChangeSets()) {
            String physical = changeSet.getChangeLog() == null ? changeSet.getFilePath() : changeSet.getChangeLog().getPhysicalFilePath();
            String path = accessor.repositoryPath(physical).orElse(RepositoryResourceAccessor.normalize(physical));
            ChangelogSource source = sources.computeIfAbsent(path, p -> ChangelogSource.of(p, readQuietly(accessor, p)));
            out.add(changeSet(changeSet, path, source, database, accessor));
        }
        return new LiquibaseChangelog(masterPath, out, null);
    }

    private static Database offlineDatabase(RepositoryResourceAccessor accessor, Dialect dialect, String version) {
        Database database = DatabaseFactory.getInstance().getDatabase(dialect.configName());
        String v = version == null || version.isBlank() ? "" : "?version=" + version;
        database.setConnection(new OfflineConnection("offline:" + dialect.configName() + v, accessor));
        database.setOutputDefaultSchema(false);
        return database;
    }

    private LiquibaseChangeSet changeSet(ChangeSet changeSet, String path, ChangelogSource source, Database database,
            RepositoryResourceAccessor accessor) {
        ChangeSetLines lines = source.take(changeSet.getId(), changeSet.getAuthor());
        boolean forDialect = changeSet.getDbmsSet() == null || changeSet.getDbmsSet().isEmpty()
                || DatabaseList.definitionMatches(changeSet.getDbmsSet(), database, true);
        String contexts = describe(changeSet.getContextFilter() == null ? "" : changeSet.getContextFilter().toString(),
                changeSet.getInheritableContextFilter());
        String labels = describe(changeSet.getLabels() == null ? "" : changeSet.getLabels().toString(),
                changeSet.getInheritableLabels());
        String where = whereItRuns(contexts, labels);
        List<LiquibaseOperation> operations = new ArrayList<>();
        int otherDatabase = 0;
        if (forDialect) {
            List<Change> changes = changeSet.getChanges();
            List<ElementLines> elements = lines == null ? List.of() : lines.changes();
            for (int i = 0; i < changes.size(); i++) {
                Change change = changes.get(i);
                ElementLines element = elements.size() == changes.size() ? elements.get(i) : null;
                int start = element != null ? element.startLine() : lines != null ? lines.startLine() : 1;
                int end = element != null ? element.endLine() : lines != null ? lines.endLine() : 1;
                Optional<LiquibaseOperation> op = translate(change, changeSet, path, start, end, source, database, accessor, where);
                if (op.isPresent()) {
                    operations.add(op.get());
                } else {
                    otherDatabase++;
                }
            }
        }
        boolean anyCheckSum = changeSet.getValidCheckSums().stream().anyMatch(c -> "ANY".equalsIgnoreCase(c.toString()));
        return new LiquibaseChangeSet(path, changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor(),
                lines == null ? 0 : lines.startLine(), lines == null ? 0 : lines.endLine(), changeSet.isRunInTransaction(),
                forDialect, contexts, labels, preconditions(changeSet), changeSet.isRunOnChange() || changeSet.isAlwaysRun(),
                anyCheckSum, checkSum(changeSet), operations, otherDatabase);
    }

    private Optional<LiquibaseOperation> translate(Change change, ChangeSet changeSet, String path, int start, int end,
            ChangelogSource source, Database database, RepositoryResourceAccessor accessor, String where) {
        String name = changeName(change);
        String written = source.oneLine(start, Math.min(end, start + 3));
        if (change instanceof DbmsTargetedChange targeted && targeted.getDbms() != null && !targeted.getDbms().isBlank()
                && !DatabaseList.definitionMatches(targeted.getDbms(), database, true)) {
            // Liquibase skips a change whose own dbms excludes the database, as it skips such a changeSet
            return Optional.empty();
        }
        try {
            if (change instanceof UnloadedCustomChange custom) {
                return notAnalysed(name, path, start, end, written, where, "it runs the Java class " + custom.getClassName()
                        + ", whose database work migration-review cannot see");
            }
            if (change instanceof CustomChangeWrapper custom) {
                return notAnalysed(name, path, start, end, written, where, "it runs the Java class " + custom.getClassName()
                        + ", whose database work migration-review cannot see");
            }
            if (change instanceof ExecuteShellCommandChange command) {
                return notAnalysed(name, path, start, end, written, where, "it runs the program " + command.getExecutable()
                        + " on the machine that runs Liquibase, whose database work migration-review cannot see");
            }
            if (change instanceof OutputChange) {
                return notAnalysed(name, path, start, end, written, where, "it only prints a message; it sends no SQL");
            }
            if (change instanceof SQLFileChange file) {
                return Optional.of(sqlFile(file, changeSet, path, start, end, written, accessor, where));
            }
            if (change instanceof RawSQLChange raw) {
                String sql = raw.getSql() == null ? "" : raw.getSql();
                int line = raw.getSqlStartLine() != null ? raw.getSqlStartLine() : locateText(source, sql, start, end);
                return Optional.of(new LiquibaseOperation(name, path, start, end, written,
                        List.of(new TranslatedSql(sql, line, true)), null, where));
            }
            if (!change.supports(database)) {
                return notAnalysed(name, path, start, end, written, where, "Liquibase has no SQL for " + name + " on "
                        + database.getShortName());
            }
            ValidationErrors errors = change.validate(database);
            if (errors.hasErrors()) {
                return notAnalysed(name, path, start, end, written, where, "Liquibase refuses it for " + database.getShortName()
                        + ": " + String.join("; ", errors.getErrorMessages()));
            }
            SqlStatement[] statements = change.generateStatements(database);
            Sql[] sql = SqlGeneratorFactory.getInstance().generateSql(statements, database);
            List<TranslatedSql> out = new ArrayList<>();
            for (Sql s : sql) {
                String text = s.toSql();
                for (SqlVisitor visitor : changeSet.getSqlVisitors()) {
                    if (visitor.getApplicableDbms() == null || visitor.getApplicableDbms().isEmpty()
                            || DatabaseList.definitionMatches(visitor.getApplicableDbms(), database, true)) {
                        text = visitor.modifySql(text, database);
                    }
                }
                if (text != null && !text.isBlank()) {
                    out.add(new TranslatedSql(text, start, false));
                }
            }
            if (out.isEmpty() && change.generateStatementsVolatile(database)) {
                return notAnalysed(name, path, start, end, written, where, "Liquibase works out its SQL from the live database");
            }
            return Optional.of(new LiquibaseOperation(name, path, start, end, written, out, null, where));
        } catch (RuntimeException | IOException | LinkageError e) {
            return notAnalysed(name, path, start, end, written, where, "Liquibase could not render it for "
                    + database.getShortName() + " without a database");
        }
    }

    private LiquibaseOperation sqlFile(SQLFileChange file, ChangeSet changeSet, String path, int start, int end, String written,
            RepositoryResourceAccessor accessor, String where) throws IOException {
        String logical = file.getPath();
        if (Boolean.TRUE.equals(file.isRelativeToChangelogFile())) {
            String parent = changeSet.getFilePath().contains("/")
                    ? changeSet.getFilePath().substring(0, changeSet.getFilePath().lastIndexOf('/') + 1) : "";
            String physicalParent = changeSet.getChangeLog() != null && changeSet.getChangeLog().getPhysicalFilePath().contains("/")
                    ? changeSet.getChangeLog().getPhysicalFilePath().substring(0, changeSet.getChangeLog().getPhysicalFilePath().lastIndexOf('/') + 1)
                    : parent;
            logical = physicalParent + logical;
        }
        Optional<String> sqlPath = accessor.repositoryPath(logical);
        String sql = file.getSql();
        if (sqlPath.isEmpty() || sql == null) {
            return new LiquibaseOperation("sqlFile", path, start, end, written, List.of(), "the file " + file.getPath()
                    + " it names is not in the repository", where);
        }
        // the statements' spans are in the SQL file; the operation keeps the element's lines in the changelog
        return new LiquibaseOperation("sqlFile", sqlPath.get(), 1, Math.max(1, lineCount(accessor.read(sqlPath.get()).orElse(""))),
                written, List.of(new TranslatedSql(accessor.read(sqlPath.get()).orElse(sql), 1, true)), null, where);
    }

    private static Optional<LiquibaseOperation> notAnalysed(String name, String path, int start, int end, String written,
            String where, String reason) {
        return Optional.of(new LiquibaseOperation(name, path, start, end, written, List.of(), reason, where));
    }

    /** The line of the element where its SQL text starts, found by its first non-blank line; else the element's first line. */
    private static int locateText(ChangelogSource source, String sql, int start, int end) {
        String first = sql.strip().lines().findFirst().orElse("").strip();
        if (first.isEmpty()) {
            return start;
        }
        for (int line = start; line <= end; line++) {
            String l = source.line(line);
            if (l.contains(first)) {
                return line;
            }
        }
        return start;
    }

    private static int lineCount(String text) {
        return (int) text.chars().filter(c -> c == '\n').count() + 1;
    }

    static String changeName(Change change) {
        try {
            return change.getSerializedObjectName();
        } catch (RuntimeException e) {
            return change.getClass().getSimpleName();
        }
    }

    private static List<String> preconditions(ChangeSet changeSet) {
        List<String> out = new ArrayList<>();
        if (changeSet.getPreconditions() != null) {
            collect(changeSet.getPreconditions().getNestedPreconditions(), out);
        }
        return out;
    }

    private static void collect(List<Precondition> preconditions, List<String> out) {
        for (Precondition p : preconditions) {
            if (p instanceof PreconditionLogic logic) {
                collect(logic.getNestedPreconditions(), out);
            } else {
                out.add(p.getName());
            }
        }
    }

    private static String checkSum(ChangeSet changeSet) {
        try {
            CheckSum sum = changeSet.generateCheckSum(ChecksumVersion.latest());
            return sum == null ? "" : sum.toString();
        } catch (RuntimeException e) {
            // a changeSet Liquibase cannot checksum offline is compared by its changes' SQL instead
            return "";
        }
    }

    private static String describe(String own, Collection<?> inherited) {
        List<String> parts = new ArrayList<>();
        if (own != null && !own.isBlank() && !own.strip().equals("()")) {
            parts.add(own.strip());
        }
        if (inherited != null) {
            for (Object o : inherited) {
                String s = o == null ? "" : o.toString().strip();
                if (!s.isEmpty() && !s.equals("()") && !parts.contains(s)) {
                    parts.add(s);
                }
            }
        }
        return String.join(" and ", parts);
    }

    private static String whereItRuns(String contexts, String labels) {
        List<String> parts = new ArrayList<>();
        if (!contexts.isEmpty()) {
            parts.add("context " + contexts);
        }
        if (!labels.isEmpty()) {
            parts.add("labels " + labels);
        }
        return String.join(", ", parts);
    }

    private static String readQuietly(RepositoryResourceAccessor accessor, String path) {
        try {
            return accessor.read(path).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** An exception's message as a sentence for users: no class names, no stack, one line. */
    static String plain(Throwable e) {
        Throwable t = e;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        if (message == null) {
            return "no reason given";
        }
        String oneLine = message.replaceAll("\\s+", " ").replaceAll("\\b(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error): ?", "").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 297) + "..." : oneLine;
    }
}
