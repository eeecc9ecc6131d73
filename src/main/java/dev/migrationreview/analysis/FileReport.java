package dev.migrationreview.analysis;

import dev.migrationreview.config.Risk;
import java.util.List;

/** One changed migration file in the report. {@code risk} is the highest of its findings. */
public record FileReport(String path, String tool, boolean transactional, Risk risk, List<StatementReport> statements) {
    public FileReport {
        statements = List.copyOf(statements);
    }
}
