package dev.migrationreview.analysis.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.LockImpact;
import dev.migrationreview.config.Risk;
import dev.migrationreview.config.ReviewConfig.DeployStrategy;
import dev.migrationreview.sql.QualifiedName;
import org.junit.jupiter.api.Test;

class RiskModelTest {

    private static final QualifiedName ORDERS = QualifiedName.of("orders");

    private static TableSize rows(long rows, boolean large) {
        return new TableSize(ORDERS, large ? SizeClass.LARGE : SizeClass.SMALL, rows, null, false);
    }

    private static final TableSize UNKNOWN = new TableSize(ORDERS, SizeClass.UNKNOWN, null, null, false);
    private static final TableSize NEW = new TableSize(ORDERS, SizeClass.NEW, 0L, 0L, false);

    @Test
    void newTablesCarryNoLockRisk() {
        assertEquals(Risk.NONE, RiskModel.lockRisk(LockImpact.READS_AND_WRITES, LockHold.PROPORTIONAL, NEW));
        assertEquals(Risk.NONE, RiskModel.lockRisk(LockImpact.READS_AND_WRITES, WorkKind.REWRITE, NEW));
        assertEquals(Risk.NONE, RiskModel.dataLossRisk(NEW));
        assertEquals(Risk.NONE, RiskModel.compatibilityRisk(DeployStrategy.ROLLING, NEW));
    }

    @Test
    void unknownSizeAssumesItMayBeLargeAndSaysWhichKeySharpensIt() {
        assertEquals(Risk.HIGH, RiskModel.lockRisk(LockImpact.READS_AND_WRITES, WorkKind.REWRITE, UNKNOWN));
        assertEquals(Risk.MEDIUM, RiskModel.lockRisk(LockImpact.WRITES, WorkKind.INDEX_BUILD, UNKNOWN));
        assertTrue(UNKNOWN.unknownSizeNote().contains("`tables.orders.rows`"), UNKNOWN.unknownSizeNote());
        assertEquals("", rows(10, false).unknownSizeNote());
    }

    @Test
    void durationDecidesWhenRowsAreKnown() {
        // 50,000,000 rows rewritten at 100,000 rows/s: about 500 s of blocked reads and writes
        assertEquals(Risk.CRITICAL, RiskModel.lockRisk(LockImpact.READS_AND_WRITES, WorkKind.REWRITE, rows(50_000_000, true)));
        // 5,000,000 rows scanned at 1,000,000 rows/s: about 5 s
        assertEquals(Risk.MEDIUM, RiskModel.lockRisk(LockImpact.READS_AND_WRITES, WorkKind.SCAN, rows(5_000_000, true)));
        // 10,000 rows: well under a second
        assertEquals(Risk.LOW, RiskModel.lockRisk(LockImpact.READS_AND_WRITES, WorkKind.REWRITE, rows(10_000, false)));
        // blocking only writes is one step milder: 5,000,000 rows indexed at 250,000 rows/s is about 20 s
        assertEquals(Risk.MEDIUM, RiskModel.lockRisk(LockImpact.WRITES, WorkKind.INDEX_BUILD, rows(5_000_000, true)));
    }

    @Test
    void hotTablesRaiseTheRiskOneStep() {
        TableSize hot = new TableSize(ORDERS, SizeClass.SMALL, 10_000L, null, true);
        assertEquals(Risk.MEDIUM, RiskModel.lockRisk(LockImpact.READS_AND_WRITES, LockHold.BRIEF, hot));
    }

    @Test
    void briefLocksAndWeakLocksStayLow() {
        assertEquals(Risk.LOW, RiskModel.lockRisk(LockImpact.READS_AND_WRITES, LockHold.BRIEF, UNKNOWN));
        assertEquals(Risk.INFO, RiskModel.lockRisk(LockImpact.SCHEMA_CHANGES, LockHold.PROPORTIONAL, UNKNOWN));
        assertEquals(Risk.NONE, RiskModel.lockRisk(LockImpact.NOTHING, LockHold.PROPORTIONAL, UNKNOWN));
    }

    @Test
    void compatibilityFollowsTheDeployStrategy() {
        assertEquals(Risk.HIGH, RiskModel.compatibilityRisk(DeployStrategy.ROLLING, UNKNOWN));
        assertEquals(Risk.MEDIUM, RiskModel.compatibilityRisk(DeployStrategy.BLUE_GREEN, UNKNOWN));
        assertEquals(Risk.INFO, RiskModel.compatibilityRisk(DeployStrategy.DOWNTIME_OK, UNKNOWN));
    }

    @Test
    void estimatesAreWordedAsOrdersOfMagnitude() {
        String s = DurationEstimate.sentence(WorkKind.REWRITE, rows(5_000_000, true));
        assertTrue(s.contains(": tens of seconds"), s);
        assertTrue(s.contains("5,000,000 rows, at 100,000 rows/s"), s);
        assertTrue(s.contains("not a measurement"), s);
        assertEquals("", DurationEstimate.sentence(WorkKind.REWRITE, UNKNOWN));
        assertEquals("hours", DurationEstimate.magnitude(7200));
    }

    @Test
    void bytesSharpenTheEstimateWhenGiven() {
        TableSize twoGb = new TableSize(ORDERS, SizeClass.LARGE, null, 2L << 30, false);
        // 2 GB at 30 MB/s is about 68 s
        assertEquals(Risk.CRITICAL, RiskModel.lockRisk(LockImpact.READS_AND_WRITES, WorkKind.REWRITE, twoGb));
        assertTrue(DurationEstimate.sentence(WorkKind.REWRITE, twoGb).contains("about 2 GB"));
    }
}
