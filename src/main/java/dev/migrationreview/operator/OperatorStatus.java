package dev.migrationreview.operator;

import dev.migrationreview.jobs.JobScheduler;
import dev.migrationreview.jobs.ServiceMeters;
import dev.migrationreview.setup.AppCredentialsStore;
import dev.migrationreview.setup.ServerSettings;
import dev.migrationreview.store.Installation;
import dev.migrationreview.store.InstallationDirectory;
import dev.migrationreview.store.ReviewRequests;
import dev.migrationreview.store.Transactions;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the operator's status page shows, read from the store, the job queue and this instance's meters. */
@Singleton
public class OperatorStatus {
    static final int RECENT = 50;

    /** One snapshot; {@code rateLimit} is this instance's latest GitHub answer. */
    public record Snapshot(Instant at, Optional<String> appId, boolean storeReachable, boolean schedulerRunning,
                           List<Installation> installations, List<ReviewRequests.Recent> recent,
                           List<JobScheduler.QueuedReview> queue, Optional<ServiceMeters.RateLimit> rateLimit,
                           String webUrl) {
        public long waiting() {
            return queue.stream().filter(q -> !q.picked()).count();
        }

        public long running() {
            return queue.stream().filter(JobScheduler.QueuedReview::picked).count();
        }

        public List<ReviewRequests.Recent> failures() {
            return recent.stream().filter(r -> r.error() != null).toList();
        }

        public List<JobScheduler.QueuedReview> retrying() {
            return queue.stream().filter(q -> q.failedAttempts() > 0).toList();
        }
    }

    private final AppCredentialsStore credentials;
    private final Transactions transactions;
    private final InstallationDirectory installations;
    private final ReviewRequests requests;
    private final JobScheduler jobs;
    private final ServiceMeters meters;
    private final ServerSettings settings;

    public OperatorStatus(AppCredentialsStore credentials, Transactions transactions, InstallationDirectory installations,
                          ReviewRequests requests, JobScheduler jobs, ServiceMeters meters, ServerSettings settings) {
        this.credentials = credentials;
        this.transactions = transactions;
        this.installations = installations;
        this.requests = requests;
        this.jobs = jobs;
        this.meters = meters;
        this.settings = settings;
    }

    public Snapshot snapshot() {
        return new Snapshot(Instant.now(), credentials.current().map(c -> c.appId()), transactions.reachable(2),
                jobs.running(), installations.all(), requests.recent(RECENT), jobs.queuedReviews(), meters.githubRateLimit(),
                settings.webUrl());
    }
}
