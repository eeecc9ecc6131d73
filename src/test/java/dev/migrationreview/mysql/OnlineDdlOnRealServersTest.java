package dev.migrationreview.mysql;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.QualifiedName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MySQL/MariaDB model's specification: every case of {@code src/test/resources/mysql-ddl/catalogue.sql} runs on
 * every real server the suite starts (MariaDB 10.11 and 11.4, MySQL 8.0.12 and 5.7), and the report's {@code ddl}
 * (algorithm, lock, rebuildsTable), {@code rewrites} and metadata {@code locks} — from the real engine, with the
 * server's dialect and exact version — must equal what the server does: the cheapest ALGORITHM and least restrictive
 * LOCK it accepts, the tables whose InnoDB table id changed, the metadata locks another session sees, and whether it
 * refuses an explicit ALGORITHM=/LOCK=. A disagreement is a bug in the model (or a fact the model lacks).
 * Every observation is written to {@code target/mysql-ddl-observations.md}. {@code -DmysqlServers=mysql-8.0} runs one
 * server.
 */
@ExtendWith(RealMysqlServers.class)
class OnlineDdlOnRealServersTest {
    static final Path OBSERVATIONS = Path.of("target", "mysql-ddl-observations.md");

    /** {@code mysql-ddl/known-disagreements.txt}: "<server> <case>" to what the test said, for model bugs already reported. */
    private static final Map<String, String> KNOWN = OnlineDdlCase.knownDisagreements();

