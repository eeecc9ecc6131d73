package dev.migrationreview.report;

import dev.migrationreview.analysis.FileReport;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.config.Risk;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report as a pull-request comment shows it: overall risk, a table of the changed statements, then
 * each finding with its consequence, the safer way and, where mechanical, the replacement SQL.
 */
public final class MarkdownReport {
    /** A comment past this many table rows stops being read; the findings below still list everything. */
    private static final int MAX_ROWS = 60;

    private MarkdownReport() {
    }

    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        long findings = report.files().stream().flatMap(f -> f.statements().stream()).mapToLong(s -> s.findings().size()).sum();
        out.append("### migration-review: ").append(badge(report.risk())).append("\n\n");
        if (report.files().isEmpty()) {
            out.append("No migrations in this change, so nothing was reviewed (").append(report.dialect()).append(' ')
                    .append(report.databaseVersion()).append(").\n\n");
        } else {
            out.append(findings == 0 ? "No findings" : findings + (findings == 1 ? " finding" : " findings"))
                    .append(" in ").append(report.files().size()).append(report.files().size() == 1 ? " migration file" : " migration files")
                    .append(" (").append(report.dialect()).append(' ').append(report.databaseVersion()).append(").\n\n");
        }

        if (!report.files().isEmpty()) {
            out.append("| File | Lines | Statement | Locks | Risk |\n| --- | --- | --- | --- | --- |\n");
            int rows = 0;
            int total = 0;
            var relationNames = JsonReport.relationNames(report);
            for (FileReport file : report.files()) {
                for (StatementReport s : file.statements()) {
                    total++;
                    if (rows >= MAX_ROWS) {
                        continue;
                    }
                    rows++;
                    // a file-level finding rides on a later statement but is anchored to this one's lines
                    Risk risk = file.statements().stream().flatMap(x -> x.findings().stream())
                            .filter(f -> f.line() >= s.startLine() && f.line() <= s.endLine())
                            .map(Finding::risk).reduce(Risk.NONE, Risk::max);
                    out.append("| `").append(cell(file.path())).append("` | ").append(lines(s.startLine(), s.endLine()))
                            .append(" | ").append(cell(s.kind())).append(s.understood() ? "" : " (not understood)")
                            .append(" | ").append(cell(locks(s.locks(), relationNames))).append(" | ").append(risk.configName()).append(" |\n");
                }
            }
            if (total > rows) {
                out.append("\n…and ").append(total - rows).append(" more statements.\n");
            }
            out.append('\n');
        }

        for (FileReport file : report.files()) {
            for (StatementReport s : file.statements()) {
                for (Finding f : s.findings()) {
                    out.append("#### ").append(badge(f.risk())).append(" `").append(f.rule()).append("` — `")
                            .append(file.path()).append("` line ").append(lines(f.line(), f.endLine())).append("\n\n");
                    out.append("**").append(f.title()).append("**\n\n").append(f.message()).append("\n\n");
                    if (f.fix() != null && !f.fix().isBlank()) {
                        out.append("**Instead:** ").append(FixText.withoutLabel(f.fix())).append("\n\n");
                    }
                    if (f.suggestion() != null) {
                        out.append("```sql\n").append(f.suggestion()).append("\n```\n\n");
                    }
                }
            }
        }

        if (!report.notes().isEmpty()) {
            out.append("<details><summary>Notes</summary>\n\n");
            report.notes().forEach(n -> out.append("- ").append(n).append('\n'));
            out.append("\n</details>\n");
        }
        return out.toString();
    }

    private static String badge(Risk risk) {
        return "risk **" + risk.configName().toUpperCase(java.util.Locale.ROOT) + "**";
    }

    private static String lines(int start, int end) {
        return start == end ? String.valueOf(start) : start + "–" + end;
    }

    private static String locks(List<RelationLock> locks, java.util.function.Function<dev.migrationreview.sql.QualifiedName, String> names) {
        return locks.isEmpty() ? "" : locks.stream()
                .map(l -> names.apply(l.relation()) + " " + l.mode().databaseName())
                .collect(Collectors.joining(", "));
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
