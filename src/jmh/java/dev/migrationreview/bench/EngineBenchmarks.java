package dev.migrationreview.bench;

import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import dev.migrationreview.postgres.sql.PostgresStatementSplitter;
import dev.migrationreview.report.JsonReport;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.report.RuleDescription;
import dev.migrationreview.report.SarifReport;
import dev.migrationreview.report.TextReport;
import dev.migrationreview.schema.HistoryReplay;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.SchemaReplay;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.RawStatement;
import io.micronaut.context.BeanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's hot paths on a generated history (no corpus needed, the same input on every machine):
 * splitting, parsing, replaying, the rules over a change, and rendering the report. Outside the build's
 * tests; run with {@code ./mvnw -B -Pbenchmarks test-compile exec:exec@benchmarks} (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmarks {

    /** Files in the generated history; each holds 6 statements. */
    @Param({"800"})
    int files;

    private List<String> texts;
    private List<MigrationScript> history;
    private List<MigrationScript> change;
    private PostgresStatementSplitter splitter;
    private PostgresStatementParser uncachedParser;
    private HistoryReplay cachedReplay;
    private BeanContext beans;
    private ReviewEngine engine;
    private Report report;
    private List<RuleDescription> catalogue;
    private List<RawStatement> changeStatements;

    @Setup(Level.Trial)
    public void setUp() {
        texts = new ArrayList<>();
        history = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            String text = file(i);
            texts.add(text);
            history.add(script(String.format("migrations/V%04d__step.sql", i), text));
        }
        change = List.of(script("migrations/V9999__change.sql", """
                ALTER TABLE t7 ADD COLUMN note text NOT NULL DEFAULT 'x';
                CREATE INDEX t7_note_idx ON t7 (note);
                ALTER TABLE t7 ALTER COLUMN c3 TYPE bigint;
                ALTER TABLE t7 ADD CONSTRAINT t7_t8_fk FOREIGN KEY (c1) REFERENCES t8 (id);
                UPDATE t7 SET note = 'y';
                DROP TABLE t9;
                """));
        splitter = new PostgresStatementSplitter();
        uncachedParser = new PostgresStatementParser(splitter, PostgresStatementParser.DEFAULT_TIMEOUT, 0);
        cachedReplay = new HistoryReplay(new PostgresStatementParser());
        cachedReplay.replay(Schema.EMPTY, history);
        beans = BeanContext.run();
        engine = beans.getBean(ReviewEngine.class);
        report = engine.review(ReviewConfig.defaults(), history, change, Optional.empty());
        catalogue = RuleDescription.catalogue(engine.rules());
        changeStatements = splitter.split(change.get(0).appliedText());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        uncachedParser.close();
        beans.close();
    }

    private static MigrationScript script(String path, String text) {
        int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
        return new MigrationScript(path, MigrationTool.PLAIN, null, text, List.of(new MigrationScript.Section(1, lines, false)));
    }

    /** One migration of the generated history: a table's life over time, as real histories go. */
    private static String file(int i) {
        int t = i % 50;
        if (i < 50) {
            return "CREATE TABLE t" + t + " (id bigint PRIMARY KEY, c1 bigint, c2 text NOT NULL DEFAULT '', c3 integer,\n"
                    + "    created_at timestamptz NOT NULL DEFAULT now());\n"
                    + "CREATE INDEX t" + t + "_c1_idx ON t" + t + " (c1);\n"
                    + "COMMENT ON TABLE t" + t + " IS 'table " + t + "';\n"
                    + "INSERT INTO t" + t + " (id, c2) VALUES (1, 'seed');\n"
                    + "GRANT SELECT ON t" + t + " TO reader;\n"
                    + "CREATE SEQUENCE t" + t + "_seq;\n";
        }
        return "ALTER TABLE t" + t + " ADD COLUMN v" + i + " text;\n"
                + "CREATE INDEX CONCURRENTLY t" + t + "_v" + i + "_idx ON t" + t + " (v" + i + ") WHERE v" + i + " IS NOT NULL;\n"
                + "UPDATE t" + t + " SET v" + i + " = c2 WHERE id < 1000;\n"
                + "ALTER TABLE t" + t + " ALTER COLUMN v" + i + " SET DEFAULT 'none';\n"
                + "ALTER TABLE t" + t + " ADD CONSTRAINT t" + t + "_v" + i + "_len CHECK (length(v" + i + ") < 100) NOT VALID;\n"
                + "SELECT count(*) FROM t" + t + " JOIN t" + ((t + 1) % 50) + " ON t" + t + ".c1 = t" + ((t + 1) % 50) + ".id;\n";
    }

    @Benchmark
    public int splitHistory() {
        int n = 0;
        for (String text : texts) {
            n += splitter.split(text).size();
        }
        return n;
    }

    @Benchmark
    public int parseHistoryUncached() {
        int n = 0;
        for (String text : texts) {
            n += uncachedParser.parse(text).size();
        }
        return n;
    }

    @Benchmark
    public SchemaReplay.Result replayHistoryParsed() {
        return cachedReplay.replay(Schema.EMPTY, history);
    }

    @Benchmark
    public Report reviewChangeAgainstHistory() {
        return engine.review(ReviewConfig.defaults(), history, change, Optional.empty());
    }

    @Benchmark
    public int parseChangeStatements() {
        int n = 0;
        for (RawStatement raw : changeStatements) {
            ParsedStatement p = uncachedParser.parseStatement(raw);
            n += p.understood() ? 1 : 0;
        }
        return n;
    }

    @Benchmark
    public int renderReports() {
        return TextReport.render(report, false).length() + JsonReport.render(report).length()
                + SarifReport.render(report, catalogue, "benchmark").length();
    }
}
