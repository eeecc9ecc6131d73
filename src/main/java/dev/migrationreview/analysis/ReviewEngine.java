package dev.migrationreview.analysis;

import dev.migrationreview.config.Risk;
import dev.migrationreview.config.ConfigException;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.dialect.DatabaseDialect;
import dev.migrationreview.dialect.InstalledDialects;
import dev.migrationreview.analysis.risk.GroupedDigits;
import dev.migrationreview.format.ConnectionSetting;
import dev.migrationreview.format.InstalledFormats;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.ScriptText;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.SchemaReplay;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.StatementParser;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine: rebuilds the schema the change meets (schema file, then history), walks every statement
 * of the changed files with the schema evolving as it goes, asks the dialect model what each statement
 * does, runs the rules, applies ignore directives and rates the risk. Pure: files in, report out.
 */
@Singleton
public class ReviewEngine {
    /** How a note about a finding the author acknowledged starts (the check run lists these apart). */
    public static final String ACKNOWLEDGED = "Acknowledged with ";


    private final List<StatementParser> parsers;
    private final SchemaReplay replay;
    private final List<DialectModel> models;
    private final List<Rule> rules;

    public ReviewEngine(List<StatementParser> parsers, SchemaReplay replay, List<DialectModel> models, List<Rule> rules) {
        this.parsers = List.copyOf(parsers);
        this.replay = replay;
        this.models = List.copyOf(models);
        // a stable order so that findings on one statement always come out the same way
        this.rules = rules.stream().sorted(Comparator.comparing(Rule::id)).toList();
    }

    /** The rules this engine runs, by id. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * @param history        the repository's migrations before the change, in the tool's order
     * @param changed        the changed migrations, in the order they will run
     * @param schemaFileText a pg_dump-style schema to start from ({@code schema-file:}), replayed before the history
     */
    public Report review(ReviewConfig config, List<MigrationScript> history, List<MigrationScript> changed,
            Optional<String> schemaFileText) {
        return review(config, history, changed, schemaFileText, Map.of());
    }

    /**
     * The same, for a change that also edits migrations that already exist at the base.
     *
     * @param history        includes the edited files as they are at the base: databases have run that version
     * @param appliedVersions the base version of each changed file that already existed there, by path. In such a
     *                        file only what the edit added or changed is the change; the statements it left as they
     *                        were are history, already replayed
     */
    public Report review(ReviewConfig config, List<MigrationScript> history, List<MigrationScript> changed,
            Optional<String> schemaFileText, Map<String, MigrationScript> appliedVersions) {
        Dialect dialect = config.dialect();
        StatementParser parser = parsers.stream().filter(p -> p.dialect() == dialect).findFirst()
                .orElseThrow(() -> new UnsupportedDialectException("dialect: " + dialect.configName() + " is not supported yet (supported: "
                        + String.join(", ", parsers.stream().map(p -> p.dialect().configName()).sorted().toList()) + ")"));
        String versionProblem = InstalledDialects.versionProblem(dialect, config.version());
        if (versionProblem != null) {
            throw new ConfigException("config", "database-version", 0, versionProblem);
        }
        Optional<DialectModel> model = models.stream().filter(m -> m.dialect() == dialect).findFirst();
        List<Rule> active = activeRules(config);
        List<String> notes = new ArrayList<>();

        List<MigrationScript> before = new ArrayList<>();
        schemaFileText.ifPresent(text -> before.add(schemaFileScript(config.schemaFile(), text)));
        before.addAll(history);
        SchemaReplay.Result replayed = replay.replay(dialect, Schema.EMPTY, before, config.limits().fileBytes());
        List<String> limitNotes = new ArrayList<>();
        for (SchemaReplay.TooLarge file : replayed.tooLarge()) {
            limitNotes.add(file.path() + ": too large to replay (" + GroupedDigits.of(file.bytes()) + " bytes, over review-limits.file-bytes "
                    + GroupedDigits.of(config.limits().fileBytes()) + "); the schema the change meets may miss what it does.");
        }

        Walk walk = new Walk(config, InstalledDialects.require(dialect), parser, model, active, replayed.schema(),
                System.nanoTime() + config.limits().reviewSeconds() * 1_000_000_000L, appliedVersions);
        List<FileReport> files = new ArrayList<>();
        for (MigrationScript script : changed) {
            files.add(walk.file(script));
        }
        Risk risk = files.stream().map(FileReport::risk).reduce(Risk.NONE, Risk::max);

        notes.add(configNote(config));
        unknownRuleNotes(config, dialect).forEach(notes::add);
        if (model.isEmpty()) {
            notes.add("No lock model for " + dialect.configName() + " yet: locks, rewrites and scans are not reported.");
        }
        notes.add(historyNote(config, history.size(), schemaFileText.isPresent(), replayed.unmodelled()));
        notes.addAll(limitNotes);
        walk.notes(notes);
        return new Report(dialect.configName(), config.version().toString(), risk, files, notes);
    }

