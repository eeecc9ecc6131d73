package dev.migrationreview.analysis;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
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
        StatementEffects effects) {

    public StatementContext {
        createdByChange = Set.copyOf(createdByChange);
        earlier = List.copyOf(earlier);
    }

    public int databaseVersion() {
        return config.databaseVersion();
    }

    public StatementContext withEffects(StatementEffects newEffects) {
        return new StatementContext(config, script, statement, schemaBefore, createdByChange, earlier, session, inTransaction, newEffects);
    }

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
