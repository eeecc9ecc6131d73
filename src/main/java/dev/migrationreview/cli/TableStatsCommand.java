package dev.migrationreview.cli;

import dev.migrationreview.tablestats.TableStatsFile;
import dev.migrationreview.tablestats.TableStatsSnapshot;
import dev.migrationreview.tablestats.TableStatsSource;
import io.micronaut.context.annotation.Prototype;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code table-stats}: reads production table sizes and write rates (read-only) into the file that config's
 * {@code table-stats:} names, so reviews rate with real sizes. Meant for a scheduled job.
 */
@Prototype
final class TableStatsCommand implements Callable<Integer> {
    static final String NAME = "table-stats";
    static final String DESCRIPTION = "Reads row estimates, sizes and write rates of every table from a database, read-only, "
            + "and writes the table-facts file that config's table-stats: names.";

    private final OptionSpec databaseUrl = OptionSpec.builder("--database-url").required(true).paramLabel("JDBC_URL").type(String.class)
            .description("The database to read, e.g. jdbc:postgresql://db.internal:5432/shop (a replica is fine).").build();

    private final OptionSpec user = OptionSpec.builder("--user").paramLabel("USER").type(String.class)
            .description("The user to connect as (a read-only role is enough).").build();

    private final OptionSpec passwordEnv = OptionSpec.builder("--password-env").paramLabel("VAR").type(String.class)
            .description("The environment variable holding the password (never pass it on the command line).").build();

    private final OptionSpec out = OptionSpec.builder("--out").paramLabel("FILE").type(Path.class)
            .description("Where to write the file, e.g. .github/migration-review-tables.json (default: standard output).").build();

    private final OptionSpec hotWritesPerSecond = OptionSpec.builder("--hot-writes-per-second").paramLabel("N").type(double.class)
            .defaultValue("10")
            .description("Tables written (rows inserted, updated, deleted) this often or more are marked hot (default: ${DEFAULT-VALUE}).")
            .build();

    final CommandSpec spec = Main.command(this, NAME, DESCRIPTION)
            .addOption(databaseUrl).addOption(user).addOption(passwordEnv).addOption(out).addOption(hotWritesPerSecond);

    private final List<TableStatsSource> sources;

    TableStatsCommand(List<TableStatsSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public Integer call() throws IOException {
        String databaseUrl = this.databaseUrl.getValue();
        String user = this.user.getValue();
        String passwordEnv = this.passwordEnv.getValue();
        Path out = this.out.getValue();
        double hotWritesPerSecond = this.hotWritesPerSecond.getValue();
        TableStatsSource source = sources.stream().filter(s -> s.accepts(databaseUrl)).findFirst()
                .orElseThrow(() -> new InputException("--database-url: " + shown(databaseUrl)
                        + " is not a database this command reads (expected jdbc:postgresql://host:port/database)"));
        if (hotWritesPerSecond < 0 || Double.isNaN(hotWritesPerSecond)) {
            throw new InputException("--hot-writes-per-second: " + hotWritesPerSecond + " must be 0 or more");
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (passwordEnv != null) {
            String password = System.getenv(passwordEnv);
            if (password == null) {
                throw new InputException("--password-env " + passwordEnv + ": the environment variable is not set");
            }
            props.setProperty("password", password);
        }
        // a short connect timeout: a scheduled job must fail clearly, not hang
        props.setProperty("connectTimeout", "15");
        TableStatsSnapshot snapshot;
        try (Connection connection = DriverManager.getConnection(databaseUrl, props)) {
            source.makeReadOnly(connection);
            snapshot = source.read(connection, hotWritesPerSecond);
        } catch (SQLException e) {
            throw new InputException("--database-url " + shown(databaseUrl) + ": " + e.getMessage(), e);
        }
        String text = TableStatsFile.write(snapshot);
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.flush();
        } else {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, text);
            PrintWriter err = spec.commandLine().getErr();
            err.println("Wrote " + snapshot.tables().size() + " tables to " + out + ".");
            err.flush();
        }
        return 0;
    }

    /** The URL without its query string, which may carry a password. */
    private static String shown(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
