package dev.migrationreview.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.report.FileReport;
import dev.migrationreview.report.Report;
import dev.migrationreview.report.StatementReport;
import dev.migrationreview.schema.HistoryReplay;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine with the real parser, schema replay, migration finder, config loader and rules, as the CLI wires them. */
class ReviewEngineTest {
    private static ApplicationContext context;
    private static ReviewEngine engine;
    private static MigrationFinder finder;
    private static ConfigLoader configLoader;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder(Environment.CLI).start();
        engine = context.getBean(ReviewEngine.class);
        finder = context.getBean(MigrationFinder.class);
        configLoader = context.getBean(ConfigLoader.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static MigrationScript flyway(String path, String sql) {
        return finder.script(path, sql, MigrationTool.FLYWAY);
    }

    /** Flyway's V1, as the finder reads it: one transactional section. */
    private static final MigrationScript HISTORY = new MigrationScript("db/migration/V1__orders.sql", MigrationTool.FLYWAY, "1",
            "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL);\n", List.of(new MigrationScript.Section(1, 2, true)));

    @Test
    void ignoresRuleSettingsAndStatementsNotUnderstood() {
        String change = """
                -- migration-review:ignore update-without-where every order gets the new status on purpose
                UPDATE orders SET status = 'new';

                DELETE FROM orders;

                CREATE TABLE audit (id bigint PRIMARY KEY, at timestamp);
                -- migration-review:ignore delete-without-where
                UPDATE orders SET status = 'old';
                -- migration-review:ignore drop-table nothing is dropped here
                FROBNICATE the widgets;
                -- migration-review:ignore-file timestamp-without-time-zone reporting uses local time
                -- migration-review:ignore-file json-column stale
                """;
        ReviewConfig config = configLoader.parse("test.yml", """
                rules:
                  delete-without-where: { risk: critical }
                  no-such-rule: off
                """);
        Report report = engine.review(config, List.of(HISTORY), List.of(flyway("db/migration/V2__change.sql", change)), Optional.empty());

        FileReport file = report.files().get(0);
        assertEquals("db/migration/V2__change.sql", file.path());
        assertEquals("flyway", file.tool());
        assertTrue(file.transactional());
        List<StatementReport> s = file.statements();
        assertEquals(5, s.size());
        assertEquals(List.of(2, 4, 6, 8, 10), s.stream().map(StatementReport::startLine).toList());
        assertEquals(List.of("UPDATE", "DELETE", "CREATE TABLE", "UPDATE"), s.subList(0, 4).stream().map(StatementReport::kind).toList());

        assertFalse(rules(s.get(0)).contains("update-without-where"), "silenced by the directive above it");
        Finding delete = only(s.get(1), "delete-without-where");
        assertEquals(Risk.CRITICAL, delete.risk(), "config overrides the rule's risk");
        assertEquals(4, delete.line());
        assertFalse(rules(s.get(2)).contains("timestamp-without-time-zone"), "silenced by the ignore-file directive");
        assertTrue(rules(s.get(3)).contains("update-without-where"), "a directive without a reason silences nothing");
        Finding noReason = only(s.get(3), "ignore-without-reason");
        assertEquals(Risk.INFO, noReason.risk());
        assertTrue(noReason.message().contains("migration-review:ignore delete-without-where"), noReason.message());

        assertFalse(s.get(4).understood());
        assertEquals(Risk.INFO, only(s.get(4), "statement-not-understood").risk());
        Finding unusedHere = s.get(4).findings().stream().filter(f -> f.rule().equals("unused-ignore") && f.line() == 10).findFirst().orElseThrow();
        assertTrue(unusedHere.message().contains("rule `drop-table` reported nothing here"), unusedHere.message());
        Finding unusedFile = s.get(4).findings().stream().filter(f -> f.rule().equals("unused-ignore") && f.line() == 12).findFirst().orElseThrow();
        assertTrue(unusedFile.message().contains("json-column"), unusedFile.message());
        assertTrue(s.get(4).findings().stream().noneMatch(f -> f.message().contains("timestamp-without-time-zone")),
                "the used ignore-file directive is not reported");

        assertEquals(Risk.CRITICAL, file.risk());
        assertEquals(Risk.CRITICAL, report.risk());
        assertEquals("postgresql", report.dialect());
        assertEquals("14", report.databaseVersion());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("Config rules.no-such-rule: no postgresql rule has this id")), report.notes().toString());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("History: 1 migration file replayed")), report.notes().toString());
        assertTrue(report.notes().stream().anyMatch(n -> n.equals("db/migration/V2__change.sql: 1 statement not understood (line 10); they are shown but not checked.")),
                report.notes().toString());
    }

    @Test
    void aRuleTurnedOffDoesNotRunAndItsIgnoreIsReportedAsUnused() {
        String change = "-- migration-review:ignore delete-without-where archive is emptied elsewhere\nDELETE FROM orders;\n";
        ReviewConfig config = configLoader.parse("test.yml", "rules:\n  delete-without-where: off\n");
        Report report = engine.review(config, List.of(HISTORY), List.of(flyway("db/migration/V2__d.sql", change)), Optional.empty());
        StatementReport s = report.files().get(0).statements().get(0);
        assertFalse(rules(s).contains("delete-without-where"));
        assertTrue(only(s, "unused-ignore").message().contains("turned off in config"));
    }

    @Test
    void aFileLevelFindingLivesOnTheStatementItNamesAndItsIgnoreThereApplies() {
        String unsilenced = "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;\nSELECT 1;\n";
        Report plain = engine.review(ReviewConfig.defaults(), List.of(HISTORY), List.of(flyway("db/migration/V2__a.sql", unsilenced)), Optional.empty());
        List<StatementReport> s = plain.files().get(0).statements();
        Finding lockTimeout = only(s.get(0), "lock-timeout-missing");
        assertEquals(1, lockTimeout.line(), "anchored to the ALTER TABLE and filed under it");
        assertFalse(rules(s.get(1)).contains("lock-timeout-missing"));

        String silenced = "-- migration-review:ignore lock-timeout-missing orders is locked by nobody at deploy time\n" + unsilenced;
        Report quiet = engine.review(ReviewConfig.defaults(), List.of(HISTORY), List.of(flyway("db/migration/V2__a.sql", silenced)), Optional.empty());
        assertTrue(quiet.files().get(0).statements().stream().noneMatch(r -> rules(r).contains("lock-timeout-missing")));
        assertTrue(quiet.files().get(0).statements().stream().noneMatch(r -> rules(r).contains("unused-ignore")));
    }

    @Test
    void objectsCreatedEarlierInTheChangeAreNewAcrossFiles() {
        String first = "CREATE TABLE audit (id bigint PRIMARY KEY);\nDELETE FROM orders;\n";
        String second = "DELETE FROM audit;\nDELETE FROM orders;\n";
        Report report = engine.review(ReviewConfig.defaults(), List.of(HISTORY),
                List.of(flyway("db/migration/V2__a.sql", first), flyway("db/migration/V3__b.sql", second)), Optional.empty());
        assertEquals(2, report.files().size());
        assertTrue(rules(report.files().get(0).statements().get(1)).contains("delete-without-where"));
        assertFalse(rules(report.files().get(1).statements().get(0)).contains("delete-without-where"), "audit is new in V2");
        assertTrue(rules(report.files().get(1).statements().get(1)).contains("delete-without-where"));
    }

    @Test
    void contextCarriesSchemaSessionTransactionAndEarlierStatements() {
        PostgresStatementParser parser = new PostgresStatementParser();
        List<StatementContext> seen = new ArrayList<>();
        Rule probe = new Rule() {
            @Override
            public String id() {
                return "context-probe";
            }

            @Override
            public dev.migrationreview.sql.Dialect dialect() {
                return dev.migrationreview.sql.Dialect.POSTGRESQL;
            }

            @Override
            public Risk defaultRisk() {
                return Risk.INFO;
            }

            @Override
            public String summary() {
                return "records what the engine tells rules";
            }

            @Override
            public List<Finding> check(StatementContext c) {
                seen.add(c);
                return List.of();
            }
        };
        ReviewEngine probed = new ReviewEngine(List.of(parser), new HistoryReplay(parser), List.of(), List.of(probe));
        String a = "CREATE TABLE audit (id bigint);\nCREATE INDEX audit_id ON audit (id);\n";
        String b = """
                SET lock_timeout = '2s';
                BEGIN;
                ALTER TABLE orders ADD COLUMN note text;
                COMMIT;
                ALTER TABLE audit ADD COLUMN note text;
                """;
        MigrationScript nonTransactional = new MigrationScript("db/migration/V3__b.sql", MigrationTool.FLYWAY, "3", b,
                List.of(new MigrationScript.Section(1, 6, false)));
        Report report = probed.review(ReviewConfig.defaults(), List.of(HISTORY), List.of(flyway("db/migration/V2__a.sql", a), nonTransactional),
                Optional.empty());

        assertEquals(7, seen.size());
        assertTrue(seen.get(0).schemaBefore().table(QualifiedName.of("orders")).isPresent(), "history replayed");
        assertTrue(seen.get(0).schemaBefore().table(QualifiedName.of("audit")).isEmpty());
        assertTrue(seen.get(1).schemaBefore().table(QualifiedName.of("audit")).isPresent(), "schema evolves statement by statement");
        assertTrue(seen.get(1).isNew(QualifiedName.of("audit")));
        assertTrue(seen.get(1).inTransaction(), "Flyway wraps the file");
        assertEquals(1, seen.get(1).earlier().size());

        StatementContext alterOrders = seen.get(4);
        assertEquals("2s", alterOrders.session().lockTimeout());
        assertTrue(alterOrders.session().explicitTransaction());
        assertTrue(alterOrders.inTransaction(), "explicit BEGIN");
        assertFalse(alterOrders.isNew(QualifiedName.of("orders")));
        assertTrue(alterOrders.isNew(new QualifiedName("public", "audit_id")), "created by an earlier changed file");
        assertEquals(2, alterOrders.earlier().size(), "earlier is per file");
        StatementContext afterCommit = seen.get(6);
        assertFalse(afterCommit.inTransaction());
        assertTrue(afterCommit.isNew(QualifiedName.of("audit")));
        assertTrue(afterCommit.schemaBefore().table(QualifiedName.of("orders")).orElseThrow().column("note").isPresent());
        assertEquals(Risk.NONE, report.risk());
        assertTrue(report.notes().contains("No lock model for postgresql yet: locks, rewrites and scans are not reported."));
    }

    private static List<String> rules(StatementReport s) {
        return s.findings().stream().map(Finding::rule).toList();
    }

    private static Finding only(StatementReport s, String rule) {
        List<Finding> f = s.findings().stream().filter(x -> x.rule().equals(rule)).toList();
        assertEquals(1, f.size(), rule + " in " + s.findings());
        return f.get(0);
    }
}
