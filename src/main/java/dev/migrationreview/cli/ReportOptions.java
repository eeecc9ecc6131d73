package dev.migrationreview.cli;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.Rule;
import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.report.JsonReport;
import dev.migrationreview.report.MarkdownReport;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.report.ReportFormat;
import dev.migrationreview.report.RuleDescription;
import dev.migrationreview.report.SarifReport;
import dev.migrationreview.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The options {@code analyze} and {@code review} share: where config comes from and how the report prints. */
final class ReportOptions {
    private final OptionSpec format = OptionSpec.builder("--format").paramLabel("FORMAT").type(ReportFormat.class)
            .defaultValue("text")
            .description("text, json, sarif or markdown (default: ${DEFAULT-VALUE}).").build();

    private final OptionSpec docsUrl = OptionSpec.builder("--docs-url").paramLabel("URL").type(String.class)
            .defaultValue("${sys:migration-review.docs-url:-${env:MIGRATION_REVIEW_DOCS_URL:-}}")
            .description("Where rule pages are published, for the links in SARIF: the id replaces {id}, or is appended "
                    + "(e.g. https://migration-review.example.com/rules/, the app's own pages). Default: "
                    + "MIGRATION_REVIEW_DOCS_URL, else no links (`migration-review explain RULE` prints a page).").build();

    private final OptionSpec config = OptionSpec.builder("--config").paramLabel("FILE").type(Path.class)
            .description("A migration-review.yml to use instead of the repository's.").build();

    /** Adds these options to a command. */
    CommandSpec addTo(CommandSpec command) {
        return command.addOption(format).addOption(docsUrl).addOption(config);
    }

    /** The {@code --config} file, parsed; empty when not given. Its {@code table-stats:} file is read from the working directory. */
    Optional<ReviewConfig> explicitConfig(ConfigLoader loader) {
        return explicitConfig(loader, new DirectoryRepositoryFiles(Path.of("")));
    }

    /** The same, reading its {@code table-stats:} file from {@code tableStatsFrom}. */
    Optional<ReviewConfig> explicitConfig(ConfigLoader loader, RepositoryFiles tableStatsFrom) {
        Path config = this.config.getValue();
        if (config == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(loader.parse(config.toString().replace('\\', '/'), Files.readString(config), tableStatsFrom));
        } catch (NoSuchFileException e) {
            throw new InputException("--config " + config + ": no such file");
        } catch (IOException e) {
            throw new InputException("--config " + config + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    /** Prints the report and returns the exit code: 1 when a finding is at or above {@code fail-on}. */
    int print(Report report, ReviewConfig config, List<Rule> rules, PrintWriter out) {
        ReportFormat format = this.format.getValue();
        String docsUrl = this.docsUrl.getValue();
        String text = switch (format) {
            case JSON -> JsonReport.render(report);
            case SARIF -> SarifReport.render(report, RuleDescription.catalogue(rules, config.dialect()), Main.Version.current(),
                    docsUrl == null ? "" : docsUrl);
            case MARKDOWN -> MarkdownReport.render(report);
            case TEXT -> TextReport.render(report, System.console() != null);
        };
        out.print(text);
        out.flush();
        return fails(report, config.failOn()) ? Main.EXIT_FINDINGS : 0;
    }

    static boolean fails(Report report, Risk failOn) {
        return report.files().stream()
                .flatMap(f -> f.statements().stream())
                .flatMap(s -> s.findings().stream())
                .map(Finding::risk)
                .anyMatch(r -> r.atLeast(failOn));
    }
}
