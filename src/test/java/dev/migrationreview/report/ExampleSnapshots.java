package dev.migrationreview.report;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.FileReport;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.StatementReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a reviewer reads for one rule example, pinned in a text file next to it ({@code bad.sql} →
 * {@code bad.expected.txt}): every finding's place, risk, rule, title, message, fix and suggestion, in file
 * order. A wording change then shows up as a diff in review.
 *
 * <p>Regenerate them all after an intended change with
 * {@code ./mvnw -B test -Dtest=RuleCatalogueTest -Dmigration-review.update-snapshots=true}, then read the diff.
 */
public final class ExampleSnapshots {
    public static final String UPDATE_PROPERTY = "migration-review.update-snapshots";

    private ExampleSnapshots() {}

    public static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    public static Path snapshotOf(Path example) {
        String name = example.getFileName().toString();
        return example.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected.txt");
    }

    /** The stable text form: no timings, no absolute paths, lines as the report gives them. */
    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        for (FileReport file : report.files()) {
            for (StatementReport s : file.statements()) {
                for (Finding f : s.findings()) {
                    out.append("line ").append(f.line()).append(f.endLine() != f.line() ? "-" + f.endLine() : "")
                            .append("  ").append(f.risk().name()).append("  ").append(f.rule()).append('\n');
                    out.append("  title: ").append(f.title()).append('\n');
                    block(out, "message", f.message());
                    block(out, "fix", f.fix());
                    if (f.suggestion() != null) {
                        block(out, "suggestion", f.suggestion());
                    }
                    out.append('\n');
                }
            }
        }
        return out.length() == 0 ? "no findings\n" : out.toString();
    }

    private static void block(StringBuilder out, String label, String text) {
        out.append("  ").append(label).append(":\n");
        for (String line : text.split("\n", -1)) {
            out.append("    ").append(line).append('\n');
        }
    }

    /** Empty when the snapshot matches (or was just written); else a readable diff and how to accept it. */
    public static Optional<String> compare(Path example, String actual) throws IOException {
        Path snapshot = snapshotOf(example);
        if (updating()) {
            if (!Files.isRegularFile(snapshot) || !Files.readString(snapshot, StandardCharsets.UTF_8).equals(actual)) {
                Files.writeString(snapshot, actual, StandardCharsets.UTF_8);
            }
            return Optional.empty();
        }
        if (!Files.isRegularFile(snapshot)) {
            return Optional.of("missing " + snapshot + "; write it with -D" + UPDATE_PROPERTY + "=true and review it");
        }
        String expected = Files.readString(snapshot, StandardCharsets.UTF_8);
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of(snapshot + " differs from what the reviewer now reads (- expected, + actual):\n"
                + diff(expected.split("\n", -1), actual.split("\n", -1))
                + "\nIf the change is intended, run ./mvnw -B test -Dtest=RuleCatalogueTest -D" + UPDATE_PROPERTY + "=true and review the diff.");
    }

    /** A line diff from the longest common subsequence; examples are short, so the square table is small. */
    public static String diff(String[] a, String[] b) {
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add("  " + a[i]);
                i++;
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("- " + a[i++]);
            } else {
                out.add("+ " + b[j++]);
            }
        }
        // keep two lines of context around each change
        StringBuilder shown = new StringBuilder();
        for (int k = 0; k < out.size(); k++) {
            boolean near = false;
            for (int d = -2; d <= 2 && !near; d++) {
                int m = k + d;
                near = m >= 0 && m < out.size() && !out.get(m).startsWith("  ");
            }
            if (near) {
                shown.append(out.get(k)).append('\n');
            } else if (shown.length() > 0 && !shown.toString().endsWith("...\n")) {
                shown.append("...\n");
            }
        }
        return shown.toString();
    }
}