    private List<Rule> activeRules(ReviewConfig config) {
        return rules.stream()
                .filter(r -> r.appliesTo(config.dialect()))
                .filter(r -> {
                    ReviewConfig.RuleSetting s = config.rules().get(r.id());
                    return s == null || s.enabled();
                })
                .toList();
    }

    /** {@link ScriptText#withinBytes}. */
    static boolean withinBytes(String text, long limit) {
        return ScriptText.withinBytes(text, limit);
    }

    /** {@link ScriptText#utf8Bytes}. */
    static long utf8Bytes(String text) {
        return ScriptText.utf8Bytes(text);
    }

    private static MigrationScript schemaFileScript(String path, String text) {
        int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
        return new MigrationScript(path == null ? "schema-file" : path, MigrationTool.PLAIN, null, text,
                List.of(new MigrationScript.Section(1, lines, false)));
    }

    private static String configNote(ReviewConfig c) {
        return "Config: dialect " + c.dialect().configName() + ", database version " + c.version()
                + ", deploy " + c.deploy().configName() + ", fail-on " + c.failOn().configName()
                + ", large tables above " + GroupedDigits.of(c.largeTableRows()) + " rows"
                + (c.rules().isEmpty() ? "" : ", rule settings for " + String.join(", ", new TreeSet<>(c.rules().keySet())))
                + ".";
    }

    private List<String> unknownRuleNotes(ReviewConfig config, Dialect dialect) {
        List<String> out = new ArrayList<>();
        for (String id : new TreeSet<>(config.rules().keySet())) {
            boolean known = EngineCheck.isEngineCheck(id) || rules.stream().anyMatch(r -> r.id().equals(id) && r.appliesTo(dialect));
            if (!known) {
                out.add("Config rules." + id + ": no " + dialect.configName()
                        + " rule has this id, so the setting has no effect (`migration-review rules` lists them).");
            }
        }
        return out;
    }

    private static String historyNote(ReviewConfig config, int historyFiles, boolean schemaFile, List<String> unmodelled) {
        StringBuilder sb = new StringBuilder("History: ");
        if (schemaFile) {
            sb.append("schema file ").append(config.schemaFile() == null ? "" : config.schemaFile() + " ").append("and ");
        }
        sb.append(historyFiles).append(historyFiles == 1 ? " migration file" : " migration files").append(" replayed");
        if (unmodelled.isEmpty()) {
            sb.append("; every statement modelled.");
        } else {
            sb.append("; ").append(unmodelled.size()).append(unmodelled.size() == 1 ? " statement" : " statements")
                    .append(" not modelled by the schema replay (the schema may miss what they did), first: ")
                    .append(unmodelled.get(0)).append('.');
        }
        return sb.toString();
    }

    /** One review's walk through the changed files: the evolving schema and what the change created so far. */
    private final class Walk {
        private final ReviewConfig config;
        private final DatabaseDialect dialect;
        private final StatementParser parser;
        private final Optional<DialectModel> model;
        private final List<Rule> active;
        private Schema schema;
        private final CreatedByChange createdByChange = new CreatedByChange();
        private final Set<QualifiedName> unknownSizes = new TreeSet<>(Comparator.comparing(QualifiedName::toString));
        private final Map<String, List<Integer>> notUnderstood = new LinkedHashMap<>();
        private final Map<String, List<Integer>> effectsUnknown = new LinkedHashMap<>();
        private final List<String> failures = new ArrayList<>();
        private final List<String> fileNotes = new ArrayList<>();
        /** What the tools' connections set before every migration, once each (a set: every changed file repeats it). */
        private final Set<String> connectionNotes = new LinkedHashSet<>();
        /** {@link System#nanoTime()} after which statements are no longer reviewed ({@code review-limits.review-seconds}). */
        private final long deadline;
        private boolean outOfTime;
        private final Map<String, MigrationScript> appliedVersions;

