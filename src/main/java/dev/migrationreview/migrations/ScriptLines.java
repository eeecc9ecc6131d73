package dev.migrationreview.migrations;

import dev.migrationreview.migrations.MigrationScript.Section;
import dev.migrationreview.sql.Dialect;
import java.util.ArrayList;
import java.util.List;

/** A script's lines, 1-based, and the transaction rules that depend on how a tool sends them. */
final class ScriptLines {
    private final String[] lines;

    ScriptLines(String content) {
        // a byte-order mark would hide a marker on the first line (-- +goose Up, -- migrate:up)
        this.lines = (content.startsWith("\uFEFF") ? content.substring(1) : content).split("\n", -1);
    }

    int count() {
        return lines.length;
    }

    /** Line {@code n} (1-based) without its line terminator. */
    String line(int n) {
        String l = lines[n - 1];
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    /** Lines {@code first..last} joined with newlines. */
    String text(int first, int last) {
        StringBuilder out = new StringBuilder();
        for (int i = first; i <= last; i++) {
            out.append(line(i));
            if (i < last) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** The whole file as one section, or none when the file is empty. */
    List<Section> whole(boolean transactional) {
        return List.of(new Section(1, count(), transactional));
    }

    /**
     * Whether lines {@code first..last}, sent to PostgreSQL as one simple-query string (golang-migrate's
     * {@code Exec}, diesel's {@code batch_execute}, dbmate with {@code transaction:false}, Prisma), run as one
     * implicit transaction. PostgreSQL wraps a multi-statement query string in an implicit transaction block,
     * so {@code CREATE INDEX CONCURRENTLY} fails there; a single statement runs on its own and autocommits.
     */
    boolean isImplicitTransactionBatch(int first, int last, Dialect dialect) {
        // MySQL has no implicit transaction block for a multi-statement string, and its DDL commits anyway
        return dialect == Dialect.POSTGRESQL && ScriptStatements.of(text(first, last)).size() > 1;
    }

    /** Section list from runs of applied lines, dropping blank runs at the edges. */
    static List<Section> runs(boolean[] applied, boolean transactional) {
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
