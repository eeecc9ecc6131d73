package dev.migrationreview.cli;

import dev.migrationreview.analysis.UnsupportedDialectException;
import dev.migrationreview.config.ConfigException;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code migration-review} command. A subcommand is one class in {@code subcommands}. Without a
 * subcommand it runs {@code serve} when that is in the list (the GitHub App's server is the default job),
 * else prints its usage.
 */
@Command(name = "migration-review",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Reviews database migrations: locks, rewrites, scans, compatibility and data loss.",
        subcommands = {ServeCommand.class, AnalyzeCommand.class, ReviewCommand.class, RulesCommand.class, ExplainCommand.class,
                TableStatsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:nothing at or above fail-on",
                "1:a finding at or above fail-on",
                "2:usage, config or input error (the message names it)"})
public final class Main implements Callable<Integer> {
    /** A finding at or above {@code fail-on}. */
    public static final int EXIT_FINDINGS = 1;
    /** Usage, config or input error. */
    public static final int EXIT_INPUT = 2;

    /** What {@code migration-review} with no arguments runs, once a subcommand of that name is listed. */
    static final String DEFAULT_SUBCOMMAND = "serve";

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err));
    }

    /** Runs one command line in its own application context; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try (ApplicationContext context = ApplicationContext.builder(Main.class, Environment.CLI).start();
             MicronautFactory factory = new MicronautFactory(context)) {
            CommandLine commandLine = new CommandLine(Main.class, factory)
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setOut(out)
                    .setErr(err)
                    .setExecutionExceptionHandler(Main::inputError);
            int code = commandLine.execute(args);
            out.flush();
            err.flush();
            return code;
        }
    }

    /** Everything that stops a review from being produced is exit 2, with one plain line naming the problem. */
    private static int inputError(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof InputException || e instanceof ConfigException || e instanceof UnsupportedDialectException) {
            err.println("migration-review: " + e.getMessage());
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println("migration-review: could not read input: " + e.getMessage());
        } else {
            err.println("migration-review: internal error, please report it: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_INPUT;
    }

    @Override
    public Integer call() {
        CommandLine serve = spec.commandLine().getSubcommands().get(DEFAULT_SUBCOMMAND);
        if (serve != null) {
            return serve.execute();
        }
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The version from the jar's manifest, or {@code development} when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        static String current() {
            String v = Main.class.getPackage().getImplementationVersion();
            return v == null ? "development" : v;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"migration-review " + current()};
        }
    }
}