        Walk(ReviewConfig config, DatabaseDialect dialect, StatementParser parser, Optional<DialectModel> model, List<Rule> active,
                Schema start, long deadline, Map<String, MigrationScript> appliedVersions) {
            this.deadline = deadline;
            this.config = config;
            this.dialect = dialect;
            this.parser = parser;
            this.model = model;
            this.active = active;
            this.schema = start;
            this.appliedVersions = appliedVersions;
        }

        FileReport file(MigrationScript script) {
            ReviewConfig.ReviewLimits limits = config.limits();
            if (!withinBytes(script.content(), limits.fileBytes())) {
                long bytes = utf8Bytes(script.content());
                fileNotes.add(script.path() + ": too large to review (" + GroupedDigits.of(bytes) + " bytes, over review-limits.file-bytes "
                        + GroupedDigits.of(limits.fileBytes()) + "); none of it was reviewed. Review it by hand, or raise the limit.");
                return new FileReport(script.path(), script.tool().configName(), script.transactional(), Risk.NONE, List.of());
            }
            if (outOfTime) {
                fileNotes.add(script.path() + ": not reviewed: the review had run for review-limits.review-seconds ("
                        + limits.reviewSeconds() + " s) before reaching it.");
                return new FileReport(script.path(), script.tool().configName(), script.transactional(), Risk.NONE, List.of());
            }
            List<ParsedStatement> statements = script.statements(parser, limits.fileStatements() + 1);
            if (statements.size() > limits.fileStatements()) {
                statements = statements.subList(0, limits.fileStatements());
                fileNotes.add(script.path() + ": too large to review: more than " + GroupedDigits.of(limits.fileStatements())
                        + " statements (review-limits.file-statements); only the first " + GroupedDigits.of(limits.fileStatements())
                        + ", up to line " + statements.get(statements.size() - 1).span().endLine() + ", were reviewed.");
            }
            List<StatementContext.AppliedBefore> applied = appliedBefore(script, statements);
            List<IgnoreDirective> fileIgnores = IgnoreDirective.inFile(script.content());
            Set<IgnoreDirective> usedFileIgnores = new LinkedHashSet<>();
            SessionTracker session = new SessionTracker(dialect.sessionSettings(), script.connection());
            for (ConnectionSetting setting : session.fromConnection()) {
                connectionNotes.add(setting.name() + " = " + setting.value() + " from " + setting.source()
                        + ": every migration's connection starts with it, so the review counts it as set.");
            }
            EarlierStatements.Log earlier = new EarlierStatements.Log();
            List<StatementReport> reports = new ArrayList<>();
            List<Judged> judged = new ArrayList<>();

            for (int i = 0; i < statements.size(); i++) {
                ParsedStatement statement = statements.get(i);
                StatementContext.AppliedBefore before = applied.get(i);
                int line = statement.span().startLine();
                if (System.nanoTime() > deadline) {
                    outOfTime = true;
                    fileNotes.add(script.path() + ": reviewed only up to line " + (line - 1) + ": the review reached review-limits.review-seconds ("
                            + limits.reviewSeconds() + " s); the statements from line " + line + " on were not reviewed.");
                    break;
                }
                SessionState state = session.state();
                boolean inTransaction = script.transactionalAt(line) || state.explicitTransaction();
                if (before != null && before.unchanged()) {
                    // history the edit left alone: already replayed with the base version, never run again where it ran
                    List<Finding> about = new ArrayList<>();
                    StatementContext context = new StatementContext(config, script, statement, schema, createdByChange.current(),
                            earlier.view(), state, inTransaction, StatementEffects.UNKNOWN, i == statements.size() - 1, before);
                    for (Rule rule : active) {
                        if (rule.judgesUnchangedStatements()) {
                            about.addAll(check(rule, context, script, line));
                        }
                    }
                    if (!about.isEmpty()) {
                        judged.add(new Judged(context, new ArrayList<>(applySettings(about))));
                    }
                    session.after(statement, inTransaction);
                    continue;
                }
                StatementContext context = new StatementContext(config, script, statement, schema, createdByChange.current(),
                        earlier.view(), state, inTransaction, StatementEffects.UNKNOWN, i == statements.size() - 1, before);
                StatementEffects effects = effects(context);
                context = context.withEffects(effects);

                List<Finding> findings = new ArrayList<>();
                if (statement.raw().unterminated() != null) {
                    findings.add(unterminated(statement, script));
                } else if (!statement.understood()) {
                    findings.add(notUnderstood(statement));
                    notUnderstood.computeIfAbsent(script.path(), k -> new ArrayList<>()).add(line);
                } else if (!effects.modelled() && model.isPresent()) {
                    effectsUnknown.computeIfAbsent(script.path(), k -> new ArrayList<>()).add(line);
                }
                for (Rule rule : active) {
                    findings.addAll(check(rule, context, script, line));
                }
                judged.add(new Judged(context, new ArrayList<>(applySettings(findings))));
                earlier.add(new StatementContext.JudgedStatement(statement, effects, inTransaction, state));
                track(statement);
                createdByChange.advance();
                session.after(statement, inTransaction);
                advanceSchema(script, statement);
            }

            // File-level rules judge at the last statement they concern but anchor their finding to an earlier
            // one; the finding belongs to the statement its line is in, so that statement's ignore directives apply.
            rehomeByLine(judged);
            for (Judged j : judged) {
                ParsedStatement statement = j.context().statement();
                StatementEffects effects = j.context().effects();
                List<Finding> findings = inFormat(script, statement, acknowledged(script, statement,
                        applyIgnores(statement, j.findings(), fileIgnores, usedFileIgnores)));
                recordUnknownSizes(findings, effects, j.context());
                reports.add(new StatementReport(statement.raw().index(), statement.span().startLine(), statement.span().endLine(),
                        statement.raw().sql(), statement.kind(), statement.understood(), effects.locks(), effects.rewrites(),
                        effects.scans(), findings, script.operationAt(statement.span().startLine()), effects.ddl()));
            }

            reports = reportUnusedFileIgnores(script, reports, fileIgnores, usedFileIgnores);
            Risk risk = reports.stream().flatMap(r -> r.findings().stream()).map(Finding::risk).reduce(Risk.NONE, Risk::max);
            return new FileReport(script.path(), script.tool().configName(), script.transactional(), risk, reports);
        }

