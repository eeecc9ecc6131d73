package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as an operator runs it, in its own process. The command line's context once stayed
 * open beside the server's, and Micronaut's health monitor then built a second connection pool, store
 * migration and job scheduler in it (issue 12, defect 1): one process, one of each.
 */
class ServeProcessTest {
    private static final Duration START = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void oneStorePoolMigrationAndSchedulerAfterTheHealthMonitorHasRun() throws Exception {
        Path out = dir.resolve("out.txt");
        Path log = dir.resolve("log.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(List.of(java,
                // the monitor waits a minute by default; the defect showed once it had run
                "-Dmicronaut.health.monitor.initial-delay=500ms",
                "-Dmicronaut.health.monitor.interval=500ms",
                "-Dlogger.levels.io.micronaut.management.health.monitor=DEBUG",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--port", "0", "--data-dir", dir.resolve("data").toString()))
                .redirectOutput(out.toFile())
                .redirectError(log.toFile())
                .start();
        try {
            awaitOrFail(() -> read(out).contains("listening on"), server, log, "the server listens");
            int checksAtStart = monitorChecks(read(log));
            awaitOrFail(() -> monitorChecks(read(log)) >= checksAtStart + 3, server, log, "the health monitor runs after start");

            List<String> threads = threadNames(server.pid());
            String text = read(log);
            assertEquals(1, threads.stream().filter(t -> t.equals("migration-review-store:housekeeper")).count(),
                    "one store connection pool; threads: " + threads);
            assertEquals(1, threads.stream().filter(t -> t.startsWith("db-scheduler-execute-due")).count(),
                    "one job scheduler; threads: " + threads);
            assertEquals(1, text.lines().filter(l -> l.contains("org.flywaydb.core.FlywayExecutor - Database:")).count(),
                    "the store is migrated once; log:\n" + text);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    private static int monitorChecks(String log) {
        return (int) log.lines().filter(l -> l.contains("Starting health monitor check")).count();
    }

    private static List<String> threadNames(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes());
        assertTrue(dump.waitFor(60, TimeUnit.SECONDS), "jcmd finished");
        return text.lines().filter(l -> l.startsWith("\"")).map(l -> l.substring(1, l.indexOf('"', 1))).toList();
    }

    private static void awaitOrFail(BooleanSupplier condition, Process server, Path log, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(START);
        while (!condition.getAsBoolean()) {
            assertTrue(server.isAlive(), "the server stopped before " + what + "; log:\n" + read(log));
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting until " + what + "; log:\n" + read(log));
            Thread.sleep(200);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
