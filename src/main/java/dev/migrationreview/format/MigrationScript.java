package dev.migrationreview.format;

import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.StatementParser;
import dev.migrationreview.sql.statement.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One migration file, read by its format: its path, the tool it belongs to, its place in the order, and
 * what it applies. A SQL format gives the applied line ranges ({@code sections}), which the dialect's splitter
 * cuts into statements; a format that is not SQL gives {@code operations}, each with the SQL it translates to.
 *
 * @param path       repository-relative, with {@code /}
 * @param version    the tool's ordering key as written ({@code 1.10}, {@code 20240101120000}), or null
 * @param text       the whole file as committed ({@link #content()}), read when first asked for if the format
 *                   deferred it (a history file: {@link ScriptText})
 * @param sections   the applied parts of a SQL file; lines outside every section (down/undo parts, tool headers)
 *                   are never applied to the schema
 * @param operations for a format that is not SQL, what the file applies, in order; null for a SQL file
 * @param connection the session settings the tool's connection has before the file's first statement (Rails'
 *                   {@code variables:}), in order; empty for most tools
 */
public record MigrationScript(String path, MigrationTool tool, String version, ScriptText text, List<Section> sections,
        List<Operation> operations, List<ConnectionSetting> connection) {
    public MigrationScript {
        java.util.Objects.requireNonNull(text, "text");
        sections = List.copyOf(sections);
        operations = operations == null ? null : List.copyOf(operations);
        connection = List.copyOf(connection);
    }

    /** A file whose tool's connection sets nothing before it runs. */
    public MigrationScript(String path, MigrationTool tool, String version, ScriptText text, List<Section> sections,
            List<Operation> operations) {
        this(path, tool, version, text, sections, operations, List.of());
    }

    /** A file read as it is. */
    public MigrationScript(String path, MigrationTool tool, String version, String content, List<Section> sections,
            List<Operation> operations) {
        this(path, tool, version, ScriptText.of(content), sections, operations);
    }

    /** A SQL file: its applied sections are SQL in the dialect. */
    public MigrationScript(String path, MigrationTool tool, String version, String content, List<Section> sections) {
        this(path, tool, version, content, sections, null);
    }

    /**
     * A SQL file whose text is read when first asked for: its sections are known without it (a whole file: see
     * {@link Section#wholeFile}).
     */
    public MigrationScript(String path, MigrationTool tool, String version, ScriptText text, List<Section> sections) {
        this(path, tool, version, text, sections, null);
    }

    /** The whole file as committed (read now, if its format deferred reading it). */
    public String content() {
        return text.get();
    }

    /** A file of a format that is not SQL, read into operations. */
    public static MigrationScript ofOperations(String path, MigrationTool tool, String version, String content,
            List<Operation> operations) {
        return new MigrationScript(path, tool, version, content, List.of(), operations);
    }

    /**
     * @param firstLine/lastLine 1-based inclusive
     * @param transactional      whether it runs inside a transaction
     * @param oneQueryString     transactional only because the tool sends it as one query string holding several
     *                           statements (PostgreSQL's implicit transaction), not because the tool opens one: a
     *                           BEGIN/COMMIT in it then nests nothing
     */
    public record Section(int firstLine, int lastLine, boolean transactional, boolean oneQueryString) {
        /** The last line of a section that runs to the end of a file whose lines are not counted yet. */
        public static final int END_OF_FILE = Integer.MAX_VALUE;

        /** A section the tool itself runs in a transaction, or not at all in one. */
        public Section(int firstLine, int lastLine, boolean transactional) {
            this(firstLine, lastLine, transactional, false);
        }

        /** Every line of a file, however many it has: for a file whose text is not read yet. */
        public static Section wholeFile(boolean transactional) {
            return new Section(1, END_OF_FILE, transactional);
        }
    }

    /** Whether the file is SQL (split by the dialect) rather than operations translated to SQL. */
    public boolean isSql() {
        return operations == null;
    }

    /**
     * The statements the file applies, in order, each at its span in the file: for SQL, as the dialect's parser
     * splits the applied text; for operations, each translated statement at its operation's span.
     */
    public List<ParsedStatement> statements(StatementParser parser) {
        return statements(parser, Integer.MAX_VALUE);
    }

    /** As {@link #statements(StatementParser)}, stopping after {@code limit} statements (a review limit). */
    public List<ParsedStatement> statements(StatementParser parser, int limit) {
        if (isSql()) {
            return parser.parse(appliedText(), limit);
        }
        List<ParsedStatement> out = new ArrayList<>();
        for (Operation op : operations) {
            if (out.size() >= limit) {
                break;
            }
            if (op.sql().isEmpty()) {
                // nothing silent: an operation the format cannot translate is shown, not understood, at its span;
                // one the tool refuses to run at all is shown as such
                RawStatement raw = new RawStatement(out.size(), op.written(), op.span(), List.of(), false);
                out.add(new ParsedStatement(raw, op.refused() ? "REFUSED" : "OPERATION", new Statement.Unrecognised(op.untranslated() != null ? op.untranslated() : "not translated to SQL"),
                        ParsedStatement.Recogniser.NONE, null));
                continue;
            }
            for (String statement : op.sql()) {
                for (ParsedStatement p : parser.parse(statement)) {
                    RawStatement raw = new RawStatement(out.size(), p.raw().sql(), op.span(), p.raw().leadingComments(), false,
                            p.raw().unterminated());
                    out.add(new ParsedStatement(raw, p.kind(), p.statement(), p.source(), p.parseError()));
                }
            }
        }
        return out;
    }

    /** The operation as written that the statement on {@code line} comes from; null for a SQL file. */
    public String operationAt(int line) {
        if (isSql()) {
            return null;
        }
        for (Operation op : operations) {
            if (line >= op.span().startLine() && line <= op.span().endLine()) {
                return op.written();
            }
        }
        return null;
    }

    /**
     * The text to split: the file with every line outside the applied sections blanked, so statement
     * spans keep the file's own line numbers. For operations, the SQL they translate to, one statement a line.
     */
    public String appliedText() {
        if (!isSql()) {
            StringBuilder out = new StringBuilder();
            for (Operation op : operations) {
                for (String sql : op.sql()) {
                    out.append(sql).append(";\n");
                }
            }
            return out.toString();
        }
        String content = content();
        if (sections.size() == 1 && sections.get(0).firstLine() == 1 && sections.get(0).lastLine() == Section.END_OF_FILE) {
            return content;
        }
        String[] lines = content.split("\n", -1);
        StringBuilder out = new StringBuilder(content.length());
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            boolean applied = sections.stream().anyMatch(s -> lineNo >= s.firstLine() && lineNo <= s.lastLine());
            if (applied) {
                out.append(lines[i]);
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The author's acknowledgement, in the format's language, covering the statement on {@code line}
     * (strong_migrations' {@code safety_assured}), or null: its findings are listed in the notes, not reported.
     */
    public String acknowledgedAt(int line) {
        if (isSql()) {
            return null;
        }
        for (Operation op : operations) {
            if (line >= op.span().startLine() && line <= op.span().endLine()) {
                return op.acknowledged();
            }
        }
        return null;
    }

    /** Whether the statement on {@code line} runs inside the tool's transaction. */
    public boolean transactionalAt(int line) {
        if (!isSql()) {
            return operations.stream().filter(op -> line >= op.span().startLine() && line <= op.span().endLine())
                    .findFirst().map(Operation::transactional).orElse(false);
        }
        return sections.stream().filter(s -> line >= s.firstLine() && line <= s.lastLine())
                .findFirst().map(Section::transactional).orElse(false);
    }

    /**
     * Whether the tool itself opens a transaction around the statement on {@code line} (rather than PostgreSQL's
     * implicit one for a query string of several statements).
     */
    public boolean toolTransactionAt(int line) {
        if (!isSql()) {
            return transactionalAt(line);
        }
        return sections.stream().filter(s -> line >= s.firstLine() && line <= s.lastLine())
                .findFirst().map(s -> s.transactional() && !s.oneQueryString()).orElse(false);
    }

    /** The same file with every section's transaction mode replaced: what config's {@code transaction:} says. */
    public MigrationScript withTransaction(boolean transactional) {
        if (!isSql()) {
            return this;
        }
        return new MigrationScript(path, tool, version, text,
                sections.stream().map(s -> new Section(s.firstLine(), s.lastLine(), transactional)).toList(), null, connection);
    }

    /** The same file, run by a connection that has {@code settings} before its first statement. */
    public MigrationScript withConnection(List<ConnectionSetting> settings) {
        return new MigrationScript(path, tool, version, text, sections, operations, settings);
    }

    /** Whether every applied part runs in a transaction (the report's per-file {@code transactional}). */
    public boolean transactional() {
        if (!isSql()) {
            return !operations.isEmpty() && operations.stream().allMatch(Operation::transactional);
        }
        return !sections.isEmpty() && sections.stream().allMatch(Section::transactional);
    }
}
