package dev.migrationreview.analysis;

import dev.migrationreview.sql.QualifiedName;
import java.util.List;

/**
 * One statement of a changed file in the report (report-format v1).
 *
 * @param operation for a format that is not SQL, the operation this statement comes from as written, on one line
 *                  ({@code add_index :orders, :customer_id}); null for a SQL file
 * @param ddl       how a MySQL/MariaDB server runs it as online DDL; null for other statements and dialects
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
        String operation,
        OnlineDdl ddl) {
    public StatementReport {
        locks = List.copyOf(locks);
        rewrites = List.copyOf(rewrites);
        scans = List.copyOf(scans);
        findings = List.copyOf(findings);
    }

    /** A statement without online DDL (PostgreSQL, data statements). */
    public StatementReport(int index, int startLine, int endLine, String sql, String kind, boolean understood,
            List<RelationLock> locks, List<QualifiedName> rewrites, List<QualifiedName> scans, List<Finding> findings, String operation) {
        this(index, startLine, endLine, sql, kind, understood, locks, rewrites, scans, findings, operation, null);
    }

    /** A statement of a SQL file. */
    public StatementReport(int index, int startLine, int endLine, String sql, String kind, boolean understood,
            List<RelationLock> locks, List<QualifiedName> rewrites, List<QualifiedName> scans, List<Finding> findings) {
        this(index, startLine, endLine, sql, kind, understood, locks, rewrites, scans, findings, null);
    }
}
