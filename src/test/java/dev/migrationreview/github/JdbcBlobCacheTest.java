package dev.migrationreview.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrationreview.github.fake.FakeGitHubFixture;
import java.util.Map;
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

    @Test
    void manyBlobsGoInOneWriteAndOneAlreadyCachedByAnotherJobDoesNotLoseTheRest() throws Exception {
        try (FakeGitHubFixture f = new FakeGitHubFixture()) {
            BlobCache cache = f.blobCache;
            cache.put("b".repeat(40), "second\n");
            cache.putAll(Map.of("a".repeat(40), "first\n", "b".repeat(40), "second\n", "c".repeat(40), "third\n"));
            assertEquals(Optional.of("first\n"), cache.get("a".repeat(40)));
            assertEquals(Optional.of("second\n"), cache.get("b".repeat(40)));
            assertEquals(Optional.of("third\n"), cache.get("c".repeat(40)));
        }
    }
}
