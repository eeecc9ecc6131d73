package dev.migrationreview.mysql;

import static org.junit.jupiter.api.Assertions.fail;

import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every MySQL/MariaDB rule example ({@code src/test/resources/rules-mysql/<rule>/bad.sql} and {@code good.sql}) on every
 * real server: the file runs after the example's {@code base.sql}, and each statement the engine reports as online DDL
 * is observed exactly as {@link OnlineDdlOnRealServersTest} observes its cases (after the file's earlier statements)
 * and must agree with the report — the model's {@code ddl}, rewrites and metadata locks for that server's dialect
 * and exact version. The rules reason from that model, so an example the model gets wrong is a rule reasoning from a
 * false premise. Statements that are not online DDL (UPDATE, SET, CREATE TABLE) still run, as the history of later
 * ones. A statement the model says this version cannot parse (RENAME COLUMN before MySQL 8.0.3) must be rejected
 * with a syntax error; a file whose SQL the server cannot run otherwise is skipped, saying so.
 */
@ExtendWith(RealMysqlServers.class)
class RuleExamplesOnRealMysqlTest {
    private static final String DIRECTORY = "rules-mysql";
    /** Beyond this many statements only the last is observed: each observation replays the file's earlier statements twice. */
    private static final int OBSERVE_ALL_UP_TO = 20;
    private static final Map<String, String> KNOWN = OnlineDdlCase.knownDisagreements();

    /** One example file of one rule. */
    record Example(String name, String base, String sql) {}

    @TestFactory
    Stream<DynamicContainer> modelMatchesTheServerOnEveryRuleExample(RealMysqlServers servers) {
        List<Example> examples = examples();
        List<DynamicContainer> out = new ArrayList<>();
        for (RealMysql.Release release : RealMysql.Release.selected()) {
            out.add(DynamicContainer.dynamicContainer(release.label, examples.stream()
                    .map(e -> DynamicTest.dynamicTest(e.name(), () -> check(servers.server(release), e)))));
        }
        return out.stream();
    }

    private void check(RealMysql server, Example e) throws Exception {
        Dialect dialect = server.release.mariadb ? Dialect.MARIADB : Dialect.MYSQL;
        Report report = MysqlReview.review(dialect, server.version, e.base(), e.sql());
        List<StatementReport> statements = report.files().get(0).statements();
        List<String> base = OnlineDdlCase.statements(e.base());
        Set<Integer> rejected = new java.util.HashSet<>();
        String unrunnable = unrunnable(server, base, statements, rejected);
        Assumptions.assumeTrue(unrunnable == null, () -> e.name() + " does not run on " + server.describe() + ": " + unrunnable);
        List<String> wrong = new ArrayList<>();
        int observed = 0;
        for (int i = 0; i < statements.size(); i++) {
            StatementReport s = statements.get(i);
            boolean last = i == statements.size() - 1;
            if (s.ddl() != null && s.ddl().refused() && !s.ddl().requested()) {
                // syntax this version lacks (RENAME COLUMN on 5.7): the server must reject it with a syntax error, as the model says
                if (!rejected.contains(i)) {
                    wrong.add("line " + s.startLine() + " (" + strip(s.sql()) + "): the model says " + s.ddl().refusal()
                            + " but the server ran it, or rejected it with another error than 1064");
                }
                continue;
            }
            if (s.ddl() == null || (statements.size() > OBSERVE_ALL_UP_TO && !last) || s.locks().isEmpty()) {
                continue;
            }
            List<String> earlier = statements.subList(0, i).stream().map(r -> strip(r.sql())).toList();
            String table = s.locks().get(0).relation().name();
            OnlineDdlCase c = new OnlineDdlCase(e.name() + "#" + (i + 1), Set.of(), table, earlier, strip(s.sql()));
            ServerDdlObservation seen = ServerDdlObservation.observe(server, base, c);
            observed++;
            System.out.println("OBSERVED " + server.describe() + " " + c.name() + ": " + seen.summary() + " / MODEL "
                    + OnlineDdlOnRealServersTest.describe(s));
            List<String> d = OnlineDdlOnRealServersTest.disagreements(c, seen, s);
            if (!d.isEmpty() && !KNOWN.containsKey(server.release.label + " " + c.name())) {
                wrong.add(c.name() + " (" + c.statement() + "):\n  server: " + seen.summary() + "\n  model:  "
                        + OnlineDdlOnRealServersTest.describe(s) + "\n  " + String.join("; ", d));
            } else if (!d.isEmpty()) {
                System.out.println("KNOWN " + server.release.label + " " + c.name() + ": " + String.join("; ", d));
            }
        }
        if (!wrong.isEmpty()) {
            fail(server.describe() + ", rule example " + e.name() + ":\n" + String.join("\n", wrong));
        }
        if (observed == 0) {
            System.out.println("RAN " + server.describe() + " " + e.name() + ": no online DDL to observe, every statement ran");
        }
    }

    /**
     * Runs base.sql and every statement of the file on a fresh database; the first the server rejects, or null.
     *
     * @param rejected receives the index of each statement the server rejected with a syntax error (1064)
     */
    private static String unrunnable(RealMysql server, List<String> base, List<StatementReport> statements, Set<Integer> rejected)
            throws SQLException {
        try (Connection c = server.connect(null)) {
            ServerDdlObservation.prepare(c, base);
            try (var s = c.createStatement()) {
                for (int i = 0; i < statements.size(); i++) {
                    StatementReport r = statements.get(i);
                    try {
                        s.execute(strip(r.sql()));
                    } catch (SQLException e) {
                        if (e.getErrorCode() == 1064) {
                            rejected.add(i);
                        }
                        if (r.ddl() != null && r.ddl().refused()) {
                            continue; // the example's point: the server refuses it, as the model says
                        }
                        return "line " + r.startLine() + ": " + strip(r.sql()) + ": " + e.getMessage();
                    }
                }
            }
        } catch (SQLException e) {
            return "base.sql: " + e.getMessage();
        }
        return null;
    }

    private static String strip(String sql) {
        return sql.strip().replaceFirst(";\\s*$", "");
    }

    static List<Example> examples() {
        URL url = RuleExamplesOnRealMysqlTest.class.getClassLoader().getResource(DIRECTORY);
        if (url == null) {
            throw new IllegalStateException("no " + DIRECTORY + " directory on the test classpath");
        }
        try (Stream<Path> rules = Files.list(Path.of(url.toURI()))) {
            List<Example> out = new ArrayList<>();
            for (Path rule : rules.filter(Files::isDirectory).sorted().toList()) {
                String base = Files.isRegularFile(rule.resolve("base.sql")) ? Files.readString(rule.resolve("base.sql"), StandardCharsets.UTF_8) : "";
                for (String file : List.of("bad.sql", "good.sql")) {
                    Path p = rule.resolve(file);
                    if (Files.isRegularFile(p)) {
                        out.add(new Example(rule.getFileName() + "/" + file, base, Files.readString(p, StandardCharsets.UTF_8)));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
