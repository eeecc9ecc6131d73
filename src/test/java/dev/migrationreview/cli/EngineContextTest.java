package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.RepositoryChangeReviewer;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.Rule;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.jobs.JobScheduler;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.SchemaReplay;
import dev.migrationreview.setup.ServerSettings;
import io.micronaut.context.BeanContext;
import io.micronaut.inject.BeanDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's beans: the whole engine, and nothing of the server. */
class EngineContextTest {
    private static final List<String> SERVER = List.of("io.micronaut.http", "io.micronaut.management", "io.micronaut.scheduling",
            "io.micronaut.configuration", "io.micronaut.flyway", "io.micronaut.jdbc", "io.micronaut.runtime", "io.micrometer",
            "com.zaxxer", "org.flywaydb", "com.github.kagkarlsson");

    @Test
    void holdsTheEngineWithEveryRuleAndNothingOfTheServer() {
        try (EngineContext engine = new EngineContext()) {
            BeanContext beans = engine.beans();
            ReviewEngine reviewEngine = beans.getBean(ReviewEngine.class);
            List<String> ruleIds = reviewEngine.rules().stream().map(Rule::id).toList();
            assertTrue(ruleIds.contains("create-index-non-concurrent"), "rules: " + ruleIds);
            assertEquals(beans.getBeanDefinitions(Rule.class).size(), ruleIds.size(), "every rule bean is in the engine");
            assertTrue(beans.findBean(RepositoryChangeReviewer.class).isPresent());

            assertFalse(beans.findBean(ServerSettings.class).isPresent(), "no server settings");
            assertFalse(beans.findBean(JobScheduler.class).isPresent(), "no job scheduler");
            assertFalse(beans.findBean(DataSource.class).isPresent(), "no store");
            for (BeanDefinition<?> definition : beans.getAllBeanDefinitions()) {
                String type = definition.getBeanType().getName();
                for (String server : SERVER) {
                    assertFalse(type.startsWith(server), "a server bean in the engine: " + type);
                }
                EngineContext.SERVER_PACKAGES.forEach(p -> assertFalse(type.startsWith(p), "a server bean in the engine: " + type));
            }
        }
    }

    @Test
    void serverPackagesAreNotEngineBeans() {
        assertFalse(EngineContext.engineBean("dev.migrationreview.jobs.$JobScheduler$Definition"));
        assertFalse(EngineContext.engineBean("io.micronaut.management.health.monitor.$HealthMonitorTask$Definition"));
        assertTrue(EngineContext.engineBean("dev.migrationreview.analysis.$ReviewEngine$Definition"));
    }

    /** A packaged build caches replayed histories unless told not to, and parsed files when told to; a run from classes neither. */
    @Test
    void aPackagedBuildCachesReplayedHistoriesByDefaultAndParsedFilesOnRequest() {
        assertTrue(EngineContext.userParseCache(Optional.empty()).isEmpty());
        assertTrue(EngineContext.userReplayCache(Optional.empty()).isEmpty());
        boolean home = DiskParseCache.userCacheRoot().isPresent();
        assertEquals(home && "on".equalsIgnoreCase(System.getenv("MIGRATION_REVIEW_PARSE_CACHE")),
                EngineContext.userParseCache(Optional.of("0.1.0 build")).isPresent());
        assertEquals(home && !"off".equalsIgnoreCase(System.getenv("MIGRATION_REVIEW_SCHEMA_CACHE")),
                EngineContext.userReplayCache(Optional.of("0.1.0 build")).isPresent());
    }

    /** The engine's replay is the one that reads and writes the replayed-history cache registered in the context. */
    @Test
    void theReplayUsesTheContextsCache(@TempDir Path dir) throws Exception {
        try (EngineContext engine = new EngineContext(Optional.empty(), Optional.of(new DiskReplayCache(dir, "v")))) {
            SchemaReplay replay = engine.beans().getBean(SchemaReplay.class);
            replay.replay(Schema.EMPTY, List.of(new MigrationScript("V1__t.sql",
                    MigrationTool.FLYWAY, "1", "CREATE TABLE t (id int);\n",
                    List.of(new MigrationScript.Section(1, 2, true)))));
            try (Stream<Path> files = Files.walk(dir)) {
                assertEquals(1, files.filter(p -> p.toString().endsWith(".schema")).count(), "one history written");
            }
        }
    }
}