        private List<Finding> check(Rule rule, StatementContext context, MigrationScript script, int line) {
            try {
                return rule.check(context);
            } catch (RuntimeException e) {
                // one faulty rule must not lose the rest of the review; the note makes the gap visible
                failures.add("Rule " + rule.id() + " failed on " + script.path() + ":" + line + " (" + e + "); its verdict is missing there.");
                return List.of();
            }
        }

        /**
         * For a file that already existed at the base, how each statement relates to the applied version: a statement
         * found there as it is (same text, whitespace aside) is unchanged, each copy matched once. Null entries for a
         * file new in this change.
         */
        private List<StatementContext.AppliedBefore> appliedBefore(MigrationScript script, List<ParsedStatement> statements) {
            MigrationScript base = appliedVersions.get(script.path());
            List<StatementContext.AppliedBefore> out = new ArrayList<>();
            if (base == null) {
                statements.forEach(s -> out.add(null));
                return out;
            }
            Map<String, Integer> ran = new java.util.HashMap<>();
            for (ParsedStatement p : base.statements(parser)) {
                ran.merge(normalised(p), 1, Integer::sum);
            }
            boolean[] unchanged = new boolean[statements.size()];
            int firstChanged = -1;
            for (int i = 0; i < statements.size(); i++) {
                String key = normalised(statements.get(i));
                Integer left = ran.get(key);
                unchanged[i] = left != null && left > 0;
                if (unchanged[i]) {
                    ran.put(key, left - 1);
                } else if (firstChanged < 0) {
                    firstChanged = i;
                }
            }
            int firstEditedLine = firstDifferentLine(base.content(), script.content());
            int anchor = firstChanged;
            if (base.content().equals(script.content())) {
                anchor = -1;
            } else if (anchor < 0 && !statements.isEmpty()) {
                // only comments, blank lines or removals changed: the finding goes where the edit is
                anchor = statements.size() - 1;
                for (int i = 0; i < statements.size(); i++) {
                    if (statements.get(i).span().endLine() >= firstEditedLine) {
                        anchor = i;
                        break;
                    }
                }
            }
            for (int i = 0; i < statements.size(); i++) {
                out.add(new StatementContext.AppliedBefore(base, unchanged[i], i == anchor, firstEditedLine));
            }
            return out;
        }

