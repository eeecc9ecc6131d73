package dev.migrationreview.report;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.sql.QualifiedName;
import java.util.List;

/**
 * One statement of a changed file in the report (report-format v1).
 *
 * @param operation for a format that is not SQL, the operation this statement comes from as written, on one line
 *                  ({@code add_index :orders, :customer_id}); null for a SQL file
 */
public record StatementReport(
        int index,
        int startLine,
        int endLine,
        String sql,
        String kind,
        boolean understood,
        List<RelationLock> locks,
        List<QualifiedName> rewrites,
        List<QualifiedName> scans,
        List<Finding> findings,
        String operation) {
    public StatementReport {
        locks = List.copyOf(locks);
        rewrites = List.copyOf(rewrites);
        scans = List.copyOf(scans);
        findings = List.copyOf(findings);
    }

    /** A statement of a SQL file. */
    public StatementReport(int index, int startLine, int endLine, String sql, String kind, boolean understood,
            List<RelationLock> locks, List<QualifiedName> rewrites, List<QualifiedName> scans, List<Finding> findings) {
        this(index, startLine, endLine, sql, kind, understood, locks, rewrites, scans, findings, null);
    }
}
