package dev.migrationreview.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.migrationreview.config.ReviewConfig.TableFacts;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Config's {@code table-stats:}: measured sizes from a file in the repository, typed-in facts winning. */
class TableStatsConfigTest {
    private static final String STATS = """
            {
              "format": "migration-review-table-stats", "version": 1, "generated-at": "2026-12-06T04:00:00Z",
              "hot-writes-per-second": 10,
              "tables": {
                "orders": {"rows": 48000000, "bytes": 9663676416, "writes-per-second": 120.5, "hot": true},
                "customers": {"rows": 250000, "bytes": 73400320, "writes-per-second": 0.2, "hot": false},
                "billing.invoices": {"bytes": 2147483648, "hot": false}
              }
            }
            """;

    private final YamlConfigLoader loader = new YamlConfigLoader();

    @Test
    void measuredFactsFillTablesAndTypedFactsWin() throws IOException {
        ReviewConfig config = loader.load(new InMemoryRepositoryFiles(Map.of(
                ".github/migration-review.yml", """
                        table-stats: .github/migration-review-tables.json
                        tables:
                          customers: { rows: 3000000 }
                          public.orders: { hot: false }
                          shipments: { rows: 10 }
                        """,
                ".github/migration-review-tables.json", STATS)));

        assertEquals(new TableFacts(48_000_000L, 9_663_676_416L, true), config.tables().get("orders"));
        assertEquals(new TableFacts(3_000_000L, 73_400_320L, false), config.tables().get("customers"));
        assertEquals(new TableFacts(null, 2_147_483_648L, false), config.tables().get("billing.invoices"));
        assertEquals(new TableFacts(10L, null, false), config.tables().get("shipments"));
    }

    @Test
    void aMissingFileNamesTheKeyTheLineAndHowToWriteIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(new InMemoryRepositoryFiles(Map.of(
                ".github/migration-review.yml", "deploy: rolling\ntable-stats: db/tables.json\n"))));
        assertEquals(".github/migration-review.yml:2: table-stats: db/tables.json: no such file "
                + "(write it with `migration-review table-stats --out db/tables.json`)", e.getMessage());
    }

    @Test
    void aBrokenFileNamesTheConfigKeyAndTheFieldInTheFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(new InMemoryRepositoryFiles(Map.of(
                ".github/migration-review.yml", "table-stats: t.json\n",
                "t.json", STATS.replace("\"hot\": true", "\"hot\": \"yes\"")))));
        assertEquals(".github/migration-review.yml:1: table-stats: t.json: tables.orders.hot: expected true or false, found \"yes\"",
                e.getMessage());
    }
}
