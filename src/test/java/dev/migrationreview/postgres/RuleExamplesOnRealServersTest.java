package dev.migrationreview.postgres;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.schema.Schema;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every example of the rule catalogue ({@code src/test/resources/rules/<rule>/bad.sql} and {@code good.sql}) on
 * real PostgreSQL of every major the model claims (9.6-18): each statement runs after {@code base.sql} and the file's earlier
 * statements, is observed exactly as {@link PostgresEffectsOnRealServersTest} observes its cases, and the
 * locks, rewrites and transaction use the server shows must equal what {@link PostgresEffectsModel} says.
 * Scans are not compared: the examples' tables are empty, and the planner does not read an empty table it
 * joins to (a foreign key's referenced table), so the server would show less than any non-empty table gets.
 * Every version runs every example: the catalogue is small enough, and
 * several examples are exactly the version-dependent cases (enum values in a transaction, SET NOT NULL with a
 * CHECK, volatile defaults). The rules reason from the model, so an example the model gets wrong is a rule
 * that reasons from a false premise. A statement the server refuses in a transaction block is watched while a
 * third session holds ROW EXCLUSIVE on the first table it locks (see {@link #blockerTable}).
 */
@ExtendWith(RealPostgresServers.class)
class RuleExamplesOnRealServersTest {
    private static final String DIRECTORY = "rules";

    /** Statements a plain server cannot run, each with why; everything else in the catalogue must run. */
    private static final Map<String, String> NOT_RUNNABLE = Map.of(
            "drop-database/bad.sql#1", "legacy_reports does not exist on a test server (the example has no history that could create it), "
                    + "and DROP DATABASE locks no relation whose lock could be compared",
            "drop-table/bad.sql#2", "legacy_sessions is created outside the SQL history (by a code migration: the point of the example), "
                    + "so a test server built from base.sql does not have it, and DROP TABLE IF EXISTS of a missing table locks nothing");

    /** Examples written for a newer server than the oldest the suite runs: the first major version that accepts them. */
    private static final Map<String, Integer> FIRST_VERSION = Map.ofEntries(
            Map.entry("add-column-generated-stored/bad.sql#1", 12), // generated columns
            Map.entry("add-column-volatile-default/bad.sql#1", 13), // gen_random_uuid() in core
            Map.entry("reindex-non-concurrent/good.sql#1", 12), // REINDEX CONCURRENTLY
            Map.entry("detach-partition-non-concurrent/good.sql#1", 14), // DETACH PARTITION ... CONCURRENTLY
            Map.entry("detach-partition-non-concurrent/bad.sql#1", 10), // declarative partitioning
            Map.entry("attach-partition-scan/bad.sql#1", 10),
            Map.entry("attach-partition-scan/good.sql#1", 10),
            Map.entry("attach-partition-scan/good.sql#2", 10),
            Map.entry("serial-column/good.sql#1", 10), // identity columns
            Map.entry("table-without-primary-key/good.sql#1", 10),
            Map.entry("table-without-primary-key/good.sql#2", 10),
            Map.entry("index-too-many-columns/good.sql#1", 11)); // INCLUDE columns

    private static PostgresStatementParser parser;

    @BeforeAll
    static void startParser() {
        parser = new PostgresStatementParser();
    }

    @AfterAll
    static void closeParser() throws Exception {
        if (parser != null) {
            parser.close();
        }
    }

    /** One statement of one example file, with what must run before it. */
    record Example(String name, String base, List<ParsedStatement> earlier, ParsedStatement statement) {}

    @TestFactory
    Stream<DynamicContainer> modelMatchesTheServerOnEveryRuleExample(RealPostgresServers servers) {
        List<Example> examples = examples();
        List<DynamicContainer> out = new ArrayList<>();
        for (int version : PostgresEffectsOnRealServersTest.VERSIONS) {
            out.add(DynamicContainer.dynamicContainer("PostgreSQL " + RealPostgres.label(version), examples.stream()
                    .map(e -> DynamicTest.dynamicTest(e.name(), () -> check(servers, version, e)))));
        }
        return out.stream();
    }

    private void check(RealPostgresServers servers, int version, Example e) throws Exception {
        String skip = NOT_RUNNABLE.get(e.name());
        Assumptions.assumeTrue(skip == null, skip);
        int first = FIRST_VERSION.getOrDefault(e.name(), 0);
        Assumptions.assumeTrue(version >= first, () -> e.name() + " needs PostgreSQL " + first + " or later");
        RealPostgres server = servers.server(version);
        try (Connection conn = server.connect()) {
            PostgresEffectsOnRealServersTest.reset(conn);
            List<ParsedStatement> history = new ArrayList<>(parser.parse(e.base()));
            history.addAll(e.earlier());
            // One statement at a time: the history holds statements (CREATE INDEX CONCURRENTLY) that refuse the
            // implicit transaction a multi-statement string runs in.
            try (Statement s = conn.createStatement()) {
                for (ParsedStatement h : history) {
                    if (!h.raw().metaCommand() && !transactionControl(h)) {
                        s.execute(h.raw().sql());
                    }
                }
            }
            Schema schema = CatalogSchema.read(conn);
            String blocker = blockerTable(version, e.statement(), schema);
            PostgresEffectsOnRealServersTest.Observed observed = PostgresEffectsOnRealServersTest.observe(server, conn,
                    e.statement().raw().sql(), blocker, "ROW EXCLUSIVE");
            if (Boolean.getBoolean("pgEffects.print")) {
                System.out.printf("OBSERVED %d %s: locks=%s rewrites=%s refusedInTx=%s blocker=%s%n", version, e.name(),
                        observed.seen().locks(), observed.seen().rewrites(), observed.refused(), blocker);
            }
            PostgresEffectsOnRealServersTest.assertModelMatches(version, "rule example " + e.name(), e.statement(), schema,
                    observed.refused(), observed.seen(), false);
        }
    }

    /**
     * A statement refused in a transaction block is watched while it runs; it must wait on something for its locks
     * to be caught, so a third session holds ROW EXCLUSIVE on the first table or materialized view it locks (what a
     * concurrent writer would hold), as the effects cases do with their {@code -- blocker:} line.
     */
    private static String blockerTable(int version, ParsedStatement statement, Schema schema) {
        return PostgresEffectsOnRealServersTest.modelEffects(version, statement, schema).locks().stream()
                .map(l -> l.relation().qualified())
                .filter(q -> schema.tables().containsKey(q) || schema.views().containsKey(q))
                .map(QualifiedName::toString)
                .findFirst().orElse(null);
    }

    /** BEGIN and COMMIT in the history would leave this test's own transaction handling in a state it did not choose. */
    private static boolean transactionControl(ParsedStatement s) {
        return switch (s.kind()) {
            case "BEGIN", "START TRANSACTION", "COMMIT", "END", "ROLLBACK" -> true;
            default -> false;
        };
    }

    static List<Example> examples() {
        URL url = RuleExamplesOnRealServersTest.class.getClassLoader().getResource(DIRECTORY);
        if (url == null) {
            throw new IllegalStateException("no " + DIRECTORY + " directory on the test classpath");
        }
        try (Stream<Path> dirs = Files.list(Path.of(url.toURI()))) {
            List<Example> out = new ArrayList<>();
            try (PostgresStatementParser p = new PostgresStatementParser()) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    Path basePath = dir.resolve("base.sql");
                    String base = Files.isRegularFile(basePath) ? Files.readString(basePath, StandardCharsets.UTF_8) : "";
                    // applied.sql is a migration that already ran: good.sql runs after it; bad.sql is an edit of it,
                    // which a server that ran it never runs, so there is nothing of bad.sql to observe
                    Path appliedPath = dir.resolve("applied.sql");
                    boolean edited = Files.isRegularFile(appliedPath);
                    if (edited) {
                        base = base + "\n" + Files.readString(appliedPath, StandardCharsets.UTF_8);
                    }
                    for (String file : edited ? List.of("good.sql") : List.of("bad.sql", "good.sql")) {
                        Path f = dir.resolve(file);
                        assertTrue(Files.isRegularFile(f), dir.getFileName() + " has no " + file);
                        List<ParsedStatement> statements = p.parse(Files.readString(f, StandardCharsets.UTF_8));
                        for (int i = 0; i < statements.size(); i++) {
                            if (!statements.get(i).raw().metaCommand()) {
                                out.add(new Example(dir.getFileName() + "/" + file + "#" + (i + 1), base, statements.subList(0, i),
                                        statements.get(i)));
                            }
                        }
                    }
                }
            }
            return out;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
