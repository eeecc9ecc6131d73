package dev.migrationreview.cli;

import dev.migrationreview.analysis.UnsupportedDialectException;
import dev.migrationreview.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code migration-review} command. A subcommand is one class in {@link #SUBCOMMANDS}. Without a
 * subcommand it runs {@code serve} when that is in the list (the GitHub App's server is the default job),
 * else prints its usage.
 */
@Command(name = "migration-review",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Reviews database migrations: locks, rewrites, scans, compatibility and data loss.",
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

    /** The subcommands, in the order the usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(ServeCommand.class, AnalyzeCommand.class, ReviewCommand.class,
            RulesCommand.class, ExplainCommand.class, TableStatsCommand.class);

    /** What {@code migration-review} with no arguments runs, once a subcommand of that name is listed. */
    static final String DEFAULT_SUBCOMMAND = "serve";

    @Spec
    CommandSpec spec;

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
            CommandLine serve = new CommandLine(new ServeCommand())
                    .setCommandName("migration-review " + DEFAULT_SUBCOMMAND)
                    .setOut(out)
                    .setErr(err);
            return serve.execute(args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        try (EngineContext engine = EngineContext.of(services)) {
            CommandLine commandLine = new CommandLine(Main.class, engine.commands());
            for (Class<?> subcommand : SUBCOMMANDS) {
                String name = subcommand.getAnnotation(Command.class).name();
                // serve is what the command runs without a subcommand (call()), and has no beans to start
                commandLine.addSubcommand(name, name.equals(DEFAULT_SUBCOMMAND) || Arrays.asList(args).contains(name)
                        ? new CommandLine(subcommand, engine.commands())
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
     * subcommand reads every option of its class and makes the command, which for the review commands starts the
     * engine's beans: a third of the CPU time of {@code --help} and {@code --version} (docs/performance.md).
     */
    private static CommandSpec outline(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
        spec.usageMessage().description(command.description()).hidden(command.hidden());
        return spec;
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

        @Override
        public String[] getVersion() {
            return new String[] {"migration-review " + current()};
        }
    }
}
