package dev.migrationreview.schema;

import dev.migrationreview.dialect.DatabaseDialect;
import dev.migrationreview.dialect.InstalledDialects;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.ScriptText;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.StatementParser;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds the schema a change meets by replaying the history before it, statement by statement,
 * with the semantics of the review's dialect (see {@link StatementApplier}): each dialect's files are read by
 * its own parser and named by its own rules. A pg_dump-style schema file is just one more script of the
 * history. Statements it does not model are listed as {@code path:line: reason}.
 */
@Singleton
public class HistoryReplay implements SchemaReplay {
    private final Map<Dialect, StatementParser> parsers = new EnumMap<>(Dialect.class);
    private final Map<Dialect, StatementApplier> appliers = new EnumMap<>(Dialect.class);
    private final Optional<ReplayCache> cache;

    /** A replay without a cache that outlives the process. */
    public HistoryReplay(List<StatementParser> parsers) {
        this(parsers, Optional.empty());
    }

    /** @param cache where replayed histories outlive the process (the command line's, on disk); the server has none */
    @Inject
    public HistoryReplay(List<StatementParser> parsers, Optional<ReplayCache> cache) {
        this.cache = cache;
        for (StatementParser parser : parsers) {
            this.parsers.putIfAbsent(parser.dialect(), parser);
        }
        for (DatabaseDialect dialect : InstalledDialects.all()) {
            appliers.put(dialect.id(), new StatementApplier(dialect.names()));
        }
    }

    /** A replay with one dialect's parser. */
    public HistoryReplay(StatementParser parser) {
        this(List.of(parser));
    }

    @Override
    public Step apply(Dialect dialect, Schema before, ParsedStatement statement) {
        return applier(dialect).apply(before, statement);
    }

    @Override
    public Result replay(Dialect dialect, Schema start, List<MigrationScript> history, long fileBytes) {
        // only a replay from an empty database is named by its files alone (compared by identity: a record's
        // equals costs the command line a round of method-handle set-up it otherwise never needs)
        Optional<String> key = cache.isPresent() && !history.isEmpty() && start == Schema.EMPTY
                ? Optional.of(historyKey(cache.get().secret(), dialect, history, fileBytes)) : Optional.empty();
        if (key.isPresent()) {
            Optional<Result> cached = cache.get().load(key.get());
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Replayed replayed = replayed(dialect, start, history, fileBytes);
        if (replayed.repeatable()) {
            key.ifPresent(k -> cache.get().store(k, replayed.result()));
        }
        return replayed.result();
    }

    /**
     * What names a replay from an empty database: the dialect, the size limit, and each script's path (the notes
     * carry it) and what it applies — a SQL file's applied sections and its text, or the id of its bytes where they
     * come from git (a file not read yet stays unread: the cache answers without it), another format's operations
     * with their spans and SQL. Not the engine's build: a {@link ReplayCache} adds that.
     *
     * <p>A keyed hash (SipHash-2-4, 128 bits) with the cache's own random {@code secret}: a chance collision among the
     * 32 entries a cache keeps is below 2^-118, a collision on purpose needs the secret (owner-only, like every entry),
     * and it costs about a third of SHA-256 in a run with the C1 compiler only. A blob id is git's own name for the
     * bytes (SHA-1 with collision detection, or SHA-256): git itself trusts it to tell files apart.
     *
     * @param secret 16 bytes, {@link ReplayCache#secret}
     */
    public static String historyKey(byte[] secret, Dialect dialect, List<MigrationScript> history, long fileBytes) {
        SipHash hash = new SipHash(secret);
        field(hash, "history-replay 3");
        field(hash, dialect.configName());
        field(hash, Long.toString(fileBytes));
        StringBuilder sections = new StringBuilder();
        for (MigrationScript script : history) {
            field(hash, script.path());
            if (script.isSql()) {
                // the applied lines are what the sections say of the text (MigrationScript.appliedText)
                sections.setLength(0);
                sections.append("sql");
                for (MigrationScript.Section section : script.sections()) {
                    sections.append(' ').append(section.firstLine()).append('-').append(section.lastLine());
                }
                field(hash, sections.toString());
                Optional<String> blob = script.text().contentId();
                if (blob.isPresent()) {
                    field(hash, "blob");
                    field(hash, blob.get());
                } else {
                    field(hash, "text");
                    field(hash, script.content());
                }
            } else {
                // records all the way down, so their text is every field
                field(hash, "operations " + script.operations());
            }
        }
        return hash.hex();
    }

    /** Length first, so that no two histories run together into the same bytes. */
    private static void field(SipHash hash, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        hash.updateInt(bytes.length);
        hash.update(bytes);
    }

    /**
     * @param repeatable whether the same files would replay the same here again, and say the same of themselves when
     *                   not replayed: every file parsed as it always will (see {@link StatementParser#repeatable}), and
     *                   every file named by its blob id read as UTF-8 (a file that is not says so in the review's notes
     *                   when it is read, which a cached replay does not do)
     */
    private record Replayed(Result result, boolean repeatable) {}

    private Replayed replayed(Dialect dialect, Schema start, List<MigrationScript> history, long fileBytes) {
        StatementParser parser = parsers.get(dialect);
        if (parser == null) {
            throw new IllegalArgumentException("no " + dialect.configName() + " parser to replay the history with");
        }
        StatementApplier applier = applier(dialect);
        // one mutable draft for the whole history: copying the schema once per statement would make
        // a long history quadratic
        SchemaDraft draft = SchemaDraft.of(start, InstalledDialects.require(dialect).names());
        List<String> unmodelled = new ArrayList<>();
        List<TooLarge> tooLarge = new ArrayList<>();
        boolean repeatable = true;
        for (MigrationScript script : history) {
            String content = script.content();
            if (!ScriptText.withinBytes(content, fileBytes)) {
                tooLarge.add(new TooLarge(script.path(), ScriptText.utf8Bytes(content)));
                continue;
            }
            // the replacement character is what a byte that is not UTF-8 was read as (fetch.Utf8Source)
            repeatable &= script.text().contentId().isEmpty() || content.indexOf('\uFFFD') < 0;
            // every file runs in a session of its own: search_path and temporary tables do not carry over
            draft.defaultSchema = start.defaultSchema();
            List<QualifiedName> temporary = new ArrayList<>();
            List<ParsedStatement> statements = script.statements(parser);
            repeatable &= parser.repeatable(statements);
            for (ParsedStatement statement : statements) {
                String reason = applier.applyTo(draft, statement);
                if (reason != null) {
                    unmodelled.add(script.path() + ":" + line(statement) + ": " + reason);
                }
                if (statement.statement() instanceof Statement.CreateTable ct && ct.temporary()) {
                    temporary.add(draft.resolve(ct.table()));
                }
            }
            for (QualifiedName t : temporary) {
                if (draft.tables.containsKey(t)) {
                    applier.dropTable(draft, t, true);
                }
            }
        }
        draft.defaultSchema = start.defaultSchema();
        return new Replayed(new Result(draft.freeze(), unmodelled, tooLarge), repeatable);
    }

    private StatementApplier applier(Dialect dialect) {
        StatementApplier applier = appliers.get(dialect);
        if (applier == null) {
            throw new IllegalArgumentException(InstalledDialects.require(dialect).id().configName() + " has no schema rules");
        }
        return applier;
    }

    private static int line(ParsedStatement statement) {
        return statement.raw() == null ? 0 : statement.span().startLine();
    }
}
