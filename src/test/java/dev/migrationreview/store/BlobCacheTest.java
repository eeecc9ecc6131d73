package dev.migrationreview.store;

import dev.migrationreview.setup.ServerSettings;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blob cache on the embedded store, as the GitHub reader uses it. */
class BlobCacheTest {

    @TempDir
    Path dataDir;

    @Test
    void storesBlobsBySha() {
        ServerSettings settings = new ServerSettings(dataDir.toString(), "", "", "", "", false, "", "", "", "", "",
                "https://api.github.com", "");
        try (HikariDataSource dataSource = new StoreFactory().dataSource(settings)) {
            BlobCache cache = new BlobCache(new Transactions(dataSource));
            byte[] large = new byte[3_000_000];
            new Random(7).nextBytes(large);

            assertTrue(cache.get("0f3a5d").isEmpty());
            cache.put("0f3a5d", large);
            cache.put("0f3a5d", large); // a second worker caching the same blob is harmless

            assertArrayEquals(large, cache.get("0f3a5d").orElseThrow());
        }
    }
}
