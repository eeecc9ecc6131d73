package dev.migrationreview.github;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.FileReport;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.StatementReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The check run's title, summary and annotations for one report. GitHub caps summary and text at 65,535
 * characters each and takes 50 annotations per request; long output is cut at a line with a note saying
 * so, and annotations are sent in batches by the publisher.
 */
public final class CheckRunOutput {
    public static final int MAX_TEXT = 65_535;
    public static final int ANNOTATIONS_PER_REQUEST = 50;
    private static final int MAX_TITLE = 255;

    public record Annotation(String path, int startLine, int endLine, String level, String title, String message, String rawDetails) {
        public org.kohsuke.github.GHCheckRunBuilder.Annotation toHub4j() {
            return new org.kohsuke.github.GHCheckRunBuilder.Annotation(path, startLine, endLine,
                    org.kohsuke.github.GHCheckRun.AnnotationLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT)), message)
                    .withTitle(title).withRawDetails(rawDetails);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("path", path);
            a.put("start_line", startLine);
            a.put("end_line", endLine);
            a.put("annotation_level", level);
            a.put("title", title);
            a.put("message", message);
            if (rawDetails != null) {
                a.put("raw_details", rawDetails);
            }
            return a;
        }
    }

    public record Output(String conclusion, String title, String summary, String text, List<Annotation> annotations) {}

    private CheckRunOutput() {
    }

    public static Output of(Report report, Risk failOn, List<PublishedFinding> findings, List<PublishedFinding> outsideDiff) {
        if (report.files().isEmpty()) {
            String summary = "No migrations changed: none of the files this pull request changes is a migration.";
            if (!report.notes().isEmpty()) {
                summary += "\n\n" + notes(report.notes());
            }
            return new Output("success", "No migrations changed", cut(summary), null, List.of());
        }
        long gating = findings.stream().filter(f -> f.finding().risk().atLeast(failOn)).count();
        String conclusion = gating > 0 ? "failure" : "success";
        String title = gating > 0
                ? gating + (gating == 1 ? " finding" : " findings") + " at or above " + failOn.configName() + " risk"
                : findings.isEmpty() ? "No findings" : "No findings at or above " + failOn.configName() + " risk";
        return new Output(conclusion, title, cut(summary(report, failOn, findings, outsideDiff)), cut(details(findings)),
                findings.stream().map(f -> annotation(f, failOn)).toList());
    }

    private static String summary(Report report, Risk failOn, List<PublishedFinding> findings, List<PublishedFinding> outsideDiff) {
        StringBuilder s = new StringBuilder();
        s.append("**Overall risk: ").append(report.risk().configName().toUpperCase(Locale.ROOT)).append("** · ")
                .append(findings.size()).append(findings.size() == 1 ? " finding" : " findings").append(" in ")
                .append(report.files().size()).append(report.files().size() == 1 ? " file" : " files")
                .append(" · the check fails at `").append(failOn.configName()).append("` (`fail-on` in `.github/migration-review.yml`)")
                .append(" · ").append(report.dialect()).append(' ').append(report.databaseVersion()).append("\n\n");
        s.append("| File | Lines | Statement | Risk | Findings |\n| --- | --- | --- | --- | --- |\n");
        for (FileReport file : report.files()) {
            if (file.statements().isEmpty()) {
                s.append("| `").append(file.path()).append("` | | (no statements) | ").append(file.risk().configName()).append(" | |\n");
            }
            for (StatementReport st : file.statements()) {
                s.append("| `").append(file.path()).append("` | ").append(st.startLine())
                        .append(st.endLine() != st.startLine() ? "–" + st.endLine() : "").append(" | `")
                        .append(cell(st.kind())).append("` | ").append(statementRisk(st).configName()).append(" | ")
                        .append(st.findings().stream().map(f -> "`" + f.rule() + "`").collect(Collectors.joining(", ")))
                        .append(" |\n");
            }
        }
        List<String> notUnderstood = new ArrayList<>();
        for (FileReport file : report.files()) {
            for (StatementReport st : file.statements()) {
                if (!st.understood()) {
                    notUnderstood.add("`" + file.path() + "` line " + st.startLine() + ": `" + cell(abbreviate(st.sql(), 80)) + "`");
                }
            }
        }
        if (!notUnderstood.isEmpty()) {
            s.append("\n### Not understood\nThe review could not work out what these statements do; read them yourself.\n");
            notUnderstood.forEach(n -> s.append("- ").append(n).append('\n'));
        }
        if (!outsideDiff.isEmpty()) {
            s.append("\n### Findings on lines this pull request does not change\n")
                    .append("GitHub only takes review comments on lines in the diff, so these are here and in one pull request comment:\n");
            outsideDiff.forEach(f -> s.append("- `").append(f.path()).append("` line ").append(f.finding().line()).append(": ")
                    .append(f.finding().title()).append(" (`").append(f.finding().rule()).append("`)\n"));
        }
        // what the author waved through (strong_migrations' safety_assured) is for the reviewer to judge: above the notes
        List<String> acknowledged = report.notes().stream().filter(n -> n.startsWith(ReviewEngine.ACKNOWLEDGED)).toList();
        if (!acknowledged.isEmpty()) {
            s.append("\n### Acknowledged by the author\n")
                    .append("The author marked these as safe (not reported as findings); check that they are:\n");
            acknowledged.forEach(n -> s.append("- ").append(n).append('\n'));
        }
        List<String> notes = report.notes().stream().filter(n -> !n.startsWith(ReviewEngine.ACKNOWLEDGED)).toList();
        if (!notes.isEmpty()) {
            s.append('\n').append(notes(notes));
        }
        return s.toString();
    }

    private static String notes(List<String> notes) {
        StringBuilder s = new StringBuilder("### Notes\n");
        notes.forEach(n -> s.append("- ").append(n).append('\n'));
        return s.toString();
    }

    private static String details(List<PublishedFinding> findings) {
        if (findings.isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (PublishedFinding p : findings) {
            Finding f = p.finding();
            s.append("#### `").append(p.path()).append("` line ").append(f.line()).append(" · ")
                    .append(f.risk().configName()).append(" · ").append(f.title()).append("\n\n")
                    .append(f.message()).append("\n\n");
            if (f.fix() != null && !f.fix().isBlank()) {
                s.append(ReviewCommentBody.instead(f.fix())).append("\n\n");
            }
        }
        return s.toString();
    }

    private static Annotation annotation(PublishedFinding p, Risk failOn) {
        Finding f = p.finding();
        String level = f.risk().atLeast(failOn) ? "failure" : f.risk().atLeast(Risk.LOW) ? "warning" : "notice";
        String message = f.message() + (f.fix() == null || f.fix().isBlank() ? "" : "\n\n" + ReviewCommentBody.instead(f.fix()).replace("**", ""));
        String title = abbreviate(f.risk().configName() + ": " + f.title() + " (" + f.rule() + ")", MAX_TITLE);
        return new Annotation(p.path(), f.line(), Math.max(f.line(), f.endLine()), level, title, abbreviate(message, MAX_TEXT),
                f.suggestion() == null ? null : abbreviate(f.suggestion(), MAX_TEXT));
    }

    private static Risk statementRisk(StatementReport st) {
        return st.findings().stream().map(Finding::risk).reduce(Risk.NONE, Risk::max);
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("`", "'").replace("\n", " ");
    }

    static String abbreviate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }

    /** Cuts at a line boundary under GitHub's limit and says so, rather than letting GitHub reject the update. */
    static String cut(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        String note = "\n\n_Cut here: GitHub allows 65,535 characters. Every finding is still in the annotations and the inline comments._\n";
        String head = text.substring(0, MAX_TEXT - note.length());
        int lastLine = head.lastIndexOf('\n');
        if (lastLine > 0) {
            head = head.substring(0, lastLine);
        }
        return head + note;
    }
}
