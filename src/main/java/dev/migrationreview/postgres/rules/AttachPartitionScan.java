package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.DurationEstimate;
import dev.migrationreview.analysis.risk.LockDescription;
import dev.migrationreview.analysis.risk.RiskModel;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public final class AttachPartitionScan extends PostgresRule {

    public AttachPartitionScan() {
        super("attach-partition-scan", Risk.MEDIUM,
                "ATTACH PARTITION scans the new partition to check its bound unless a validated CHECK already proves it");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        for (AlterTableAction a : alter.actions()) {
            if (a instanceof AlterTableAction.AttachPartition attach && scans(context, attach.partition())
                    && !context.isNew(attach.partition())) {
                TableSize size = TableSize.of(context, attach.partition());
                Optional<RelationLock> parentLock = lockOn(context, alter.table());
                Optional<RelationLock> lock = lockOn(context, attach.partition());
                if (lock.isEmpty()) {
                    return List.of();
                }
                Risk risk = RiskModel.lockRisk(lock.get().mode().impact(), WorkKind.SCAN, size);
                if (parentLock.isPresent() && !context.isNew(alter.table())) {
                    risk = Risk.max(risk, RiskModel.lockRisk(parentLock.get().mode().impact(), WorkKind.SCAN, size));
                }
                String check = ident(attach.partition().name() + "_bound");
                String message = "Attaching `" + attach.partition() + "` reads all its rows to prove they fit " + attach.bound()
                        + ", while holding " + LockDescription.of(lock.get().mode()) + " on it"
                        + parentLock.map(p -> " and " + LockDescription.of(p.mode()) + " on `" + alter.table() + "`").orElse("") + "."
                        + DurationEstimate.sentence(WorkKind.SCAN, size) + size.unknownSizeNote();
                String fix = "Instead: prove the bound first with a CHECK constraint validated under a weak lock; ATTACH then skips the scan:"
                        + sqlBlock("ALTER TABLE " + ident(attach.partition()) + " ADD CONSTRAINT " + check
                                + " CHECK (<the partition bound as a condition on the key>) NOT VALID;\n"
                                + "ALTER TABLE " + ident(attach.partition()) + " VALIDATE CONSTRAINT " + check + ";\n"
                                + statementText(context) + "\n"
                                + "ALTER TABLE " + ident(attach.partition()) + " DROP CONSTRAINT " + check + ";");
                return report(context, risk, "ATTACH PARTITION scans `" + attach.partition().name() + "`", message, fix, null);
            }
        }
        return List.of();
    }
}
