package dev.migrationreview.migrations;

import java.util.List;

/**
 * One migration file, ready to be split: its path, the tool it belongs to, its place in the order, and
 * which of its lines are applied ("up") and whether each part runs inside a transaction.
 *
 * @param path     repository-relative, with {@code /}
 * @param version  the tool's ordering key as written ({@code 1.10}, {@code 20240101120000}), or null
 * @param content  the whole file as committed
 * @param sections the applied parts; lines outside every section (down/undo parts, tool headers) are never
 *                 applied to the schema
 */
public record MigrationScript(String path, MigrationTool tool, String version, String content, List<Section> sections) {
    public MigrationScript {
        sections = List.copyOf(sections);
    }

    /** @param firstLine/lastLine 1-based inclusive; @param transactional whether the tool wraps it in a transaction */
    public record Section(int firstLine, int lastLine, boolean transactional) {}

    /**
     * The text to split: the file with every line outside the applied sections blanked, so statement
     * spans keep the file's own line numbers.
     */
    public String appliedText() {
        String[] lines = content.split("\n", -1);
        StringBuilder out = new StringBuilder(content.length());
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            boolean applied = sections.stream().anyMatch(s -> lineNo >= s.firstLine() && lineNo <= s.lastLine());
            if (applied) {
                out.append(lines[i]);
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Whether the statement on {@code line} runs inside the tool's transaction. */
    public boolean transactionalAt(int line) {
        return sections.stream().filter(s -> line >= s.firstLine() && line <= s.lastLine())
                .findFirst().map(Section::transactional).orElse(false);
    }

    /** Whether every applied part runs in a transaction (the report's per-file {@code transactional}). */
    public boolean transactional() {
        return !sections.isEmpty() && sections.stream().allMatch(Section::transactional);
    }
}
