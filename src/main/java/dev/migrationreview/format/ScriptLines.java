package dev.migrationreview.format;

import dev.migrationreview.format.MigrationScript.Section;
import java.util.ArrayList;
import java.util.List;

/** A script's lines, 1-based, as formats mark which of them a tool applies. */
public final class ScriptLines {
    private final String content;
    private final int count;
    /** Cut on first use: most files of a history are only counted (read as one whole section). */
    private String[] lines;

    public ScriptLines(String content) {
        this.content = content;
        int breaks = 0;
        for (int i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) {
            breaks++;
        }
        this.count = breaks + 1;
    }

    public int count() {
        return count;
    }

    private String[] lines() {
        if (lines == null) {
            // a byte-order mark would hide a marker on the first line (-- +goose Up, -- migrate:up)
            lines = (content.startsWith("\uFEFF") ? content.substring(1) : content).split("\n", -1);
        }
        return lines;
    }

    /** Line {@code n} (1-based) without its line terminator. */
    public String line(int n) {
        String l = lines()[n - 1];
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    /** Lines {@code first..last} joined with newlines. */
    public String text(int first, int last) {
        StringBuilder out = new StringBuilder();
        for (int i = first; i <= last; i++) {
            out.append(line(i));
            if (i < last) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The whole file as one section that the tool sends as one query string and wraps in no transaction of its own:
     * transactional when PostgreSQL makes it one ({@link FormatContext#runsAsOneTransaction}).
     */
    public List<Section> wholeAsOneQueryString(boolean transactional) {
        return List.of(new Section(1, count(), transactional, transactional));
    }

    /** The whole file as one section, or none when the file is empty. */
    public List<Section> whole(boolean transactional) {
        return List.of(new Section(1, count(), transactional));
    }

    /** Section list from runs of applied lines, dropping blank runs at the edges. */
    public static List<Section> runs(boolean[] applied, boolean transactional) {
        List<Section> out = new ArrayList<>();
        int start = -1;
        for (int i = 1; i < applied.length; i++) {
            if (applied[i] && start < 0) {
                start = i;
            } else if (!applied[i] && start >= 0) {
                out.add(new Section(start, i - 1, transactional));
                start = -1;
            }
        }
        if (start >= 0) {
            out.add(new Section(start, applied.length - 1, transactional));
        }
        return out;
    }
}
