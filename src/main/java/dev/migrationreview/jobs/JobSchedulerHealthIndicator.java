package dev.migrationreview.jobs;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.Map;

/** GET /health reports DOWN when the job scheduler is not running: reviews would queue for ever. */
@Singleton
public class JobSchedulerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final JobScheduler scheduler;

    public JobSchedulerHealthIndicator(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean running = scheduler.running();
        healthStatus = running ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("running", running);
    }

    @Override
    protected String getName() {
        return "jobs";
    }
}
