package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.RepositoryChangeReviewer;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.Rule;
import dev.migrationreview.jobs.JobScheduler;
import dev.migrationreview.setup.ServerSettings;
import io.micronaut.context.BeanContext;
import io.micronaut.inject.BeanDefinition;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

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
}
