package dev.migrationreview.cli;

import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.report.RuleDescription;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rules}: every rule with its id, default risk and what it catches. */
@Prototype
final class RulesCommand implements Runnable {
    static final String NAME = "rules";
    static final String DESCRIPTION = "Lists every rule: id, default risk, summary.";

    final CommandSpec spec = Main.command(this, NAME, DESCRIPTION);

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
