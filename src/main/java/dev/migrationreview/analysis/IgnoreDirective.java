package dev.migrationreview.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code migration-review:ignore <rule-id> <reason>} comment above a statement, or a
 * {@code migration-review:ignore-file <rule-id> <reason>} comment anywhere in a file.
 *
 * @param ruleId    the rule it silences, or null when the comment names none
 * @param reason    why, as written; empty when missing (such a directive silences nothing)
 * @param line      the directive's 1-based line in the file, or 0 when only its statement is known
 * @param fileLevel true for {@code ignore-file}
 */
public record IgnoreDirective(String ruleId, String reason, int line, boolean fileLevel) {

    private static final Pattern STATEMENT = Pattern.compile(
            "migration-review:ignore(?!-file)(?:[ \\t]+([A-Za-z0-9_.-]+))?(?:[ \\t]+(.*?))?[ \\t]*(?:\\*/)?[ \\t]*$");
    private static final Pattern FILE = Pattern.compile(
            "--[ \\t]*migration-review:ignore-file(?:[ \\t]+([A-Za-z0-9_.-]+))?(?:[ \\t]+(.*?))?[ \\t]*$");

    public boolean hasReason() {
        return ruleId != null && !reason.isBlank();
    }

    public String describe() {
        return "migration-review:ignore" + (fileLevel ? "-file" : "") + (ruleId == null ? "" : " " + ruleId);
    }

    /** The statement-level directives among a statement's leading comment lines. */
    public static List<IgnoreDirective> inComments(List<String> leadingComments) {
        List<IgnoreDirective> found = new ArrayList<>();
        for (String comment : leadingComments) {
            for (String line : comment.split("\n")) {
                Matcher m = STATEMENT.matcher(line);
                if (m.find()) {
                    found.add(new IgnoreDirective(m.group(1), m.group(2) == null ? "" : m.group(2).trim(), 0, false));
                }
            }
        }
        return found;
    }

    /** The file-level directives of a whole file, wherever they stand (headers, down sections included). */
    public static List<IgnoreDirective> inFile(String content) {
        List<IgnoreDirective> found = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = FILE.matcher(lines[i]);
            if (m.find()) {
                found.add(new IgnoreDirective(m.group(1), m.group(2) == null ? "" : m.group(2).trim(), i + 1, true));
            }
        }
        return found;
    }
}
