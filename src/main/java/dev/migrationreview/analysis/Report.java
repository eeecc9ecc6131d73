package dev.migrationreview.analysis;

import dev.migrationreview.config.Risk;
import java.util.List;

/**
 * One review of a set of changed migration files: the in-memory form of report-format v1
 * ({@code migration-review/v1}), from which JSON, text, SARIF, markdown and the GitHub check run and
 * comments are all rendered.
 */
public record Report(String dialect, String databaseVersion, Risk risk, List<FileReport> files, List<String> notes) {
    public static final String FORMAT = "migration-review/v1";

    public Report {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }
}
