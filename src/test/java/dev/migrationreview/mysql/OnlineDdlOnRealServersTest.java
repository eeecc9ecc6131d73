package dev.migrationreview.mysql;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MySQL/MariaDB model's specification: every case of {@code src/test/resources/mysql-ddl/catalogue.sql} runs on
 * every real server the suite starts (MariaDB 10.11 and 11.4, MySQL 8.0.12 and 5.7), and what the server does —
 * the cheapest ALGORITHM and least restrictive LOCK it accepts, whether the table was rebuilt, its metadata locks, a
 * refused explicit request — is written to {@code target/mysql-ddl-observations.md}, one line per case and server.
 * {@code -DmysqlServers=mysql-8.0} runs one server.
 */
@ExtendWith(RealMysqlServers.class)
class OnlineDdlOnRealServersTest {
    static final Path OBSERVATIONS = Path.of("target", "mysql-ddl-observations.md");

    @TestFactory
    Stream<DynamicContainer> serverBehaviour(RealMysqlServers servers) throws IOException {
        Files.createDirectories(OBSERVATIONS.getParent());
        Files.writeString(OBSERVATIONS, "| server | case | algorithm/lock | observed |\n| --- | --- | --- | --- |\n", StandardCharsets.UTF_8);
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
        record(server, c, seen);
        String where = server.describe() + ", case " + c.name() + " (" + c.statement() + "): ";
        if (!c.explicit() && seen.algorithm() != null) {
            assertNotNull(seen.lock(), where + "no lock level");
            if (seen.algorithm().equals("COPY")) {
                assertTrue(!seen.rebuilt().isEmpty(), where + "ALGORITHM=COPY but no table id changed: the observation is wrong");
            }
        }
        assertTrue(seen.refused() != null || !seen.metadataLocks().isEmpty(),
                where + "the statement ran but no metadata lock of it was seen: the observation is wrong");
    }

    private static synchronized void record(RealMysql server, OnlineDdlCase c, ServerDdlObservation seen) throws IOException {
        String line = "| " + server.describe() + " | " + c.name() + " | " + (seen.algorithm() == null ? "" : seen.algorithm() + "/" + seen.lock())
                + " | " + seen.summary().replace("|", "\\|") + " |\n";
        Files.writeString(OBSERVATIONS, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        System.out.println("OBSERVED " + server.describe() + " " + c.name() + ": " + seen.summary());
    }
}
