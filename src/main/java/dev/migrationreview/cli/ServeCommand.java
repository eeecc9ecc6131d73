package dev.migrationreview.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: runs the GitHub App server until the process is stopped. Configuration comes from
 * the environment (docs/github-app.md); the options here override the most common ones.
 */
public class ServeCommand implements Callable<Integer> {
    static final String NAME = "serve";
    static final String DESCRIPTION = "Run the GitHub App: receive webhooks, review pull requests, publish check runs and comments. "
            + "Without credentials, the home page registers the app on GitHub.";

    private final OptionSpec port = OptionSpec.builder("--port").paramLabel("<port>").type(Integer.class)
            .description("HTTP port (default: $PORT or 3000; 0 picks a free one)").build();

    private final OptionSpec dataDir = OptionSpec.builder("--data-dir").paramLabel("<dataDir>").type(String.class)
            .description("Where the embedded store and registered credentials live (default: $DATA_DIR or ./data)").build();

    final CommandSpec spec = Main.command(this, NAME, DESCRIPTION).addOption(port).addOption(dataDir);

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServeCommand().spec).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Integer port = this.port.getValue();
        String dataDir = this.dataDir.getValue();
        Map<String, Object> properties = new HashMap<>();
        if (port != null) {
            properties.put("micronaut.server.port", port);
        }
        if (dataDir != null) {
            properties.put("migration-review.data-dir", dataDir);
        }
        ApplicationContext context = null;
        EmbeddedServer server;
        try {
            // Not Micronaut.run(): it exits the JVM on a start-up failure after logging a stack trace,
            // where an operator needs the one sentence that says which setting is wrong.
            context = ApplicationContext.builder()
                    .mainClass(ServeCommand.class)
                    .properties(properties)
                    .start();
            server = context.getBean(EmbeddedServer.class);
            server.start();
        } catch (RuntimeException e) {
            System.err.println("migration-review cannot start: " + rootMessage(e));
            if (context != null && context.isRunning()) {
                context.close();
            }
            return 1;
        }
        System.out.println("migration-review listening on " + server.getURL());
        CountDownLatch stopped = new CountDownLatch(1);
        ApplicationContext running = context;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (running.isRunning()) {
                running.close();
            }
            stopped.countDown();
        }, "migration-review-shutdown"));
        stopped.await();
        return 0;
    }

    /** The innermost message: Micronaut wraps a bean's start-up failure in several layers. */
    static String rootMessage(Throwable error) {
        Throwable cause = error;
        String message = error.getMessage();
        while (cause != null) {
            if (cause.getMessage() != null && (cause instanceof IllegalStateException || cause.getCause() == null)) {
                message = cause.getMessage();
            }
            cause = cause.getCause();
        }
        return message;
    }
}
