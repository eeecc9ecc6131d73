package dev.migrationreview.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a file's new version that a pull request's diff shows (added and context lines of each
 * hunk). GitHub rejects a whole review with 422 if one comment points outside them, so every comment is
 * anchored here first.
 */
public final class DiffHunks {
    private static final Pattern HUNK_HEADER = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@");

    /** Right-side lines {@code first..last} of one hunk, inclusive. */
    record Range(int first, int last) {}

    /** Where a comment goes: {@code line}, and {@code startLine} when it spans several lines (else null). */
    public record Anchor(Integer startLine, int line) {}

    private final List<Range> ranges;

    private DiffHunks(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** No diff shown (binary, too large for GitHub to render, or a rename without changes). */
    public static DiffHunks none() {
        return new DiffHunks(List.of());
    }

    /** Parses the {@code patch} field of {@code pulls/{n}/files}; null means GitHub sent no patch. */
    public static DiffHunks parse(String patch) {
        if (patch == null || patch.isEmpty()) {
            return none();
        }
        List<Range> ranges = new ArrayList<>();
        for (String line : patch.split("\n")) {
            Matcher m = HUNK_HEADER.matcher(line);
            if (m.find()) {
                int start = Integer.parseInt(m.group(1));
                int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                if (count > 0) {
                    // added and context lines are contiguous on the new side, so a hunk is one range
                    ranges.add(new Range(start, start + count - 1));
                }
            }
        }
        return new DiffHunks(ranges);
    }

    public boolean contains(int line) {
        return ranges.stream().anyMatch(r -> line >= r.first() && line <= r.last());
    }

    /**
     * The part of lines {@code first..last} a comment can be placed on: the overlap with the first hunk
     * that shows any of them (a multi-line comment must stay within one hunk), or empty when none does.
     */
    public Optional<Anchor> anchor(int first, int last) {
        int from = Math.min(first, last);
        int to = Math.max(first, last);
        for (Range r : ranges) {
            int a = Math.max(from, r.first());
            int b = Math.min(to, r.last());
            if (a <= b) {
                return Optional.of(new Anchor(a == b ? null : a, b));
            }
        }
        return Optional.empty();
    }
}