    @TestFactory
    Stream<DynamicContainer> modelMatchesTheServer(RealMysqlServers servers) throws IOException {
        Files.createDirectories(OBSERVATIONS.getParent());
        Files.writeString(OBSERVATIONS, "| server | case | observed | model |\n| --- | --- | --- | --- |\n", StandardCharsets.UTF_8);
        List<OnlineDdlCase> cases = OnlineDdlCase.all();
        List<DynamicContainer> out = new ArrayList<>();
        for (RealMysql.Release release : RealMysql.Release.selected()) {
            out.add(DynamicContainer.dynamicContainer(release.label, cases.stream().filter(c -> c.runsOn(release))
                    .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(servers.server(release), c)))));
        }
        return out.stream();
    }

    private void check(RealMysql server, OnlineDdlCase c) throws Exception {
        ServerDdlObservation seen = ServerDdlObservation.observe(server, c);
        StatementReport model = model(server, c);
        record(server, c, seen, model);
        String where = server.describe() + ", case " + c.name() + " (" + c.statement() + "):\n  server: " + seen.summary()
                + "\n  model:  " + describe(model) + "\n  ";
        if (!c.explicit() && seen.algorithm() != null) {
            assertNotNull(seen.lock(), where + "no lock level");
        }
        assertTrue(seen.refused() != null || !seen.metadataLocks().isEmpty(),
                where + "the statement ran but no metadata lock of it was seen: the observation is wrong");
        List<String> wrong = disagreements(c, seen, model);
        if (!wrong.isEmpty()) {
            String known = KNOWN.get(server.release.label + " " + c.name());
            Assumptions.assumeTrue(known == null, () -> "known disagreement, reported to mysql-engine: " + where + String.join("; ", wrong));
            fail(where + String.join("; ", wrong));
        }
    }

    /** The real engine's report of the case's statement, with the server's dialect and exact version. */
    static StatementReport model(RealMysql server, OnlineDdlCase c) {
        Dialect dialect = server.release.mariadb ? Dialect.MARIADB : Dialect.MYSQL;
        List<String> history = new ArrayList<>(OnlineDdlCase.base());
        StringBuilder change = new StringBuilder();
        for (String h : c.history()) {
            // session settings hold for the session that runs the statement: the change script, not the history
            if (h.regionMatches(true, 0, "SET ", 0, 4)) {
                change.append(h).append(";\n");
            } else {
                history.add(h);
            }
        }
        change.append(c.statement()).append(";\n");
        return MysqlReview.last(dialect, server.version, history.stream().map(h -> h + ";\n").collect(Collectors.joining()), change.toString());
    }

    /** What the model says that the server contradicts; empty when they agree. */
    static List<String> disagreements(OnlineDdlCase c, ServerDdlObservation seen, StatementReport model) {
        List<String> out = new ArrayList<>();
        OnlineDdl ddl = model.ddl();
        if (seen.algorithm() != null) {
            if (ddl == null) {
                out.add("the server runs it as online DDL (" + seen.algorithm() + "/" + seen.lock() + "), the model has no ddl");
            } else {
                if (!ddl.algorithm().name().equals(seen.algorithm())) {
                    out.add("algorithm: server " + seen.algorithm() + ", model " + ddl.algorithm());
                }
                if (!ddl.lock().name().equals(seen.lock())) {
                    out.add("lock: server " + seen.lock() + " with " + seen.algorithm() + ", model " + ddl.lock());
                }
            }
        }
        if (c.explicit()) {
            boolean modelRefuses = ddl != null && ddl.refused();
            if (modelRefuses != (seen.refused() != null)) {
                out.add(seen.refused() != null ? "the server refuses it (" + seen.refused() + "), the model accepts it"
                        : "the server accepts it, the model refuses it: " + (ddl == null ? "" : ddl.refusal()));
            }
        }
        if (seen.refused() == null) {
            Set<String> modelRewrites = model.rewrites().stream().map(OnlineDdlOnRealServersTest::table).collect(Collectors.toCollection(TreeSet::new));
            if (!modelRewrites.equals(seen.rebuilt())) {
                out.add("rebuilt: server " + seen.rebuilt() + ", model rewrites " + modelRewrites);
            }
            if (ddl != null && ddl.rebuildsTable() != seen.rebuilt().contains(c.table())) {
                out.add("rebuildsTable: server " + seen.rebuilt().contains(c.table()) + ", model " + ddl.rebuildsTable());
            }
            out.addAll(lockDisagreements(seen, model));
        }
        return out;
    }

    /**
     * Every metadata lock the server's session held or waited for on a table must be in the model at that strength or
     * stronger (a watcher can miss a short-lived one, so the model may say more than was seen).
     */
    private static List<String> lockDisagreements(ServerDdlObservation seen, StatementReport model) {
        Map<String, MysqlLockMode> modelLocks = new TreeMap<>();
        for (RelationLock l : model.locks()) {
            if (l.mode() instanceof MysqlLockMode m) {
                modelLocks.merge(table(l.relation()), m, (a, b) -> a.strongerThan(b) ? a : b);
            }
        }
        List<String> out = new ArrayList<>();
        seen.metadataLocks().forEach((table, types) -> {
            MysqlLockMode needed = types.stream().map(OnlineDdlOnRealServersTest::covering).reduce((a, b) -> a.strongerThan(b) ? a : b).orElseThrow();
            MysqlLockMode m = modelLocks.get(table);
            if (m == null || needed.strongerThan(m)) {
                out.add("metadata locks on " + table + ": server " + types + ", model " + (m == null ? "none" : m.databaseName()));
            }
        });
        return out;
    }

    /**
     * The weakest of the model's modes that blocks everything {@code type} blocks: performance_schema also shows
     * SHARED / SHARED_HIGH_PRIO (dictionary reads, blocking only EXCLUSIVE), SHARED_WRITE_LOW_PRIO and
     * SHARED_READ_ONLY (a foreign key's parent while the child is copied: blocks writes like SHARED_NO_WRITE).
     */
    static MysqlLockMode covering(String type) {
        return switch (type) {
            case "SHARED", "SHARED_HIGH_PRIO", "SHARED_READ" -> MysqlLockMode.SHARED_READ;
            case "SHARED_WRITE", "SHARED_WRITE_LOW_PRIO" -> MysqlLockMode.SHARED_WRITE;
            case "SHARED_READ_ONLY", "SHARED_NO_WRITE" -> MysqlLockMode.SHARED_NO_WRITE;
            default -> MysqlLockMode.valueOf(type);
        };
    }

    private static String table(QualifiedName name) {
        return name.name();
    }

    static String describe(StatementReport model) {
        OnlineDdl d = model.ddl();
        String ddl = d == null ? "-" : d.algorithm() + "/" + d.lock() + (d.rebuildsTable() ? " rebuilds" : "") + (d.refused() ? " refused" : "");
        return ddl + " rewrites=" + model.rewrites().stream().map(OnlineDdlOnRealServersTest::table).toList() + " locks="
                + model.locks().stream().map(l -> table(l.relation()) + "=" + l.mode().databaseName()).toList();
    }

    private static synchronized void record(RealMysql server, OnlineDdlCase c, ServerDdlObservation seen, StatementReport model) throws IOException {
        String line = "| " + server.describe() + " | " + c.name() + " | " + seen.summary().replace("|", "\\|") + " | "
                + describe(model).replace("|", "\\|") + " |\n";
        Files.writeString(OBSERVATIONS, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        System.out.println("OBSERVED " + server.describe() + " " + c.name() + ": " + seen.summary() + " / MODEL " + describe(model));
    }
}
