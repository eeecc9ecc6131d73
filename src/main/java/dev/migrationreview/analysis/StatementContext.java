package dev.migrationreview.analysis;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.SourceSpan;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything known when one changed statement is judged.
 *
 * @param schemaBefore      the schema just before this statement (history + earlier changed statements)
 * @param createdByChange   relations created earlier in this change (new and empty: nothing about them is risky)
 * @param earlier           the statements of this file before this one, with what they did
 * @param session           session state at this statement (lock_timeout, open transaction)
 * @param inTransaction     whether this statement runs inside a transaction block (tool wrapping or explicit BEGIN)
 * @param effects           what the dialect model says this statement does; {@link StatementEffects#UNKNOWN} before
 *                          the model has run
 * @param lastInFile        whether nothing but comments and semicolons follows this statement in its file (file-level
 *                          rules judge there)
 * @param appliedBefore     when the file already existed at the base (an edited migration): how this statement relates
 *                          to the version databases already ran; null for a new file
 */
public record StatementContext(
        ReviewConfig config,
        MigrationScript script,
        ParsedStatement statement,
        Schema schemaBefore,
        Set<QualifiedName> createdByChange,
        List<JudgedStatement> earlier,
        SessionState session,
        boolean inTransaction,
        StatementEffects effects,
        boolean lastInFile,
        AppliedBefore appliedBefore) {

    public StatementContext {
        // the walk's own views are immutable snapshots already; copying them per statement made reviews quadratic
        if (!(createdByChange instanceof CreatedByChange.AsOf)) {
            createdByChange = Set.copyOf(createdByChange);
        }
        if (!(earlier instanceof EarlierStatements)) {
            earlier = List.copyOf(earlier);
        }
    }

    /**
     * A statement of a file new in this change, judged on its own (tests, the effects model's callers): whether it is
     * last is read from the text.
     */
    public StatementContext(ReviewConfig config, MigrationScript script, ParsedStatement statement, Schema schemaBefore,
            Set<QualifiedName> createdByChange, List<JudgedStatement> earlier, SessionState session, boolean inTransaction,
            StatementEffects effects) {
        this(config, script, statement, schemaBefore, createdByChange, earlier, session, inTransaction, effects,
                script != null && nothingFollows(script.appliedText(), statement.span()), null);
    }

    /** True when nothing but whitespace, semicolons and comments follows the span in the text. */
    static boolean nothingFollows(String text, SourceSpan span) {
        String[] lines = text.split("\n", -1);
        if (span.endLine() > lines.length) {
            return true;
        }
        StringBuilder rest = new StringBuilder();
        String endLine = lines[span.endLine() - 1];
        rest.append(endLine.substring(Math.min(endLine.length(), Math.max(0, span.endColumn())))).append('\n');
        for (int i = span.endLine(); i < lines.length; i++) {
            rest.append(lines[i]).append('\n');
        }
        return rest.toString().replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ").replace(";", "").isBlank();
    }

    /** The statements before this one in the same transaction (empty when this one runs outside a transaction). */
    public List<JudgedStatement> earlierInTransaction() {
        if (!inTransaction) {
            return List.of();
        }
        if (earlier instanceof EarlierStatements view) {
            return view.sinceTransactionStart();
        }
        int start = earlier.size();
        while (start > 0 && earlier.get(start - 1).inTransaction()
                && !(earlier.get(start - 1).statement().statement() instanceof dev.migrationreview.sql.statement.Statement.TransactionControl)) {
            start--;
        }
        return earlier.subList(start, earlier.size());
    }

    public int databaseVersion() {
        return config.databaseVersion();
    }

    public StatementContext withEffects(StatementEffects newEffects) {
        return new StatementContext(config, script, statement, schemaBefore, createdByChange, earlier, session, inTransaction, newEffects,
                lastInFile, appliedBefore);
    }

    /**
     * A changed file that already existed at the base commit, so databases that ran it will not run it again.
     *
     * @param applied    the file as it is at the base
     * @param unchanged  this statement is in the applied version as it is (history, not part of the change)
     * @param anchor     the statement that carries the file's "edited applied migration" finding: the first statement
     *                   the edit added or changed, else the one at the first edited line
     * @param firstEditedLine the first line of the file that differs from the applied version
     */
    public record AppliedBefore(MigrationScript applied, boolean unchanged, boolean anchor, int firstEditedLine) {}

    /** True when the relation was created earlier in this change (new and empty). */
    public boolean isNew(QualifiedName relation) {
        return createdByChange.contains(relation.qualified());
    }

    /** Production facts for a table from config ({@code tables:}), matched by bare or qualified name. */
    public Optional<ReviewConfig.TableFacts> tableFacts(QualifiedName table) {
        ReviewConfig.TableFacts facts = config.tables().get(table.name());
        if (facts == null) {
            facts = config.tables().get(table.qualified().toString());
        }
        return Optional.ofNullable(facts);
    }

    /** A statement already judged in this file. */
    public record JudgedStatement(ParsedStatement statement, StatementEffects effects, boolean inTransaction, SessionState session) {}
}
