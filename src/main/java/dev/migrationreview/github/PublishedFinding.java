package dev.migrationreview.github;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.report.FindingFingerprint;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.StatementReport;
import java.util.List;

/**
 * One finding as the app publishes it, with the engine's fingerprint (rule, file, the statement's text
 * with layout normalised): the same finding on the next push matches its earlier comment even when lines
 * above it moved, and a changed statement counts as fixed. The CLI and SARIF use the same fingerprint.
 */
public record PublishedFinding(String path, StatementReport statement, Finding finding, String fingerprint) {

    public static List<PublishedFinding> of(Report report) {
        return FindingFingerprint.all(report).stream()
                .map(f -> new PublishedFinding(f.file().path(), f.statement(), f.finding(), f.fingerprint()))
                .toList();
    }
}
