package dev.migrationreview.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.jobs.AcceptRiskJob;
import dev.migrationreview.jobs.JobScheduler;
import dev.migrationreview.jobs.ServiceMeters;
import dev.migrationreview.github.PullRequestTarget;
import dev.migrationreview.store.DeliveryLog;
import dev.migrationreview.store.InstallationDirectory;
import dev.migrationreview.store.ReviewRequests;
import dev.migrationreview.store.Transactions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Acts on a verified delivery: records it (once per delivery id) together with what it asks for,
 * in one transaction, then queues the jobs. Never calls GitHub: that is the jobs' work.
 */
@Singleton
public class WebhookIntake {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    /** How the delivery was handled; {@code status} is the HTTP answer. */
    public record Outcome(int status, String name, String message) {
    }

    private final WebhookRouter router;
    private final Transactions transactions;
    private final DeliveryLog deliveries;
    private final ReviewRequests requests;
    private final InstallationDirectory installations;
    private final JobScheduler jobs;
    private final ServiceMeters meters;

    public WebhookIntake(WebhookRouter router, Transactions transactions, DeliveryLog deliveries, ReviewRequests requests,
                         InstallationDirectory installations, JobScheduler jobs, ServiceMeters meters) {
        this.router = router;
        this.transactions = transactions;
        this.deliveries = deliveries;
        this.requests = requests;
        this.installations = installations;
        this.jobs = jobs;
        this.meters = meters;
    }

    public Outcome accept(String deliveryId, String event, JsonNode payload, String ourAppId) {
        String action = payload.path("action").isMissingNode() ? null : payload.path("action").asText();
        WebhookAction decided = router.route(event, payload, ourAppId);
        Outcome outcome;
        if (decided instanceof WebhookAction.Review review) {
            outcome = review(deliveryId, event, action, review);
        } else if (decided instanceof WebhookAction.AcceptRisk accept) {
            outcome = acceptRisk(deliveryId, event, action, accept);
        } else if (decided instanceof WebhookAction.InstallationChange change) {
            outcome = installation(deliveryId, change);
        } else if (decided instanceof WebhookAction.Ignore ignore) {
            outcome = new Outcome(204, "ignored", ignore.reason());
        } else {
            outcome = new Outcome(200, "pong", "pong");
        }
        meters.delivery(event, outcome.name());
        LOG.info("Delivery {} ({}{}): {} {}", deliveryId, event, action == null ? "" : " " + action, outcome.name(),
                outcome.message());
        return outcome;
    }

    private Outcome review(String deliveryId, String event, String action, WebhookAction.Review review) {
        List<String> queued = new ArrayList<>();
        boolean recorded = transactions.inTransactionRetryingConflicts("recording delivery " + deliveryId, connection -> {
            queued.clear();
            if (!deliveries.record(connection, deliveryId, event, action, "queued")) {
                return false;
            }
            for (PullRequestTarget target : review.targets()) {
                if (requests.request(connection, target, review.force())) {
                    queued.add(ReviewRequests.key(target));
                }
            }
            return true;
        });
        if (!recorded) {
            return duplicate(deliveryId);
        }
        // After the commit: a job must never run before the request it reads is visible.
        for (String key : queued) {
            jobs.scheduleReview(key);
        }
        if (queued.isEmpty()) {
            return new Outcome(202, "unchanged", "already reviewed or queued at that head");
        }
        return new Outcome(202, "queued", "review queued for " + String.join(", ", queued));
    }

    private Outcome acceptRisk(String deliveryId, String event, String action, WebhookAction.AcceptRisk accept) {
        boolean recorded = transactions.inTransactionRetryingConflicts("recording delivery " + deliveryId,
                connection -> deliveries.record(connection, deliveryId, event, action, "queued"));
        if (!recorded) {
            return duplicate(deliveryId);
        }
        PullRequestTarget target = accept.target();
        jobs.scheduleAcceptRisk(target.fullName() + "@" + accept.checkRunId() + "/" + deliveryId,
                AcceptRiskJob.of(target, accept.checkRunId(), accept.login()));
        return new Outcome(202, "queued", accept.login() + " accepts the risk of check run " + accept.checkRunId());
    }

    private Outcome installation(String deliveryId, WebhookAction.InstallationChange change) {
        boolean recorded = transactions.inTransactionRetryingConflicts("recording delivery " + deliveryId, connection -> {
            if (!deliveries.record(connection, deliveryId, change.event(), change.action(), "recorded")) {
                return false;
            }
            apply(connection, change);
            return true;
        });
        if (!recorded) {
            return duplicate(deliveryId);
        }
        JsonNode installation = change.payload().path("installation");
        return new Outcome(200, "recorded", "installation " + installation.path("id").asText() + " of "
                + installation.path("account").path("login").asText() + ": " + change.event() + " " + change.action());
    }

    private void apply(Connection connection, WebhookAction.InstallationChange change) throws SQLException {
        JsonNode installation = change.payload().path("installation");
        long id = installation.path("id").asLong();
        String login = installation.path("account").path("login").asText("");
        String type = installation.path("account").path("type").asText(null);
        String selection = installation.path("repository_selection").asText(null);
        boolean suspended = installation.hasNonNull("suspended_at");
        if (change.event().equals("installation")) {
            switch (change.action()) {
                case "deleted" -> installations.delete(connection, id);
                case "suspend" -> {
                    installations.save(connection, id, login, type, selection, true);
                }
                case "unsuspend" -> installations.save(connection, id, login, type, selection, false);
                default -> {
                    installations.save(connection, id, login, type, selection, suspended);
                    installations.addRepositories(connection, id, fullNames(change.payload().path("repositories")));
                }
            }
            return;
        }
        installations.save(connection, id, login, type, change.payload().path("repository_selection").asText(selection),
                suspended);
        installations.addRepositories(connection, id, fullNames(change.payload().path("repositories_added")));
        installations.removeRepositories(connection, id, fullNames(change.payload().path("repositories_removed")));
    }

    private static Set<String> fullNames(JsonNode repositories) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode repository : repositories) {
            names.add(repository.path("full_name").asText());
        }
        return names;
    }

    private static Outcome duplicate(String deliveryId) {
        return new Outcome(200, "duplicate", "delivery " + deliveryId + " was already received");
    }
}
