package dev.migrationreview.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrationreview.github.fake.FakeGitHubFixture;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcBlobCacheTest {
    @Test
    void storesByShaAndASecondWriterOfTheSameBlobIsNotAnError() throws Exception {
        try (FakeGitHubFixture f = new FakeGitHubFixture()) {
            BlobCache cache = f.blobCache;
            String sha = "3a0f86fb8db8eea7ccbb9a95f325ddbedfb25e15";
            assertEquals(Optional.empty(), cache.get(sha));
            cache.put(sha, "CREATE TABLE é (id int);\n");
            cache.put(sha, "CREATE TABLE é (id int);\n");
            assertEquals(Optional.of("CREATE TABLE é (id int);\n"), cache.get(sha));
        }
    }
}
