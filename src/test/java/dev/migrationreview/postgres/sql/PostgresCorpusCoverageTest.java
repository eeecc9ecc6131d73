package dev.migrationreview.postgres.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Holds the share of statements understood per PostgreSQL corpus at the floor measured in
 * docs/parser-coverage.md, and requires every lock-relevant statement to be understood. Writes the
 * measured table to target/parser-coverage.md.
 */
class PostgresCorpusCoverageTest {

    /** Percent understood per corpus, as measured on 2026-11-25 (docs/parser-coverage.md); a drop below is a regression. */
    private static final Map<String, Double> FLOOR = Map.ofEntries(
            Map.entry("lemmy", 100.0),
            Map.entry("ory-kratos", 100.0),
            Map.entry("dhis2", 100.0),
            Map.entry("concourse", 100.0),
            Map.entry("hatchet", 100.0),
            Map.entry("documenso", 100.0),
            Map.entry("marquez", 100.0),
            Map.entry("harbor", 100.0),
            Map.entry("supabase-postgres", 100.0),
            Map.entry("authelia", 100.0),
            Map.entry("apache-ranger", 100.0),
            Map.entry("temporal", 100.0),
            Map.entry("dolphinscheduler", 100.0),
            Map.entry("lago-api", 100.0),
            Map.entry("danbooru", 100.0),
            Map.entry("openstreetmap", 100.0));

    @Test
    void everyPostgresCorpusStaysAtItsFloor() throws IOException {
        Path root = PostgresCorpus.root();
        assumeTrue(Files.isDirectory(root), "corpus not found at " + root + " (../shared/corpus from the project root): skipping coverage");
        List<CorpusCoverage.Result> results = new ArrayList<>();
        try (PostgresStatementParser parser = new PostgresStatementParser()) {
            for (PostgresCorpus corpus : PostgresCorpus.all(root)) {
                results.add(CorpusCoverage.measure(corpus, parser));
            }
        }
        String table = CorpusCoverage.markdown(results, root);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "parser-coverage.md"), table);
        System.out.println(table);
        for (CorpusCoverage.Result r : results) {
            assertTrue(r.files() > 0, "no PostgreSQL files found for " + r.corpus() + " under " + root);
            double floor = FLOOR.getOrDefault(r.corpus(), 99.5);
            assertTrue(r.understoodPercent() >= floor, String.format("%s: %.2f%% understood, floor %.2f%%", r.corpus(),
                    r.understoodPercent(), floor));
            assertEquals(0, r.lockRelevantNotUnderstood(), r.corpus() + ": lock-relevant statements not understood");
        }
    }
}