        private static String normalised(ParsedStatement statement) {
            return statement.raw().sql().strip().replaceAll("\\s+", " ");
        }

        private static int firstDifferentLine(String before, String after) {
            String[] a = before.split("\n", -1);
            String[] b = after.split("\n", -1);
            int n = Math.min(a.length, b.length);
            for (int i = 0; i < n; i++) {
                if (!a[i].stripTrailing().equals(b[i].stripTrailing())) {
                    return i + 1;
                }
            }
            return n + (a.length == b.length ? 0 : 1);
        }

        /** Fixes are SQL as rules write them; a file in a format that is not SQL gets them in its own language. */
        private static List<Finding> inFormat(MigrationScript script, ParsedStatement statement, List<Finding> findings) {
            if (script.isSql() || findings.isEmpty()) {
                return findings;
            }
            Optional<MigrationFormat> format = InstalledFormats.named(script.tool().configName());
            Optional<Operation> operation = script.operations().stream()
                    .filter(op -> statement.span().startLine() >= op.span().startLine() && statement.span().startLine() <= op.span().endLine())
                    .findFirst();
            if (format.isEmpty() || operation.isEmpty()) {
                return findings;
            }
            return findings.stream().map(f -> {
                MigrationFormat.Fix fix = format.get().fix(f.rule(), f.fix(), f.suggestion(), statement.raw().sql(), operation.get(), script);
                return new Finding(f.rule(), f.risk(), f.line(), f.endLine(), f.title(), f.message(), fix.fix(), fix.suggestion());
            }).toList();
        }

        /** Moves each finding whose line lies in another statement's span to that statement. */
        private static void rehomeByLine(List<Judged> judged) {
            for (Judged from : judged) {
                SourceSpan own = from.context().statement().span();
                for (Iterator<Finding> it = from.findings().iterator(); it.hasNext(); ) {
                    Finding f = it.next();
                    if (f.line() >= own.startLine() && f.line() <= own.endLine()) {
                        continue;
                    }
                    for (Judged to : judged) {
                        SourceSpan span = to.context().statement().span();
                        if (to != from && f.line() >= span.startLine() && f.line() <= span.endLine()) {
                            it.remove();
                            to.findings().add(f);
                            break;
                        }
                    }
                }
            }
        }

        /** A statement judged by the rules, before ignore directives apply. */
        private record Judged(StatementContext context, List<Finding> findings) {}

        private StatementEffects effects(StatementContext context) {
            if (model.isEmpty()) {
                return StatementEffects.UNKNOWN;
            }
            try {
                return model.get().effects(context);
            } catch (RuntimeException e) {
                failures.add("The lock model failed on " + context.script().path() + ":" + context.statement().span().startLine()
                        + " (" + e + "); its locks are not reported.");
                return StatementEffects.UNKNOWN;
            }
        }

        private void advanceSchema(MigrationScript script, ParsedStatement statement) {
            try {
                SchemaReplay.Step step = replay.apply(config.dialect(), schema, statement);
                schema = step.after();
            } catch (RuntimeException e) {
                failures.add("The schema replay failed on " + script.path() + ":" + statement.span().startLine()
                        + " (" + e + "); later statements see the schema without it.");
            }
        }

