package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Rails application that sets the lock wait limit for every connection (database.yml's {@code variables:}) or every
 * migration (strong_migrations' {@code lock_timeout}) is not told, on every migration, to set one: the review counts
 * the connection's setting as set, and says where it read it.
 */
class RailsConnectionSettingsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void withoutAConnectionSettingAnIndexBuildAsksForALockTimeout() throws Exception {
        JsonNode report = review(Map.of());
        assertTrue(rules(report).contains("lock-timeout-missing"), rules(report).toString());
    }

    @Test
    void databaseYmlVariablesSetTheLockTimeoutForEveryMigration() throws Exception {
        String yml = RailsReviewTest.DATABASE_YML.replace("  encoding: unicode\n",
                "  encoding: unicode\n  variables:\n    lock_timeout: 5s\n    statement_timeout: 15min\n");
        JsonNode report = review(Map.of("config/database.yml", yml));
        assertFalse(rules(report).contains("lock-timeout-missing"), rules(report).toString());
        assertTrue(rules(report).contains("create-index-non-concurrent"), "the index build itself is still reviewed: " + rules(report));
        assertTrue(notes(report).contains("lock_timeout = 5s from config/database.yml:5 (variables): every migration's connection"
                + " starts with it, so the review counts it as set."), notes(report));
    }

    @Test
    void aZeroInVariablesIsNoLimit() throws Exception {
        String yml = RailsReviewTest.DATABASE_YML.replace("  encoding: unicode\n", "  encoding: unicode\n  variables:\n    lock_timeout: 0\n");
        JsonNode report = review(Map.of("config/database.yml", yml));
        assertTrue(rules(report).contains("lock-timeout-missing"), rules(report).toString());
        assertFalse(notes(report).contains("lock_timeout = 0"), "no note counts a 0 as set: " + notes(report));
    }

    @Test
    void strongMigrationsSetsTheLockTimeoutBeforeEveryMigration() throws Exception {
        JsonNode report = review(Map.of("config/initializers/strong_migrations.rb", """
                # Mark existing migrations as safe
                StrongMigrations.start_after = 20240101000000

                # Set timeouts for migrations
                StrongMigrations.lock_timeout = 10.seconds
                StrongMigrations.statement_timeout = 1.hour
                """));
        assertFalse(rules(report).contains("lock-timeout-missing"), rules(report).toString());
        assertTrue(notes(report).contains("lock_timeout = 10s from config/initializers/strong_migrations.rb:5 (strong_migrations)"),
                notes(report));
    }

    @Test
    void aCommentedOutStrongMigrationsSettingSetsNothing() throws Exception {
        JsonNode report = review(Map.of("config/initializers/strong_migrations.rb", "# StrongMigrations.lock_timeout = 10.seconds\n"));
        assertTrue(rules(report).contains("lock-timeout-missing"), rules(report).toString());
    }

    /** MySQL's limit is lock_wait_timeout, in seconds; strong_migrations sets that one there. */
    @Test
    void onMysqlTheSettingIsLockWaitTimeout() throws Exception {
        Map<String, String> mysql = new HashMap<>(Map.of(
                "config/database.yml", "production:\n  adapter: mysql2\n  variables:\n    lock_wait_timeout: 10\n",
                "db/schema.rb", ""));
        JsonNode withVariables = review(mysql);
        assertEquals("mysql", withVariables.get("dialect").asText());
        assertFalse(rules(withVariables).contains("lock-timeout-missing"), rules(withVariables).toString());
        assertTrue(notes(withVariables).contains("lock_wait_timeout = 10 from config/database.yml:4 (variables)"), notes(withVariables));

        mysql.put("config/database.yml", "production:\n  adapter: mysql2\n");
        assertTrue(rules(review(mysql)).contains("lock-timeout-missing"), "control: nothing set");
        mysql.put("config/initializers/strong_migrations.rb", "StrongMigrations.lock_timeout = 2.minutes\n");
        JsonNode strong = review(mysql);
        assertFalse(rules(strong).contains("lock-timeout-missing"), rules(strong).toString());
        assertTrue(notes(strong).contains("lock_wait_timeout = 120 from config/initializers/strong_migrations.rb:1"), notes(strong));
    }

    /** The base application of {@link RailsReviewTest} with {@code overrides}, and a change adding an index. */
    private JsonNode review(Map<String, String> overrides) throws Exception {
        Path repo = java.nio.file.Files.createDirectories(dir.resolve("repo" + System.nanoTime()));
        TestGit git = new TestGit(repo);
        git.init();
        Map<String, String> files = new HashMap<>(RailsReviewTest.baseFiles());
        files.putAll(overrides);
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (!e.getValue().isEmpty()) {
                git.write(e.getKey(), e.getValue());
            }
        }
        git.commit("orders");
        git.git("checkout", "-q", "-b", "feature");
        git.write(RailsReviewTest.ADD_INDEX_PATH, RailsReviewTest.ADD_INDEX);
        git.commit("index orders by customer");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.execute(new String[] {"review", "--repo", repo.toString(), "--format", "json"}, new PrintWriter(out), new PrintWriter(err));
        assertTrue(err.toString().isEmpty(), err.toString());
        return MAPPER.readTree(out.toString());
    }

    private static List<String> rules(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("files").forEach(f -> f.get("statements").forEach(s -> s.get("findings").forEach(x -> out.add(x.get("rule").asText()))));
        return out;
    }

    private static String notes(JsonNode report) {
        return report.get("notes").toString();
    }
}
