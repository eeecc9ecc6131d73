package dev.migrationreview.cli;

import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.report.RuleDocs;
import dev.migrationreview.sql.Dialect;
import io.micronaut.context.annotation.Prototype;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code explain <id>}: a rule's page (docs/rules/&lt;id&gt;.md) and its examples — the history, a migration it
 * flags and the safe version it does not — all packaged in the jar.
 */
@Prototype
final class ExplainCommand implements Callable<Integer> {
    static final String NAME = "explain";
    static final String DESCRIPTION = "Prints a rule's page: what happens, why it matters, the safer migration, how to ignore it.";

    private final PositionalParamSpec ruleId = PositionalParamSpec.builder().paramLabel("RULE").required(true).type(String.class)
            .description("A rule id, as `migration-review rules` lists them.").build();

    private final OptionSpec dialect = OptionSpec.builder("--dialect").paramLabel("DIALECT").type(String.class)
            .description("postgresql, mysql or mariadb: whose page of a shared rule to show (default: the working directory's config, else postgresql).")
            .build();

    final CommandSpec spec = Main.command(this, NAME, DESCRIPTION).addPositional(ruleId).addOption(dialect);

    @Override
    public Integer call() {
        String ruleId = this.ruleId.getValue();
        if (!RuleDocs.isRuleId(ruleId)) {
            throw new InputException("explain " + ruleId + ": rule ids are kebab-case, like create-index-non-concurrent");
        }
        String page = RuleDocs.markdown(ruleId, dialect()).orElseThrow(() ->
                new InputException("explain " + ruleId + ": no such rule (`migration-review rules` lists them)"));
        PrintWriter out = spec.commandLine().getOut();
        out.print(page);
        out.flush();
        return 0;
    }

    /** {@code --dialect}, else the dialect of the working directory's config (as {@code analyze} reads it), else PostgreSQL. */
    private Dialect dialect() {
        String dialect = this.dialect.getValue();
        if (dialect != null) {
            try {
                return Dialect.fromConfigName(dialect);
            } catch (IllegalArgumentException e) {
                throw new InputException("--dialect: " + e.getMessage());
            }
        }
        for (String name : List.of(".github/migration-review.yml", ".migration-review.yml")) {
            Path p = Path.of(name);
            if (Files.isRegularFile(p)) {
                try {
                    return new YamlConfigLoader().parse(name, Files.readString(p)).dialect();
                } catch (IOException | RuntimeException e) {
                    // explain is help text: a config it cannot read must not hide the page; analyze reports the config's errors
                    return Dialect.POSTGRESQL;
                }
            }
        }
        return Dialect.POSTGRESQL;
    }
}
