package dev.migrationreview.github;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.report.FileReport;
import dev.migrationreview.report.Report;
import dev.migrationreview.report.StatementReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One finding as the app publishes it, with its fingerprint: rule, file and the statement's text
 * (whitespace-insensitive), so the same finding on the next push matches its earlier comment even when
 * lines above it moved, and a changed statement counts as fixed. The same rule on two identical
 * statements of one file is told apart by its occurrence number.
 */
public record PublishedFinding(String path, StatementReport statement, Finding finding, String fingerprint) {

    public static List<PublishedFinding> of(Report report) {
        List<PublishedFinding> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (FileReport file : report.files()) {
            for (StatementReport statement : file.statements()) {
                for (Finding finding : statement.findings()) {
                    String base = hash(finding.rule() + "\u0000" + file.path() + "\u0000" + normalize(statement.sql()));
                    int occurrence = seen.merge(base, 1, Integer::sum);
                    String fingerprint = occurrence == 1 ? base : base + "-" + occurrence;
                    out.add(new PublishedFinding(file.path(), statement, finding, fingerprint));
                }
            }
        }
        return out;
    }

    private static String normalize(String sql) {
        return sql == null ? "" : sql.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
