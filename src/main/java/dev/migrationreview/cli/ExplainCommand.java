package dev.migrationreview.cli;

import io.micronaut.context.annotation.Prototype;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explain <id>}: a rule's page (docs/rules/&lt;id&gt;.md) and its examples — the history, a migration it
 * flags and the safe version it does not — all packaged in the jar.
 */
@Prototype
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Prints a rule's page: what happens, why it matters, the safer migration, how to ignore it.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RULE", description = "A rule id, as `migration-review rules` lists them.")
    String ruleId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!ruleId.matches("[a-z0-9][a-z0-9-]*")) {
            throw new InputException("explain " + ruleId + ": rule ids are kebab-case, like create-index-non-concurrent");
        }
        try (InputStream page = ExplainCommand.class.getClassLoader().getResourceAsStream("docs/rules/" + ruleId + ".md")) {
            if (page == null) {
                throw new InputException("explain " + ruleId + ": no such rule (`migration-review rules` lists them)");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(new String(page.readAllBytes(), StandardCharsets.UTF_8));
            printExample(out, "History the examples run against", "base.sql");
            printExample(out, "Flagged", "bad.sql");
            printExample(out, "Not flagged", "good.sql");
            out.flush();
        }
        return 0;
    }

    private void printExample(PrintWriter out, String heading, String file) throws IOException {
        try (InputStream example = ExplainCommand.class.getClassLoader()
                .getResourceAsStream("docs/rules/examples/" + ruleId + "/" + file)) {
            if (example == null) {
                return;
            }
            String sql = new String(example.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
            out.printf("%n## Example: %s (%s)%n%n```sql%n%s%n```%n", heading, file, sql);
        }
    }
}
