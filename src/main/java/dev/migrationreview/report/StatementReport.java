package dev.migrationreview.report;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.sql.QualifiedName;
import java.util.List;

/** One statement of a changed file in the report (report-format v1). */
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
        List<Finding> findings) {
    public StatementReport {
        locks = List.copyOf(locks);
        rewrites = List.copyOf(rewrites);
        scans = List.copyOf(scans);
        findings = List.copyOf(findings);
    }
}
