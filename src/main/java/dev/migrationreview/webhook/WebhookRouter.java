package dev.migrationreview.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.github.PullRequestTarget;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides what a verified delivery asks for. Pure: payload in, action out; the intake persists and
 * queues. Fork pull requests need nothing special: they arrive as pull_request events of the base
 * repository, with the fork's head SHA.
 */
@Singleton
public class WebhookRouter {
    public static final String RECHECK_COMMAND = "/migration-review recheck";
    public static final String ACCEPT_RISK_IDENTIFIER = "accept-risk";

    private static final Set<String> REVIEWED_PULL_REQUEST_ACTIONS = Set.of("opened", "synchronize", "reopened",
            "ready_for_review");
    /** Re-runs of a head already reviewed: a new base, a reopened or undrafted pull request. */
    private static final Set<String> FORCED_PULL_REQUEST_ACTIONS = Set.of("reopened", "ready_for_review", "edited");

    /**
     * @param ourAppId this app's id, to tell our check runs from other apps'; empty when unknown
     *                 (a client id was configured instead): then app ids are not compared
     */
    public WebhookAction route(String event, JsonNode payload, String ourAppId) {
        String action = payload.path("action").asText("");
        return switch (event) {
            case "ping" -> new WebhookAction.Pong();
            case "pull_request" -> pullRequest(action, payload);
            case "check_suite" -> checkSuite(action, payload, ourAppId);
            case "check_run" -> checkRun(action, payload, ourAppId);
            case "issue_comment" -> issueComment(action, payload);
            case "installation", "installation_repositories" -> new WebhookAction.InstallationChange(event, action, payload);
            default -> new WebhookAction.Ignore("event " + event + " is not one migration-review handles");
        };
    }

    private WebhookAction pullRequest(String action, JsonNode payload) {
        boolean baseChanged = "edited".equals(action) && payload.path("changes").has("base");
        if (!REVIEWED_PULL_REQUEST_ACTIONS.contains(action) && !baseChanged) {
            return new WebhookAction.Ignore("pull_request " + action + " does not change what is reviewed");
        }
        if (!payload.path("pull_request").path("state").asText("open").equals("open")) {
            return new WebhookAction.Ignore("pull request is not open");
        }
        Long installation = installationId(payload);
        if (installation == null) {
            return new WebhookAction.Ignore("no installation in the payload");
        }
        JsonNode repository = payload.path("repository");
        PullRequestTarget target = new PullRequestTarget(installation, repository.path("owner").path("login").asText(),
                repository.path("name").asText(), payload.path("number").asInt(payload.path("pull_request").path("number").asInt()),
                payload.path("pull_request").path("head").path("sha").asText());
        return new WebhookAction.Review(List.of(target), FORCED_PULL_REQUEST_ACTIONS.contains(action));
    }

    private WebhookAction checkSuite(String action, JsonNode payload, String ourAppId) {
        if (!action.equals("requested") && !action.equals("rerequested")) {
            return new WebhookAction.Ignore("check_suite " + action + " needs no review");
        }
        JsonNode suite = payload.path("check_suite");
        if (!ours(suite.path("app"), ourAppId)) {
            return new WebhookAction.Ignore("check suite of another app (" + suite.path("app").path("id").asText() + ")");
        }
        return reviewEach(payload, suite.path("pull_requests"), suite.path("head_sha").asText(), action.equals("rerequested"),
                "check suite " + suite.path("id").asText());
    }

