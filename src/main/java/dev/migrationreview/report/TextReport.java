package dev.migrationreview.report;

import dev.migrationreview.analysis.FileReport;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report for a terminal: one block per finding, {@code file:line  RISK  rule  message}, then the fix
 * (and the replacement SQL where there is one); a summary line; the notes. ANSI colour only when asked
 * (the CLI asks when stdout is a terminal).
 */
public final class TextReport {
    private static final String RESET = "\u001b[0m";

    private TextReport() {
    }

    public static String render(Report report, boolean colour) {
        StringBuilder out = new StringBuilder();
        int findings = 0;
        int statements = 0;
        for (FileReport file : report.files()) {
            statements += file.statements().size();
            // file-level rules anchor a finding to an earlier line than the statement carrying it: print in line order
            List<Finding> inLineOrder = file.statements().stream().flatMap(s -> s.findings().stream())
                    .sorted(Comparator.comparingInt(Finding::line)).toList();
            for (Finding f : inLineOrder) {
                findings++;
                out.append(file.path()).append(':').append(f.line()).append("  ")
                        .append(paint(colour, f.risk(), f.risk().name())).append("  ")
                        .append(f.rule()).append("  ").append(f.message()).append('\n');
                if (f.fix() != null && !f.fix().isBlank()) {
                    out.append(indent("Instead: " + FixText.withoutLabel(f.fix()), "    ")).append('\n');
                }
                if (f.suggestion() != null) {
                    out.append("    Replace lines ").append(f.line()).append('-').append(f.endLine()).append(" with:\n")
                            .append(indent(f.suggestion(), "      ")).append('\n');
                }
                out.append('\n');
            }
        }
        if (report.files().isEmpty()) {
            // "No findings in 0 files" reads like a pass; say that nothing was there to review
            out.append("No migrations in this change, so nothing was reviewed. Overall risk: ")
                    .append(paint(colour, report.risk(), report.risk().name())).append('\n');
        } else {
            out.append(findings == 0 ? "No findings" : findings + (findings == 1 ? " finding" : " findings"))
                    .append(" in ").append(report.files().size()).append(report.files().size() == 1 ? " file" : " files")
                    .append(" (").append(statements).append(statements == 1 ? " statement" : " statements").append("). ")
                    .append("Overall risk: ").append(paint(colour, report.risk(), report.risk().name())).append('\n');
        }
        for (String note : report.notes()) {
            out.append(colour ? "\u001b[2m" : "").append("note: ").append(note).append(colour ? RESET : "").append('\n');
        }
        return out.toString();
    }

    private static String indent(String text, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(prefix).append(line);
        }
        return sb.toString();
    }

    private static String paint(boolean colour, Risk risk, String text) {
        if (!colour) {
            return text;
        }
        String code = switch (risk) {
            case CRITICAL -> "\u001b[1;31m";
            case HIGH -> "\u001b[31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
            case INFO, NONE -> "\u001b[2m";
        };
        return code + text.toUpperCase(Locale.ROOT) + RESET;
    }
}
