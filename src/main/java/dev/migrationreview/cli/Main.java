package dev.migrationreview.cli;

import dev.migrationreview.analysis.UnsupportedDialectException;
import dev.migrationreview.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code migration-review} command. A subcommand is one entry in {@link #SUBCOMMANDS}. Without a
 * subcommand it runs {@code serve} when that is in the list (the GitHub App's server is the default job),
 * else prints its usage.
 *
 * <p>Each command builds its picocli model by hand ({@link #command}, picocli's {@code OptionSpec} builders beside the
 * values they hold): picocli reading annotations by reflection was a sixth of a warm review's main thread, and spun
 * a proxy class per annotation type on every run (docs/performance.md).
 */
public final class Main implements Callable<Integer> {
    /** A finding at or above {@code fail-on}. */
    public static final int EXIT_FINDINGS = 1;
    /** Usage, config or input error. */
    public static final int EXIT_INPUT = 2;

    /**
     * A subcommand: what {@code migration-review --help} lists of it, and its command, made only when the command line
     * names it (the review commands are beans of the engine's context, which starts when the first is made).
     */
    record Subcommand(String name, String description, Function<EngineContext, CommandSpec> command) {
    }

    /** The subcommands, in the order the usage lists them. */
    static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand(ServeCommand.NAME, ServeCommand.DESCRIPTION, engine -> new ServeCommand().spec),
            new Subcommand(AnalyzeCommand.NAME, AnalyzeCommand.DESCRIPTION, engine -> engine.create(AnalyzeCommand.class).spec),
            new Subcommand(ReviewCommand.NAME, ReviewCommand.DESCRIPTION, engine -> engine.create(ReviewCommand.class).spec),
            new Subcommand(RulesCommand.NAME, RulesCommand.DESCRIPTION, engine -> engine.create(RulesCommand.class).spec),
            new Subcommand(ExplainCommand.NAME, ExplainCommand.DESCRIPTION, engine -> engine.create(ExplainCommand.class).spec),
            new Subcommand(TableStatsCommand.NAME, TableStatsCommand.DESCRIPTION,
                    engine -> engine.create(TableStatsCommand.class).spec));

    /** What {@code migration-review} with no arguments runs, once a subcommand of that name is listed. */
    static final String DEFAULT_SUBCOMMAND = "serve";

    private final CommandSpec spec = command(this, "migration-review",
            "Reviews database migrations: locks, rewrites, scans, compatibility and data loss.")
            .version("migration-review " + Version.current());

    private Main() {
        spec.usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes(
                        "0", "nothing at or above fail-on",
                        "1", "a finding at or above fail-on",
                        "2", "usage, config or input error (the message names it)"));
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        if (serves(args)) {
            System.exit(execute(args, out, err));
        }
        System.exit(execute(args, out, err, reviewProcess()));
    }

    /**
     * Sets up a process that runs review commands, not the server; returns the services of the jar it runs from, if
     * it runs from one, to give each {@link #execute(String[], PrintWriter, PrintWriter, java.util.Optional)}.
     */
    static java.util.Optional<JarServices> reviewProcess() {
        // Nothing the engine does is logged; starting logback costs the command line a few hundred classes.
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        // Micronaut's services, listed from the jar instead of by walking it as a zip file system (docs/performance.md)
        java.util.Optional<JarServices> services = JarServices.ofRunningJar().map(jar -> jar.only(EngineContext::engineService));
        services.ifPresent(JarServices::install);
        return services;
    }

    /** Whether this command line runs the server, which makes its own application context. */
    static boolean serves(String[] args) {
        return args.length == 0 || args[0].equals(DEFAULT_SUBCOMMAND);
    }

    /**
     * Runs one command line; returns the exit code. The review commands get the engine's beans from an
     * {@link EngineContext}, closed when they finish; {@code serve} starts the server's application
     * context and no other.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, java.util.Optional.empty());
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter)}, with the services of the jar this runs from, if known. */
    static int execute(String[] args, PrintWriter out, PrintWriter err, java.util.Optional<JarServices> services) {
        if (serves(args)) {
            // Alone: picocli builds every subcommand it knows, and the review commands would start the engine's context.
            CommandLine serve = new CommandLine(new ServeCommand().spec)
                    .setCommandName("migration-review " + DEFAULT_SUBCOMMAND)
                    .setOut(out)
                    .setErr(err);
            return serve.execute(args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        try (EngineContext engine = EngineContext.of(services)) {
            CommandLine commandLine = new CommandLine(new Main().spec);
            // A command line that names its subcommand runs that one only: picocli makes a parser (and registers its ~40
            // type converters) for every subcommand it is given, and the others' names are only listed in --help.
            List<Subcommand> subcommands = SUBCOMMANDS.stream().filter(s -> s.name().equals(args[0])).toList();
            for (Subcommand subcommand : subcommands.isEmpty() ? SUBCOMMANDS : subcommands) {
                // serve is what the command runs without a subcommand (call()), and has no beans to start
                commandLine.addSubcommand(subcommand.name(),
                        subcommand.name().equals(DEFAULT_SUBCOMMAND) || Arrays.asList(args).contains(subcommand.name())
                                ? subcommand.command().apply(engine)
                                : outline(subcommand));
            }
            commandLine.setCaseInsensitiveEnumValuesAllowed(true)
                    .setOut(out)
                    .setErr(err)
                    .setExecutionExceptionHandler(Main::inputError);
            int code = commandLine.execute(args);
            out.flush();
            err.flush();
            return code;
        }
    }

    /**
     * A subcommand the command line does not name: only what {@code migration-review --help} lists of it. Building a
     * subcommand makes the command, which for the review commands starts the engine's beans: a third of the CPU time of
     * {@code --help} and {@code --version} (docs/performance.md).
     */
    private static CommandSpec outline(Subcommand subcommand) {
        CommandSpec spec = CommandSpec.create().name(subcommand.name());
        spec.usageMessage().description(subcommand.description());
        return spec;
    }

    /**
     * A command named {@code name} that runs {@code command}, with the {@code -h, --help} and {@code -V, --version} of
     * picocli's {@code mixinStandardHelpOptions}, worded as picocli words them.
     */
    static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        return spec;
    }

    private static Map<String, String> exitCodes(String... codeThenMeaning) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (int i = 0; i < codeThenMeaning.length; i += 2) {
            codes.put(codeThenMeaning[i], codeThenMeaning[i + 1]);
        }
        return codes;
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
    static final class Version {
        static String current() {
            String v = Main.class.getPackage().getImplementationVersion();
            return v == null ? "development" : v;
        }

        /**
         * The packaged build: its version and the time it was built (from the jar's manifest), which names
         * the engine that wrote a parse-cache entry; empty when run from classes.
         */
        static java.util.Optional<String> build() {
            try {
                java.security.CodeSource source = Main.class.getProtectionDomain().getCodeSource();
                if (source == null || !source.getLocation().getPath().endsWith(".jar")) {
                    return java.util.Optional.empty();
                }
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(java.nio.file.Path.of(source.getLocation().toURI()).toFile())) {
                    java.util.jar.Manifest manifest = jar.getManifest();
                    String version = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
                    String built = manifest == null ? null : manifest.getMainAttributes().getValue("Build-Time");
                    return version == null || built == null ? java.util.Optional.empty() : java.util.Optional.of(version + " " + built);
                }
            } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
                return java.util.Optional.empty();
            }
        }
    }
}