        private Finding unterminated(ParsedStatement statement, MigrationScript script) {
            RawStatement.Unterminated u = statement.raw().unterminated();
            long linesAfter = script.appliedText().lines().count() - u.line();
            String fix = switch (u.construct()) {
                case "quoted identifier" -> "Close the identifier with `\"`; a double quote inside a name is written twice (`\"\"`).";
                case "dollar-quoted body" -> "End the body with `" + u.opening() + "` exactly as it was opened (same tag, same case).";
                case "block comment" -> "Close the comment with `*/`. Block comments nest in PostgreSQL, so every `/*` inside needs its"
                        + " own `*/` too.";
                default -> "Close the string with `'`; a quote inside a string is written twice (`'it''s'`)"
                        + (u.opening().equals("E'") ? ", or as `\\'` in an E'' string." : ".");
            };
            return new Finding(EngineCheck.UNTERMINATED_LITERAL.id(), EngineCheck.UNTERMINATED_LITERAL.risk(), u.line(), u.line(),
                    "Unterminated " + u.construct(),
                    "The " + u.construct() + " opened with `" + u.opening() + "` on line " + u.line() + ", column " + u.column()
                            + " is never closed. The database reads the rest of the file" + (linesAfter > 0 ? " (" + linesAfter + " more "
                            + (linesAfter == 1 ? "line" : "lines") + ")" : "") + " as part of it, so this migration fails with a syntax"
                            + " error at the end of the input, or runs something other than what is written."
                            + (u.restSplit() ? " The lines after it were reviewed as if it ended on its own line."
                                    : " The file has so many unclosed quotes that the lines after this one were not reviewed."),
                    fix, null);
        }

        private Finding notUnderstood(ParsedStatement statement) {
            if (statement.kind().equals("REFUSED") && statement.statement() instanceof Statement.Unrecognised u) {
                // the tool stops before running anything: not a lock, but a deploy that does not happen
                return new Finding(EngineCheck.MIGRATION_REFUSED.id(), EngineCheck.MIGRATION_REFUSED.risk(), statement.span().startLine(),
                        statement.span().endLine(), statement.raw().sql(),
                        "The migration tool refuses to run the migrations: " + u.reason() + ". Nothing of this deploy's"
                                + " migrations runs until that is fixed.",
                        "Fix the migration history as said above, then review again.", null);
            }
            if (statement.kind().equals("OPERATION") && statement.statement() instanceof Statement.Unrecognised u) {
                // an operation its format could not translate to SQL: say what it is and why, in the format's words
                return new Finding(EngineCheck.STATEMENT_NOT_UNDERSTOOD.id(), Risk.INFO, statement.span().startLine(),
                        statement.span().endLine(), "Operation not analysed",
                        "migration-review does not analyse `" + statement.raw().sql() + "`: " + u.reason()
                                + ". Its locks and risks are not checked.",
                        "Check by hand what it does to the database and which tables it locks, and for how long; data changes"
                                + " run from code inside a schema migration can lock or rewrite large tables.",
                        null);
            }
            return new Finding(EngineCheck.STATEMENT_NOT_UNDERSTOOD.id(), Risk.INFO, statement.span().startLine(),
                    statement.span().endLine(), "Statement not understood",
                    "migration-review could not work out what this " + statement.kind() + " statement does (neither the SQL "
                            + "parser nor the classifier recognises it), so its locks and risks are not checked.",
                    "Check by hand which tables it locks and for how long; if it is safe, add "
                            + "`-- migration-review:ignore statement-not-understood <reason>` above it.",
                    null);
        }

        private List<Finding> applySettings(List<Finding> findings) {
            List<Finding> out = new ArrayList<>();
            for (Finding f : findings) {
                ReviewConfig.RuleSetting s = config.rules().get(f.rule());
                if (s == null) {
                    out.add(f);
                } else if (s.enabled()) {
                    out.add(s.risk() == null ? f
                            : new Finding(f.rule(), s.risk(), f.line(), f.endLine(), f.title(), f.message(), f.fix(), f.suggestion()));
                }
            }
            return out;
        }

        private List<Finding> applyIgnores(ParsedStatement statement, List<Finding> findings, List<IgnoreDirective> fileIgnores,
                Set<IgnoreDirective> usedFileIgnores) {
            List<IgnoreDirective> here = IgnoreDirective.inComments(statement.raw().leadingComments());
            List<Finding> kept = new ArrayList<>();
            Set<IgnoreDirective> usedHere = new LinkedHashSet<>();
            for (Finding f : findings) {
                Optional<IgnoreDirective> byStatement = here.stream().filter(d -> d.hasReason() && d.ruleId().equals(f.rule())).findFirst();
                Optional<IgnoreDirective> byFile = fileIgnores.stream().filter(d -> d.hasReason() && d.ruleId().equals(f.rule())).findFirst();
                if (byStatement.isPresent()) {
                    usedHere.add(byStatement.get());
                } else if (byFile.isPresent()) {
                    usedFileIgnores.add(byFile.get());
                } else {
                    kept.add(f);
                }
            }
            int start = statement.span().startLine();
            int end = statement.span().endLine();
            for (IgnoreDirective d : here) {
                if (!d.hasReason()) {
                    kept.add(withoutReason(d, start, end));
                } else if (!usedHere.contains(d)) {
                    kept.add(new Finding(EngineCheck.UNUSED_IGNORE.id(), Risk.INFO, start, end, "Ignore directive matched nothing",
                            "`" + d.describe() + "` above this statement silenced nothing: " + unusedReason(d.ruleId()) + ".",
                            "Remove the directive, or correct its rule id (`migration-review rules` lists them).", null));
                }
            }
            return kept;
        }

