package dev.migrationreview.cli;

import dev.migrationreview.report.RuleDocs;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
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
    public Integer call() {
        if (!RuleDocs.isRuleId(ruleId)) {
            throw new InputException("explain " + ruleId + ": rule ids are kebab-case, like create-index-non-concurrent");
        }
        String page = RuleDocs.markdown(ruleId).orElseThrow(() ->
                new InputException("explain " + ruleId + ": no such rule (`migration-review rules` lists them)"));
        PrintWriter out = spec.commandLine().getOut();
        out.print(page);
        out.flush();
        return 0;
    }
}
