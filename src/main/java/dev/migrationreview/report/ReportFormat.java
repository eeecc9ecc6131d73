package dev.migrationreview.report;

import java.util.Locale;

/** The output formats of a report, by the name the CLI's {@code --format} takes. */
public enum ReportFormat {
    TEXT,
    JSON,
    SARIF,
    MARKDOWN;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