        /**
         * A statement the author acknowledged in the format's own language (strong_migrations' {@code safety_assured}):
         * like an ignore directive, its rules' findings are not reported, but each is listed in the notes (the check
         * run summary), so a reviewer still sees what was waved through. The engine's own checks stay.
         */
        private List<Finding> acknowledged(MigrationScript script, ParsedStatement statement, List<Finding> findings) {
            String by = script.acknowledgedAt(statement.span().startLine());
            if (by == null) {
                return findings;
            }
            List<Finding> kept = new ArrayList<>();
            for (Finding f : findings) {
                if (EngineCheck.isEngineCheck(f.rule())) {
                    kept.add(f);
                } else {
                    String operation = script.operationAt(statement.span().startLine());
                    // one sentence per finding, starting "Acknowledged with": the check run summary lists these on their own
                    fileNotes.add(ACKNOWLEDGED + by + ": " + script.path() + ":" + f.line() + " " + f.rule() + " ("
                            + f.risk().name().toLowerCase(java.util.Locale.ROOT) + ") on `"
                            + (operation != null ? operation : statement.raw().sql()) + "`: " + f.title() + ", not reported.");
                }
            }
            return kept;
        }

        private Finding withoutReason(IgnoreDirective d, int start, int end) {
            String what = d.ruleId() == null ? "names no rule and gives no reason" : "gives no reason";
            return new Finding(EngineCheck.IGNORE_WITHOUT_REASON.id(), Risk.INFO, start, end, "Ignore directive without a reason",
                    "`" + d.describe() + "` " + what + ", so it silences nothing.",
                    "Write it as `-- migration-review:ignore" + (d.fileLevel() ? "-file " : " ")
                            + (d.ruleId() == null ? "<rule-id>" : d.ruleId()) + " <why this is safe here>`.",
                    null);
        }

        private String unusedReason(String ruleId) {
            boolean exists = EngineCheck.isEngineCheck(ruleId) || rules.stream().anyMatch(r -> r.id().equals(ruleId));
            if (!exists) {
                return "there is no rule `" + ruleId + "`";
            }
            ReviewConfig.RuleSetting s = config.rules().get(ruleId);
            if (s != null && !s.enabled()) {
                return "rule `" + ruleId + "` is turned off in config";
            }
            return "rule `" + ruleId + "` reported nothing here";
        }

        private List<StatementReport> reportUnusedFileIgnores(MigrationScript script, List<StatementReport> reports,
                List<IgnoreDirective> fileIgnores, Set<IgnoreDirective> used) {
            List<Finding> extra = new ArrayList<>();
            for (IgnoreDirective d : fileIgnores) {
                if (!d.hasReason()) {
                    extra.add(withoutReason(d, d.line(), d.line()));
                } else if (!used.contains(d)) {
                    extra.add(new Finding(EngineCheck.UNUSED_IGNORE.id(), Risk.INFO, d.line(), d.line(), "Ignore directive matched nothing",
                            "`" + d.describe() + "` on line " + d.line() + " silenced nothing in this file: " + unusedReason(d.ruleId()) + ".",
                            "Remove the directive, or correct its rule id (`migration-review rules` lists them).", null));
                }
            }
            extra = applySettings(extra);
            if (extra.isEmpty()) {
                return reports;
            }
            if (reports.isEmpty()) {
                extra.forEach(f -> fileNotes.add(script.path() + ":" + f.line() + ": " + f.message()));
                return reports;
            }
            // findings live on statements; a file-level one goes on the statement nearest its line
            List<StatementReport> out = new ArrayList<>(reports);
            for (Finding f : extra) {
                int target = 0;
                for (int i = 0; i < out.size(); i++) {
                    if (out.get(i).startLine() <= f.line()) {
                        target = i;
                    }
                }
                StatementReport s = out.get(target);
                List<Finding> fs = new ArrayList<>(s.findings());
                fs.add(f);
                out.set(target, new StatementReport(s.index(), s.startLine(), s.endLine(), s.sql(), s.kind(), s.understood(),
                        s.locks(), s.rewrites(), s.scans(), fs, s.operation(), s.ddl()));
            }
            return out;
        }

