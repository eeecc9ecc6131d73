package dev.migrationreview.report;

import dev.migrationreview.analysis.FileReport;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.analysis.Finding;
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
 * A finding's identity across pushes: rule, file and the statement's text with layout normalised, so a
 * finding keeps its fingerprint when lines above it move or the statement is re-indented, and gets a new
 * one when the statement itself changes. The GitHub App ties each comment to one fingerprint.
 */
public final class FindingFingerprint {

    private FindingFingerprint() {
    }

    /** {@code rule}, {@code path} and the statement text, hashed: 40 hex characters. */
    public static String of(String rule, String path, String statementSql) {
        return sha1(rule + "\n" + path + "\n" + normalise(statementSql));
    }

    /** Whitespace runs become one space, unquoted text is lower-cased, a trailing semicolon is dropped. */
    public static String normalise(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean space = false;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        String s = out.toString();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s;
    }

    /** Every finding of a report with its fingerprint; repeats of one statement in a file get {@code -2}, {@code -3}... */
    public static List<Fingerprinted> all(Report report) {
        List<Fingerprinted> out = new ArrayList<>();
        for (FileReport file : report.files()) {
            Map<String, Integer> seen = new HashMap<>();
            for (StatementReport statement : file.statements()) {
                for (Finding finding : statement.findings()) {
                    String base = of(finding.rule(), file.path(), statement.sql());
                    int n = seen.merge(base, 1, Integer::sum);
                    out.add(new Fingerprinted(file, statement, finding, n == 1 ? base : base + "-" + n));
                }
            }
        }
        return out;
    }

    public record Fingerprinted(FileReport file, StatementReport statement, Finding finding, String fingerprint) {}

    private static String sha1(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8))).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
