package dev.migrationreview.jobs;

import dev.migrationreview.setup.AppCredentialsStore;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Checks the credentials and starts the job scheduler when the HTTP server starts — and only then:
 * the command-line reviewer shares the application context's beans, and must neither open the
 * store in DATA_DIR nor refuse to run because of the server's settings. It lives with the jobs, which
 * it starts, so that setup (the settings the store reads) depends on no job class.
 */
@Singleton
public class ServerStartup implements ApplicationEventListener<ServerStartupEvent> {
    private final BeanProvider<AppCredentialsStore> credentials;
    private final BeanProvider<JobScheduler> jobs;

    public ServerStartup(BeanProvider<AppCredentialsStore> credentials, BeanProvider<JobScheduler> jobs) {
        this.credentials = credentials;
        this.jobs = jobs;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        // Credentials first: a half-configured server must stop before it takes jobs from the store.
        credentials.get();
        jobs.get();
    }
}
