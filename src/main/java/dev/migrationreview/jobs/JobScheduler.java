package dev.migrationreview.jobs;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.migrationreview.store.ReviewRequests;
import dev.migrationreview.store.StorePruning;
import jakarta.inject.Singleton;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable job queue: db-scheduler on the server's own store, so jobs survive restarts and
 * several instances sharing PostgreSQL split the work (executions are claimed with row locks).
 */
@Singleton
public class JobScheduler {
    public static final String REVIEW_TASK = "review-pull-request";
    public static final String ACCEPT_RISK_TASK = "accept-risk";
    public static final String RECONCILE_TASK = "reconcile-review-requests";
    public static final String PRUNE_TASK = "prune-store";

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    private final CustomTask<ReviewJob> reviewTask;
    private final CustomTask<AcceptRiskJob> acceptRiskTask;
    private final Scheduler scheduler;

    public JobScheduler(DataSource dataSource, ReviewWork work, ReviewRequests requests, JobSettings settings,
                        StorePruning pruning) {
        this.reviewTask = Tasks.custom(REVIEW_TASK, ReviewJob.class)
                .onDeadExecutionRevive()
                .execute((instance, context) -> work.review(instance.getData()));
        this.acceptRiskTask = Tasks.custom(ACCEPT_RISK_TASK, AcceptRiskJob.class)
                .onDeadExecutionRevive()
                .execute((instance, context) -> work.acceptRisk(instance.getData()));
        // Closes the gaps between recording a request and scheduling its job: a crash in between,
        // or a push that arrived just as the previous job was finishing.
        RecurringTask<Void> reconcile = Tasks.recurring(RECONCILE_TASK, FixedDelay.of(settings.reconcileInterval()))
                .execute((instance, context) -> {
                    for (String key : requests.outstanding()) {
                        if (context.getSchedulerClient().getScheduledExecution(TaskInstanceId.of(REVIEW_TASK, key)).isEmpty()) {
                            LOG.info("Scheduling the review of {}: it was requested but had no job", key);
                            context.getSchedulerClient().scheduleIfNotExists(
                                    reviewTask.instance(key, ReviewJob.fresh(key)), Instant.now());
                        }
                    }
                });
        // A recurring task has one row in the job table, so one instance prunes at a time.
        RecurringTask<Void> prune = Tasks.recurring(PRUNE_TASK, FixedDelay.of(pruning.interval()))
                .execute((instance, context) -> pruning.prune());
        this.scheduler = Scheduler.create(dataSource, reviewTask, acceptRiskTask)
                .startTasks(reconcile, prune)
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .schedulerName(new SchedulerName.Fixed(instanceName()))
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
        scheduler.start();
    }

    /** Queues the review of one pull request, or brings a queued one forward to now. */
    public void scheduleReview(String pullRequest) {
        ReviewJob job = ReviewJob.fresh(pullRequest);
        if (scheduler.scheduleIfNotExists(reviewTask.instance(pullRequest, job), Instant.now())) {
            return;
        }
        TaskInstanceId id = TaskInstanceId.of(REVIEW_TASK, pullRequest);
        scheduler.getScheduledExecution(id).filter(execution -> !execution.isPicked()).ifPresent(execution -> {
            try {
                // Waiting for a retry or queued behind others: start over on the newest request, now.
                scheduler.reschedule(id, Instant.now(), job);
            } catch (RuntimeException e) {
                // Picked up in the meantime; that run sees the newer request when it completes.
                LOG.debug("Could not bring the review of {} forward: {}", pullRequest, e.getMessage());
            }
        });
    }

    /** Queues an "Accept risk" click; {@code instanceId} makes repeated deliveries of one click one job. */
    public void scheduleAcceptRisk(String instanceId, AcceptRiskJob job) {
        scheduler.scheduleIfNotExists(acceptRiskTask.instance(instanceId, job), Instant.now());
    }

    /** A review job in the queue, as the operator's status page shows it. */
    public record QueuedReview(String pullRequest, Instant executionTime, boolean picked, String pickedBy,
                               int failedAttempts, String lastError) {
    }

    /** Every review job waiting, retrying or running, on any instance. */
    public List<QueuedReview> queuedReviews() {
        List<QueuedReview> queued = new ArrayList<>();
        scheduler.fetchScheduledExecutionsForTask(REVIEW_TASK, ReviewJob.class, ScheduledExecutionsFilter.all(),
                (ScheduledExecution<ReviewJob> execution) -> {
                    ReviewJob job = execution.getData();
                    queued.add(new QueuedReview(execution.getTaskInstance().getId(), execution.getExecutionTime(),
                            execution.isPicked(), execution.getPickedBy(), job == null ? 0 : job.failedAttempts(),
                            job == null ? null : job.lastError()));
                });
        return queued;
    }

    public boolean running() {
        return scheduler.getSchedulerState().isStarted() && !scheduler.getSchedulerState().isShuttingDown();
    }

    @PreDestroy
    public void stop() {
        scheduler.stop();
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String name = host + "-" + ProcessHandle.current().pid();
        // picked_by holds 50 characters.
        return name.length() > 50 ? name.substring(name.length() - 50) : name;
    }
}
