package dev.migrationreview.cli;

import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.report.RuleDescription;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rules}: every rule with its id, default risk and what it catches. */
@Prototype
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Lists every rule: id, default risk, summary.")
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final ReviewEngine engine;

    RulesCommand(ReviewEngine engine) {
        this.engine = engine;
    }

    @Override
    public void run() {
        List<RuleDescription> catalogue = RuleDescription.catalogue(engine.rules(), ReviewConfig.defaults().dialect());
        int width = catalogue.stream().mapToInt(d -> d.id().length()).max().orElse(10);
        PrintWriter out = spec.commandLine().getOut();
        for (RuleDescription d : catalogue) {
            out.printf("%-" + width + "s  %-8s  %s%n", d.id(), d.risk().configName(), d.summary());
        }
        out.println();
        out.println("`migration-review explain <id>` shows a rule's page.");
        out.flush();
    }
}
