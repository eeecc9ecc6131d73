package dev.migrationreview.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.github.PullRequestTarget;

import java.util.List;

/** What a delivery asks the server to do, decided from its event, action and payload alone. */
public sealed interface WebhookAction {

    /** Review these pull requests; {@code force} re-reviews a head SHA already reviewed (a re-run). */
    record Review(List<PullRequestTarget> targets, boolean force) implements WebhookAction {
        public Review {
            targets = List.copyOf(targets);
        }
    }

    /** Someone clicked "Accept risk" on one of our check runs. */
    record AcceptRisk(PullRequestTarget target, long checkRunId, String login) implements WebhookAction {
    }

    /** The app was installed, removed, suspended, or given other repositories. */
    record InstallationChange(String event, String action, JsonNode payload) implements WebhookAction {
    }

    record Pong() implements WebhookAction {
    }

    /** A delivery we receive but have nothing to do for; the reason is logged and answered. */
    record Ignore(String reason) implements WebhookAction {
    }
}