    private WebhookAction checkRun(String action, JsonNode payload, String ourAppId) {
        JsonNode run = payload.path("check_run");
        if (!action.equals("rerequested") && !action.equals("requested_action")) {
            return new WebhookAction.Ignore("check_run " + action + " needs nothing from us");
        }
        if (!ours(run.path("app"), ourAppId)) {
            return new WebhookAction.Ignore("check run of another app (" + run.path("app").path("id").asText() + ")");
        }
        if (action.equals("rerequested")) {
            return reviewEach(payload, run.path("pull_requests"), run.path("head_sha").asText(), true,
                    "check run " + run.path("id").asText());
        }
        String identifier = payload.path("requested_action").path("identifier").asText();
        if (!ACCEPT_RISK_IDENTIFIER.equals(identifier)) {
            return new WebhookAction.Ignore("unknown check run action '" + identifier + "'");
        }
        Long installation = installationId(payload);
        if (installation == null) {
            return new WebhookAction.Ignore("no installation in the payload");
        }
        JsonNode repository = payload.path("repository");
        JsonNode pulls = run.path("pull_requests");
        // Runs on a fork's head list no pull requests; the run id and head SHA still identify what was accepted.
        int number = pulls.isArray() && !pulls.isEmpty() ? pulls.get(0).path("number").asInt() : 0;
        PullRequestTarget target = new PullRequestTarget(installation, repository.path("owner").path("login").asText(),
                repository.path("name").asText(), number, run.path("head_sha").asText());
        return new WebhookAction.AcceptRisk(target, run.path("id").asLong(), payload.path("sender").path("login").asText());
    }

    private WebhookAction issueComment(String action, JsonNode payload) {
        if (!action.equals("created")) {
            return new WebhookAction.Ignore("issue_comment " + action + " is not a new command");
        }
        if (!payload.path("issue").has("pull_request") || payload.path("issue").path("pull_request").isNull()) {
            return new WebhookAction.Ignore("comment on an issue, not a pull request");
        }
        if ("Bot".equals(payload.path("sender").path("type").asText())) {
            return new WebhookAction.Ignore("comment by a bot");
        }
        if (!hasRecheckCommand(payload.path("comment").path("body").asText(""))) {
            return new WebhookAction.Ignore("comment without " + RECHECK_COMMAND);
        }
        Long installation = installationId(payload);
        if (installation == null) {
            return new WebhookAction.Ignore("no installation in the payload");
        }
        JsonNode repository = payload.path("repository");
        // A comment does not say which commit is the head: null asks the reviewer for the current one.
        PullRequestTarget target = new PullRequestTarget(installation, repository.path("owner").path("login").asText(),
                repository.path("name").asText(), payload.path("issue").path("number").asInt(), null);
        return new WebhookAction.Review(List.of(target), true);
    }

    static boolean hasRecheckCommand(String body) {
        for (String line : body.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.equals(RECHECK_COMMAND) || trimmed.startsWith(RECHECK_COMMAND + " ")) {
                return true;
            }
        }
        return false;
    }

    private WebhookAction reviewEach(JsonNode payload, JsonNode pullRequests, String headSha, boolean force, String what) {
        Long installation = installationId(payload);
        if (installation == null) {
            return new WebhookAction.Ignore("no installation in the payload");
        }
        if (!pullRequests.isArray() || pullRequests.isEmpty()) {
            // GitHub lists only pull requests of the same repository; fork pull requests are reviewed from pull_request events.
            return new WebhookAction.Ignore(what + " belongs to no pull request of this repository");
        }
        JsonNode repository = payload.path("repository");
        List<PullRequestTarget> targets = new ArrayList<>();
        for (JsonNode pull : pullRequests) {
            targets.add(new PullRequestTarget(installation, repository.path("owner").path("login").asText(),
                    repository.path("name").asText(), pull.path("number").asInt(), headSha));
        }
        return new WebhookAction.Review(targets, force);
    }

    private static boolean ours(JsonNode app, String ourAppId) {
        if (ourAppId == null || ourAppId.isEmpty() || !ourAppId.chars().allMatch(Character::isDigit)) {
            return true;
        }
        return app.path("id").asText().equals(ourAppId);
    }

    private static Long installationId(JsonNode payload) {
        JsonNode id = payload.path("installation").path("id");
        return id.canConvertToLong() ? id.asLong() : null;
    }
}
