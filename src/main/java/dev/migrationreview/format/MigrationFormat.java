package dev.migrationreview.format;

import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.util.List;

/**
 * One way of writing migrations: a runner's SQL layout (Flyway, goose, golang-migrate, ...) or a language
 * that is not SQL (Liquibase changelogs, Rails, Django). A format is one class in
 * {@code dev.migrationreview.format.<name>}, listed in
 * {@code META-INF/services/dev.migrationreview.format.MigrationFormat}; nothing else names it. It answers
 * five questions, and knows nothing about locks or the database's behaviour:
 *
 * <ol>
 * <li><b>Which paths it claims</b> ({@link #claim}): during detection, the finder offers each format, in
 *     {@link #precedence()} order, the candidate paths no earlier format claimed; the format returns the ones
 *     that follow its conventions, each with the root of its location (the directory the tool is pointed at).
 *     In a configured location ({@code migrations: [{path, tool}]}) the format named by {@code tool} gets every
 *     file {@link #holds} accepts.</li>
 * <li><b>How it orders files</b> ({@link #scripts}): the scripts of one location, in the order the tool
 *     applies them.</li>
 * <li><b>How it reads a file into operations with exact spans</b>: a SQL format returns
 *     {@link MigrationScript#sql sql scripts}: the applied line ranges of the file, which the dialect's splitter
 *     cuts into statements (each statement is an operation, spans are the file's own lines). A format that is
 *     not SQL returns {@link MigrationScript#operations operation scripts}: each {@link Operation} is what the
 *     author wrote (a Liquibase change element, a Rails call), its span in the file, its text trimmed to one
 *     line, and the SQL statements it translates to for the configured dialect; the engine reviews those
 *     statements at the operation's span, and the report shows the operation next to them.</li>
 * <li><b>Whether and how each runs in a transaction</b>: per section or per operation
 *     ({@code transactional}), as the tool really runs it (use {@link FormatContext#runsAsOneTransaction} for
 *     a tool that sends a section as one query string).</li>
 * <li><b>How a fix is written in its own language</b> ({@link #runOutsideTransaction}, {@link #writeSql}):
 *     rules write SQL; a format that is not SQL wraps it the way its authors would write it.</li>
 * </ol>
 *
 * Implementations are stateless, with a public no-argument constructor.
 */
public interface MigrationFormat {

    /** Its name in config and in the report. */
    MigrationTool tool();

    /**
     * Where two formats could claim the same file, the lower value claims first: formats recognised by file
     * name (100) come before those recognised by markers in the content (200), the most specific first.
     */
    int precedence();

    /**
     * Detection: the paths among {@code candidates} this format claims, each with its location root.
     * {@code candidates} exclude ignored paths, files for another database and paths claimed earlier.
     */
    List<Claim> claim(List<String> candidates, FormatContext context) throws IOException;

    /**
     * Where this tool's own files say which database the repository's migrations run on (Prisma's
     * {@code migration_lock.toml} {@code provider}, Liquibase {@code dbms}, Rails {@code config/database.yml}
     * {@code adapter}, Django {@code ENGINE}), read from {@code context.files()}. Asked only when config names no
     * dialect; formats are asked in {@link #precedence()} order and the first evidence wins. Only dialects this
     * engine knows count ({@link Dialect#fromConfigName}); a database it does not review is no evidence.
     */
    default java.util.Optional<DialectEvidence> detectDialect(FormatContext context) throws IOException {
        return java.util.Optional.empty();
    }

    /** In a configured location of this tool without a glob: whether {@code path} is one of its files. */
    default boolean holds(String path) {
        return path.endsWith(".sql");
    }

    /** The scripts of one location, in the tool's order; {@code paths} are the location's files. */
    List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException;

    /**
     * A lone file (the CLI's {@code analyze FILE}): how sure this format is that the file is one of its own.
     * The finder reads it with the format that recognises it best (markers beat names), else as plain SQL.
     */
    Recognition recognise(String path, String content);

    /** Reads a lone file as this format's. */
    MigrationScript script(String path, String content, FormatContext context);

    /** One sentence for a fix: how this tool runs one migration (or change) outside a transaction. */
    String runOutsideTransaction();

    /** The replacement for a statement, written in this format ({@code sql} for a SQL format). */
    default String writeSql(String sql) {
        return sql;
    }

    /**
     * A rule's fix and suggestion, which rules write in SQL, for a statement of an operation of this format,
     * written the way this format's authors write it. The default keeps the fix and passes the suggestion
     * through {@link #writeSql}.
     *
     * @param rule      the finding's rule id
     * @param sql       the statement the finding is on, as the operation translates to it
     * @param operation the operation it comes from
     * @param script    the file (its {@code content} is the source the operation's span points into)
     */
    default Fix fix(String rule, String fix, String suggestion, String sql, Operation operation, MigrationScript script) {
        return new Fix(fix, suggestion == null ? null : writeSql(suggestion));
    }

    /** A fix in a format's own language: the "Instead:" text and an exact replacement for the span, or null. */
    record Fix(String fix, String suggestion) {}

    /**
     * What the tool does when a migration it has already applied is edited afterwards (the
     * {@code edited-applied-migration} finding says it in the tool's terms).
     */
    default AppliedEdit appliedEdit() {
        return new AppliedEdit(false, "A runner that records applied files will not run it again.", "");
    }

    /**
     * @param stopsTheDeploy the tool validates applied migrations (a checksum) and refuses to migrate once one changed
     * @param behaviour      one or two sentences: what the tool does with the edited file where it already ran
     * @param remedy         how this tool's users keep the edit if they must (empty when there is nothing but a new
     *                       migration)
     */
    record AppliedEdit(boolean stopsTheDeploy, String behaviour, String remedy) {}

    /**
     * The dump of the schema a tool keeps beside a location's migrations (Rails' {@code db/schema.rb} or
     * {@code db/structure.sql}), read at the commit being searched: the schema after the migrations it records,
     * which the review replays instead of them. Empty (the default): the location's history is its migrations.
     *
     * @param root  the location's root, as {@link #claim} or a configured location gave it
     * @param paths the location's files
     */
    default java.util.Optional<SchemaDump> schemaDump(String root, List<String> paths, FormatContext context) throws IOException {
        return java.util.Optional.empty();
    }

    /**
     * A schema dump and what it stands for.
     *
     * @param script  the dump, read as a script of this format (SQL, or operations translated to SQL)
     * @param covered the location's migration files whose effect the dump already holds: they are not replayed
     *                after it (a migration newer than the dump is)
     */
    record SchemaDump(MigrationScript script, java.util.Set<String> covered) {
        public SchemaDump {
            covered = java.util.Set.copyOf(covered);
        }
    }

    /** A claimed path and the root of the location it belongs to. */
    record Claim(String path, String root) {}

    enum Recognition {
        NONE,
        /** The file name follows the tool's convention. */
        NAME,
        /** The content carries the tool's own markers ({@code -- +goose Up}). */
        MARKERS
    }
}