        private void recordUnknownSizes(List<Finding> findings, StatementEffects effects, StatementContext context) {
            if (findings.stream().noneMatch(f -> f.risk().atLeast(Risk.LOW) && !EngineCheck.isEngineCheck(f.rule()))) {
                return;
            }
            for (RelationLock lock : effects.locks()) {
                if (lock.kind() == RelationLock.RelationKind.TABLE && !context.isNew(lock.relation())
                        && context.tableFacts(lock.relation()).map(t -> t.rows() == null).orElse(true)) {
                    unknownSizes.add(lock.relation().qualified());
                }
            }
        }

        /** Remembers what the change creates (new and empty) and forgets what it drops. */
        private void track(ParsedStatement parsed) {
            Statement s = parsed.statement();
            if (s instanceof Statement.CreateTable t) {
                // a table the history already has is not new, whatever the statement says (IF NOT EXISTS, an edited
                // migration's CREATE): production holds its rows
                if (schema.table(t.table()).isEmpty()) {
                    createdByChange.add(t.table().qualified());
                }
            } else if (s instanceof Statement.CreateIndex i && i.name() != null) {
                // an unqualified index name lives in its table's schema
                createdByChange.add(i.name().schema() != null || i.table().schema() == null ? i.name().qualified()
                        : new QualifiedName(i.table().schema(), i.name().name()));
            } else if (s instanceof Statement.CreateView v) {
                createdByChange.add(v.view().qualified());
            } else if (s instanceof Statement.CreateEnumType e) {
                createdByChange.add(e.type().qualified());
            } else if (s instanceof Statement.CreateType e) {
                createdByChange.add(e.type().qualified());
            } else if (s instanceof Statement.CreateSequence q) {
                createdByChange.add(q.sequence().qualified());
            } else if (s instanceof Statement.AlterTable a && createdByChange.containsNext(a.table().qualified())) {
                QualifiedName table = a.table().qualified();
                for (AlterTableAction action : a.actions()) {
                    if (action instanceof AlterTableAction.RenameTable r) {
                        createdByChange.remove(table);
                        createdByChange.add(new QualifiedName(table.schema(), QualifiedName.fold(r.to())));
                    }
                }
            } else if (s instanceof Statement.DropTable d) {
                d.tables().forEach(t -> createdByChange.remove(t.qualified()));
            } else if (s instanceof Statement.DropIndex d) {
                d.indexes().forEach(t -> createdByChange.remove(t.qualified()));
            }
        }

        void notes(List<String> notes) {
            if (!unknownSizes.isEmpty()) {
                List<String> keys = unknownSizes.stream().map(q -> "tables." + q.name() + ".rows").toList();
                notes.add("Table sizes unknown for " + String.join(", ", unknownSizes.stream().map(dialect.names()::reportName).toList())
                        + ": risks assume they may be large; set " + String.join(", ", keys)
                        + " in .github/migration-review.yml for a sharper rating.");
            }
            notUnderstood.forEach((path, lines) -> notes.add(path + ": " + lines.size()
                    + (lines.size() == 1 ? " statement" : " statements") + " not understood (line"
                    + (lines.size() == 1 ? " " : "s ") + String.join(", ", lines.stream().map(String::valueOf).toList())
                    + "); they are shown but not checked."));
            effectsUnknown.forEach((path, lines) -> notes.add(path + ": the lock model has no entry for " + lines.size()
                    + (lines.size() == 1 ? " statement" : " statements") + " (line" + (lines.size() == 1 ? " " : "s ")
                    + String.join(", ", lines.stream().map(String::valueOf).toList())
                    + "); rules that need locks did not judge " + (lines.size() == 1 ? "it." : "them.")));
            notes.addAll(connectionNotes);
            notes.addAll(fileNotes);
            notes.addAll(failures);
        }
    }
}
