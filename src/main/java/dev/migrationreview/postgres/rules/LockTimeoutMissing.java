package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.LockImpact;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementContext.JudgedStatement;
import dev.migrationreview.analysis.StatementEffects;
import dev.migrationreview.analysis.risk.LockDescription;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.sql.SourceSpan;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lock queueing: a statement waiting for a strong lock blocks every query that arrives after it. One
 * finding per file, judged at the file's last statement and anchored to the first statement that needs
 * the timeout (where SET lock_timeout belongs).
 */
@Singleton
public final class LockTimeoutMissing extends PostgresRule {

    public LockTimeoutMissing() {
        super("lock-timeout-missing", Risk.MEDIUM,
                "A strong lock on an existing table without SET lock_timeout first: while it waits, every query on the table queues behind it");
    }

    private record Exposed(JudgedStatement statement, RelationLock lock) {}

    @Override
    public List<Finding> check(StatementContext context) {
        if (!FileScope.isLastStatement(context)) {
            return List.of();
        }
        List<JudgedStatement> all = new ArrayList<>(context.earlier());
        all.add(new JudgedStatement(context.statement(), context.effects(), context.inTransaction(), context.session()));
        List<Exposed> exposed = new ArrayList<>();
        Risk risk = Risk.NONE;
        for (JudgedStatement j : all) {
            if (j.session().lockTimeout() != null) {
                continue;
            }
            Optional<RelationLock> strongest = strongestExistingLock(context, j.effects());
            if (strongest.isPresent()) {
                exposed.add(new Exposed(j, strongest.get()));
                TableSize size = TableSize.of(context, strongest.get().relation());
                Risk r = strongest.get().mode().impact() == LockImpact.READS_AND_WRITES ? Risk.MEDIUM : Risk.LOW;
                risk = Risk.max(risk, size.hot() ? RiskModel.raise(r) : r);
            }
        }
        if (exposed.isEmpty()) {
            return List.of();
        }
        StringBuilder names = new StringBuilder();
        for (Exposed e : exposed) {
            names.append("\n- line ").append(e.statement().statement().span().startLine()).append(": `")
                    .append(e.statement().statement().kind()).append("` needs ").append(LockDescription.sqlName(e.lock().mode()))
                    .append(" on `").append(e.lock().relation()).append("`, which blocks ").append(LockDescription.blocks(e.lock().mode().impact()));
        }
        String message = "No `lock_timeout` is set before " + (exposed.size() == 1 ? "this statement" : "these " + exposed.size() + " statements")
                + ", which need strong locks on existing tables:" + names
                + "\nIf a long query or an idle transaction holds a conflicting lock, the statement waits for it, and while it waits every"
                + " new query on the table queues behind it: a few seconds of waiting becomes an outage.";
        SourceSpan first = exposed.get(0).statement().statement().span();
        String fix = "Instead: set a short lock_timeout at the top of the migration, so the statement gives up instead of stalling traffic,"
                + " and retry the migration later:" + sqlBlock("SET lock_timeout = '5s';")
                + "\nSET lock_timeout lasts for the session (SET LOCAL: for the transaction). Retrying is safe when the migration runs in a"
                + " transaction; otherwise make its statements re-runnable.";
        String suggestion = ownLines(context, first).map(lines -> "SET lock_timeout = '5s';\n" + lines).orElse(null);
        return List.of(new Finding(id(), risk, first.startLine(), first.endLine(), "No lock_timeout before strong locks", message, fix, suggestion));
    }

    private static Optional<RelationLock> strongestExistingLock(StatementContext context, StatementEffects effects) {
        return effects.locks().stream()
                .filter(l -> l.kind() != RelationLock.RelationKind.INDEX)
                .filter(l -> l.mode().impact().compareTo(LockImpact.WRITES) >= 0)
                .filter(l -> !context.isNew(l.relation()))
                .reduce((a, b) -> b.mode().impact().compareTo(a.mode().impact()) > 0 ? b : a);
    }
}
