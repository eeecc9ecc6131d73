package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.QualifiedName;

/**
 * The judgement shared by every rule about a table copied or rebuilt: what the server does, what waits, for how long,
 * the replica lag after it, and the online route for a table too large to block.
 *
 * @param risk    from the lock level, the work and the table's size
 * @param message what happens, with the estimate when the size is configured
 * @param online  the gh-ost / pt-online-schema-change / Vitess commands, for the fix
 */
record CopyJudgement(Risk risk, String message, String online) {

    static CopyJudgement of(StatementContext context, OnlineDdl ddl, QualifiedName table, WorkKind work, boolean foreignKeys) {
        return of(context, ddl, table, work, foreignKeys, false);
    }

    /**
     * @param certain the statement copies or rebuilds whatever the table was (CONVERT TO CHARACTER SET, a new primary key,
     *                a FULLTEXT index), so a table missing from the history changes nothing
     */
    static CopyJudgement of(StatementContext context, OnlineDdl ddl, QualifiedName table, WorkKind work, boolean foreignKeys,
            boolean certain) {
        TableSize size = TableSize.of(context, table);
        Risk risk = ddl.algorithm() == OnlineDdl.Algorithm.COPY || ddl.lock() != OnlineDdl.LockLevel.NONE
                ? TableCost.blockingRisk(ddl, work, size)
                : TableCost.onlineRisk(work, size);
        StringBuilder m = new StringBuilder();
        m.append("The server runs it with `ALGORITHM=").append(ddl.algorithm()).append(", LOCK=").append(ddl.lock()).append("`: ");
        if (ddl.algorithm() == OnlineDdl.Algorithm.COPY) {
            m.append("it copies ").append(size.describe()).append(" row by row into a new table and swaps it in; ");
        } else if (ddl.rebuildsTable()) {
            m.append("it rebuilds ").append(size.describe()).append(" and all its indexes in place; ");
        } else {
            m.append("it reads all of ").append(size.describe()).append(" to build the index in place; ");
        }
        m.append(TableCost.blockedWords(ddl)).append(ddl.lock() == OnlineDdl.LockLevel.NONE ? "." : " until it ends.");
        m.append(TableCost.duration(work, size));
        m.append(TableCost.replicaLag(work, size));
        m.append(" It needs an exclusive metadata lock at its start and end, so it first waits behind any open transaction on the table.");
        m.append(size.unknownSizeNote());
        if (!certain && context.schemaBefore().table(table).isEmpty() && !size.isNew()) {
            // what the table was is unknown, so the model judged the statement alone: say so, and claim less
            m.append(" `").append(table.name()).append("` is not created by the migrations before this one, so its previous definition is"
                    + " unknown and the server's choice is judged from this statement alone; `schema-file` in .github/migration-review.yml"
                    + " gives the reviewer the table as it stands.");
            risk = RiskModel.lower(risk);
        }
        return new CopyJudgement(risk, m.toString(), OnlineCopyRoute.commands(context, table, foreignKeys));
    }

    /** The online route as a paragraph of its own. */
    String onlineParagraph() {
        return "For a large table, run the same change online:" + online;
    }
}
