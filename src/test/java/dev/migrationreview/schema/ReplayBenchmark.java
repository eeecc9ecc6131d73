package dev.migrationreview.schema;

import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import dev.migrationreview.postgres.sql.PostgresStatementSplitter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Measures replaying lemmy's whole diesel history and loading lago-api's structure.sql, warm, in one
 * JVM: with the parser's content-hash cache (what a long-running server sees when the same history
 * is reviewed again) and without it (a cold parse of every file, the first review of a repository).
 * Run: {@code ./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.migrationreview.schema.ReplayBenchmark}
 * Optional args: warm-up rounds, measured rounds (default 5 and 10).
 */
public final class ReplayBenchmark {
    private ReplayBenchmark() {}

    public static void main(String[] args) {
        Path root = Corpus.root().orElseThrow(() -> new IllegalStateException(Corpus.missingMessage()));
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<MigrationScript> lemmy = Corpus.lemmyHistory(root);
        List<MigrationScript> lago = List.of(Corpus.structureSql(root, "lago-api"));
        System.out.printf(Locale.ROOT, "java %s, %d cpus, max heap %d MB, load average %.1f%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        PostgresStatementParser cached = new PostgresStatementParser();
        System.out.printf(Locale.ROOT, "lemmy: %d statements in %d files; lago-api structure.sql: %d statements%n",
                lemmy.stream().mapToInt(f -> cached.parse(f.appliedText()).size()).sum(), lemmy.size(),
                cached.parse(lago.get(0).appliedText()).size());
        HistoryReplay withCache = new HistoryReplay(cached);
        // a parser whose cache holds nothing parses every file every time
        Supplier<HistoryReplay> uncached = () -> new HistoryReplay(new PostgresStatementParser(new PostgresStatementSplitter(),
                PostgresStatementParser.DEFAULT_TIMEOUT, 0));
        HistoryReplay withoutCache = uncached.get();

        run("lemmy history (" + lemmy.size() + " up.sql files), parse cache warm", withCache, lemmy, warmup, rounds);
        run("lemmy history (" + lemmy.size() + " up.sql files), no parse cache", withoutCache, lemmy, warmup, rounds);
        run("lago-api structure.sql, parse cache warm", withCache, lago, warmup, rounds);
        run("lago-api structure.sql, no parse cache", withoutCache, lago, warmup, rounds);
    }

    private static void run(String label, HistoryReplay replay, List<MigrationScript> history, int warmup, int rounds) {
        SchemaReplay.Result result = null;
        for (int i = 0; i < warmup; i++) {
            result = replay.replay(Schema.EMPTY, history);
        }
        // the parser runs JSqlParser on worker threads (for its timeout), so count the whole process
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] nanos = new long[rounds];
        long[] cpu = new long[rounds];
        long maxHeap = 0;
        for (int i = 0; i < rounds; i++) {
            System.gc();
            long before = usedHeap();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            result = replay.replay(Schema.EMPTY, history);
            nanos[i] = System.nanoTime() - start;
            cpu[i] = os.getProcessCpuTime() - cpuStart;
            maxHeap = Math.max(maxHeap, usedHeap() - before);
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.gc();
        long retained = usedHeap();
        // on a shared machine wall time includes waiting for a core; CPU time does not (it does include GC and JIT threads)
        System.out.printf(Locale.ROOT, "%-52s wall median %7.1f ms min %7.1f ms | cpu median %7.1f ms min %7.1f ms | allocated/run <= %3d MB"
                        + ", heap after gc %3d MB (%d tables, %d indexes, %d unmodelled)%n",
                label, ms(nanos[rounds / 2]), ms(nanos[0]), ms(cpu[rounds / 2]), ms(cpu[0]), maxHeap >> 20, retained >> 20,
                result.schema().tables().size(), result.schema().indexes().size(), result.unmodelled().size());
    }

    private static double ms(long nanos) {
        return Duration.ofNanos(nanos).toNanos() / 1e6;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
