package dev.migrationreview.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.SessionState;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementEffects;
import dev.migrationreview.analysis.TransactionUse;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The effects model's specification: every case in {@code src/test/resources/pg-effects} runs on real
 * PostgreSQL 11, 13, 15, 17 and 18, and the locks, rewrites and scans the server shows must equal what
 * {@link PostgresEffectsModel} says. A disagreement is a bug in the model.
 */
@ExtendWith(RealPostgresServers.class)
class PostgresEffectsOnRealServersTest {
    static final int[] VERSIONS = {11, 13, 15, 17, 18};

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

    @TestFactory
    Stream<DynamicContainer> modelMatchesTheServer(RealPostgresServers servers) {
        List<EffectsCase> cases = EffectsCase.all();
        List<DynamicContainer> out = new ArrayList<>();
        for (int version : VERSIONS) {
            out.add(DynamicContainer.dynamicContainer("PostgreSQL " + version, cases.stream().filter(c -> c.appliesTo(version))
                    .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(servers.server(version), c)))));
        }
        return out.stream();
    }

    private void check(RealPostgres server, EffectsCase c) throws Exception {
        int version = server.version;
        try (Connection conn = server.connect()) {
            reset(conn);
            if (!c.history().isEmpty()) {
                try (Statement s = conn.createStatement()) {
                    s.execute(c.history());
                }
            }
            Schema schema = CatalogSchema.read(conn);
            Observed observed = observe(server, conn, c.statement(), c.blockerTable(), c.blockerMode());
            ServerObservation seen = observed.seen();
            if (Boolean.getBoolean("pgEffects.print")) {
                System.out.printf("OBSERVED %d %s: locks=%s rewrites=%s scans=%s refusedInTx=%s%n", version, c.name(), seen.locks(),
                        seen.rewrites(), seen.scans(), observed.refused());
            }
            compare(version, c, schema, observed.refused(), seen);
        }
    }

    /** What the server did, and whether it refused the statement in a transaction block (then {@code seen} was watched). */
    record Observed(boolean refused, ServerObservation seen) {}

    /**
     * Runs {@code sql} in BEGIN ... ROLLBACK on {@code conn}; when the server refuses that, runs it for real on
     * {@code conn} while a second session watches, with a third holding {@code blockerMode} on
     * {@code blockerTable} (when given) so that the statement waits and its locks are caught.
     */
    static Observed observe(RealPostgres server, Connection conn, String sql, String blockerTable, String blockerMode) throws Exception {
        ServerObservation inTx = ServerObservation.inTransaction(conn, sql);
        if (!inTx.refusedInTransaction()) {
            return new Observed(false, inTx);
        }
        try (Connection watcher = server.connect(); Connection blocker = blockerTable == null ? null : server.connect()) {
            if (blocker != null) {
                blocker.setAutoCommit(false);
                try (Statement s = blocker.createStatement()) {
                    s.execute("LOCK TABLE " + blockerTable + " IN " + blockerMode + " MODE");
                }
            }
            conn.setAutoCommit(true);
            return new Observed(true, ServerObservation.watched(conn, watcher, blocker, sql));
        }
    }

    private void compare(int version, EffectsCase c, Schema schema, boolean refused, ServerObservation seen) {
        List<ParsedStatement> parsed = parser.parse(c.statement() + ";\n");
        assertEquals(1, parsed.size(), c.name() + ": the statement section must hold one statement");
        assertModelMatches(version, "case " + c.name(), parsed.get(0), schema, refused, seen, true);
    }

    /** What the model says about {@code statement} on {@code version}, given the schema the server had before it. */
    static StatementEffects modelEffects(int version, ParsedStatement statement, Schema schema) {
        ReviewConfig d = ReviewConfig.defaults();
        ReviewConfig config = new ReviewConfig(d.dialect(), version, d.migrations(), d.schemaFile(), d.deploy(), d.failOn(),
                d.largeTableRows(), d.tables(), d.rules(), d.ignorePaths());
        StatementContext context = new StatementContext(config, null, statement, schema, Set.of(), List.of(),
                SessionState.INITIAL, true, StatementEffects.UNKNOWN);
        return new PostgresEffectsModel().effects(context);
    }

    /**
     * Asserts the model's locks, rewrites and transaction use equal what the server showed, and its scans when
     * {@code checkScans} (only meaningful when the tables hold rows: on an empty table the planner skips reads).
     */
    static void assertModelMatches(int version, String label, ParsedStatement statement, Schema schema, boolean refused,
            ServerObservation seen, boolean checkScans) {
        StatementEffects model = modelEffects(version, statement, schema);
        String where = "PostgreSQL " + version + ", " + label + " (" + statement.raw().sql().strip() + "): ";
        assertTrue(model.modelled(), where + "the model has no entry for " + statement.statement());
        assertEquals(refused, model.transactionUse() == TransactionUse.NOT_IN_TRANSACTION,
                where + (refused ? "the server refused it in a transaction block" : "the server ran it in a transaction block"));
        Map<String, PostgresLockMode> modelLocks = new TreeMap<>();
        for (RelationLock l : model.locks()) {
            modelLocks.merge(l.relation().qualified().toString(), (PostgresLockMode) l.mode(), PostgresLockMode::strongest);
        }
        if (seen.watched()) {
            // Watched from another session: every lock seen must be modelled, at that mode or stronger (a
            // short-lived stronger lock can be missed between polls).
            for (Map.Entry<String, PostgresLockMode> e : seen.locks().entrySet()) {
                PostgresLockMode m = modelLocks.get(e.getKey());
                if (m == null || e.getValue().strongerThan(m)) {
                    fail(where + "server held " + e.getValue().databaseName() + " on " + e.getKey() + ", model says " + describe(modelLocks));
                }
            }
        } else {
            assertEquals(describe(seen.locks()), describe(modelLocks), where + "locks");
            if (checkScans) {
                assertEquals(seen.scans(), names(model.scans()), where + "scans");
            }
        }
        assertEquals(seen.rewrites(), names(model.rewrites()), where + "rewrites");
    }

    private static Set<String> names(List<QualifiedName> names) {
        return names.stream().map(n -> n.qualified().toString()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(Map<String, PostgresLockMode> locks) {
        return locks.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().databaseName()).collect(Collectors.joining(", "));
    }

    static void reset(Connection conn) throws Exception {
        try (Statement s = conn.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public; SET TimeZone = 'UTC'");
        }
    }

}
