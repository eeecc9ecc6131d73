package dev.migrationreview.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.github.PullRequestTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.migrationreview.webhook.WebhookFixtures.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routing of GitHub's published payloads (the app id 29310 is the one in the check_suite examples). */
class WebhookRouterTest {
    private static final String APP_ID = "29310";
    private final WebhookRouter router = new WebhookRouter();

    @ParameterizedTest
    @ValueSource(strings = {"opened.payload.json", "synchronize.payload.json", "reopened.payload.json",
            "ready_for_review.with-installation.payload.json"})
    void pullRequestChangesAreReviewedAtTheirHead(String file) {
        ObjectNode payload = payload("pull_request/" + file);
        String action = payload.path("action").asText();
        WebhookAction.Review review = assertInstanceOf(WebhookAction.Review.class, router.route("pull_request", payload, APP_ID));
        JsonNode repository = payload.path("repository");
        assertEquals(List.of(new PullRequestTarget(payload.path("installation").path("id").asLong(),
                repository.path("owner").path("login").asText(), repository.path("name").asText(),
                payload.path("number").asInt(), payload.path("pull_request").path("head").path("sha").asText())),
                review.targets());
        assertEquals(!action.equals("opened") && !action.equals("synchronize"), review.force(),
                "a reopened or undrafted pull request is reviewed again even at the same head");
    }

    @ParameterizedTest
    @ValueSource(strings = {"closed", "labeled"})
    void otherPullRequestActionsAreIgnored(String action) {
        assertInstanceOf(WebhookAction.Ignore.class,
                router.route("pull_request", payload("pull_request/" + action + ".payload.json"), APP_ID));
    }

    @Test
    void anEditedPullRequestIsReviewedOnlyWhenItsBaseChanged() {
        ObjectNode titleEdit = payload("pull_request/opened.payload.json");
        titleEdit.put("action", "edited");
        titleEdit.putObject("changes").putObject("title").put("from", "Old title");
        assertInstanceOf(WebhookAction.Ignore.class, router.route("pull_request", titleEdit, APP_ID));

        ObjectNode baseEdit = payload("pull_request/opened.payload.json");
        baseEdit.put("action", "edited");
        baseEdit.putObject("changes").putObject("base").putObject("ref").put("from", "develop");
        WebhookAction.Review review = assertInstanceOf(WebhookAction.Review.class, router.route("pull_request", baseEdit, APP_ID));
        assertTrue(review.force());
    }

    @Test
    void aForkPullRequestIsReviewedInTheBaseRepositoryAtTheForkHead() {
        ObjectNode fork = payload("pull_request/opened.payload.json");
        ObjectNode head = (ObjectNode) fork.path("pull_request").path("head");
        head.put("sha", "0123456789abcdef0123456789abcdef01234567");
        ((ObjectNode) head.path("repo")).put("full_name", "contributor/Hello-World");
        ((ObjectNode) head.path("repo")).put("fork", true);
        WebhookAction.Review review = assertInstanceOf(WebhookAction.Review.class, router.route("pull_request", fork, APP_ID));
        assertEquals(new PullRequestTarget(1, "Codertocat", "Hello-World", 2, "0123456789abcdef0123456789abcdef01234567"),
                review.targets().get(0));
    }

    @Test
    void aRerequestedCheckSuiteReviewsEachOfItsPullRequests() {
        WebhookAction.Review review = assertInstanceOf(WebhookAction.Review.class,
                router.route("check_suite", payload("check_suite/rerequested.payload.json"), APP_ID));
        assertEquals(List.of(new PullRequestTarget(957387, "Codertocat", "Hello-World", 2,
                "ec26c3e57ca3a959ca5aad62de7213c562f8c821")), review.targets());
        assertTrue(review.force());
    }

    @Test
    void aRequestedCheckSuiteWithoutPullRequestsHasNothingToReview() {
        // GitHub's example is a push to master: no pull request to comment on.
        assertInstanceOf(WebhookAction.Ignore.class,
                router.route("check_suite", payload("check_suite/requested.payload.json"), APP_ID));
        assertInstanceOf(WebhookAction.Ignore.class,
                router.route("check_suite", payload("check_suite/completed.payload.json"), APP_ID));
    }

    @Test
    void checkRunsOfOtherAppsAreIgnored() {
        assertInstanceOf(WebhookAction.Ignore.class, router.route("check_run", payload("check_run/rerequested.payload.json"), APP_ID));
        assertInstanceOf(WebhookAction.Ignore.class,
                router.route("check_suite", payload("check_suite/rerequested.payload.json"), "12345"));
    }

    @Test
    void aRerequestedRunOfOursIsReviewedAgain() {
        ObjectNode payload = payload("check_run/rerequested.payload.json");
        ObjectNode run = (ObjectNode) payload.path("check_run");
        ((ObjectNode) run.path("app")).put("id", 29310);
        run.putArray("pull_requests").addObject().put("number", 7);
        WebhookAction.Review review = assertInstanceOf(WebhookAction.Review.class, router.route("check_run", payload, APP_ID));
        assertEquals(List.of(new PullRequestTarget(1, "github", "hello-world", 7, run.path("head_sha").asText())),
                review.targets());
        assertTrue(review.force());
    }

    @Test
    void acceptRiskOnOurRunIsRecordedForItsHeadAndSender() {
        ObjectNode payload = payload("check_run/requested_action.payload.json");
        assertInstanceOf(WebhookAction.Ignore.class, router.route("check_run", payload, APP_ID), "another app's run");
        ((ObjectNode) payload.path("check_run").path("app")).put("id", 29310);
        assertInstanceOf(WebhookAction.Ignore.class, router.route("check_run", payload, APP_ID),
                "the example's action is another app's 'lgtm' button");
        ((ObjectNode) payload.path("requested_action")).put("identifier", "accept-risk");
        WebhookAction.AcceptRisk accept = assertInstanceOf(WebhookAction.AcceptRisk.class, router.route("check_run", payload, APP_ID));
        assertEquals(new PullRequestTarget(payload.path("installation").path("id").asLong(), "electron", "electron", 26764,
                "5bd5f196a46b8222fb7484f05faba41a73cf34bd"), accept.target());
        assertEquals(1494503112L, accept.checkRunId());
        assertEquals("codebytere", accept.login());
    }

    @Test
    void aRecheckCommentOnAPullRequestReviewsItsCurrentHead() {
        ObjectNode onIssue = payload("issue_comment/created.with-installation.payload.json");
        assertInstanceOf(WebhookAction.Ignore.class, router.route("issue_comment", onIssue, APP_ID), "no command");
        ((ObjectNode) onIssue.path("comment")).put("body", "Thanks!\n/migration-review recheck\n");
        assertInstanceOf(WebhookAction.Ignore.class, router.route("issue_comment", onIssue, APP_ID),
                "the example comments on an issue, not a pull request");

        ((ObjectNode) onIssue.path("issue")).putObject("pull_request").put("url", "https://api.github.com/repos/x/y/pulls/1");
        WebhookAction.Review review = assertInstanceOf(WebhookAction.Review.class, router.route("issue_comment", onIssue, APP_ID));
        PullRequestTarget target = review.targets().get(0);
        assertEquals(onIssue.path("issue").path("number").asInt(), target.number());
        assertNull(target.headSha(), "null asks the reviewer for the pull request's current head");
        assertTrue(review.force());

        ((ObjectNode) onIssue.path("sender")).put("type", "Bot");
        assertInstanceOf(WebhookAction.Ignore.class, router.route("issue_comment", onIssue, APP_ID), "bots cannot trigger");
    }

    @Test
    void theRecheckCommandMustStandOnItsOwnLine() {
        assertTrue(WebhookRouter.hasRecheckCommand("/migration-review recheck"));
        assertTrue(WebhookRouter.hasRecheckCommand("please\r\n  /migration-review recheck please"));
        assertFalse(WebhookRouter.hasRecheckCommand("run `/migration-review recheck` to try again"));
        assertFalse(WebhookRouter.hasRecheckCommand("/migration-review rechecked"));
    }

    @Test
    void installationsPingAndOtherEvents() {
        assertInstanceOf(WebhookAction.InstallationChange.class,
                router.route("installation", payload("installation/created.payload.json"), APP_ID));
        assertInstanceOf(WebhookAction.InstallationChange.class,
                router.route("installation_repositories", payload("installation_repositories/added.payload.json"), APP_ID));
        assertInstanceOf(WebhookAction.Pong.class, router.route("ping", payload("ping/with-app_id.payload.json"), APP_ID));
        assertInstanceOf(WebhookAction.Ignore.class, router.route("star", payload("ping/with-app_id.payload.json"), APP_ID));
    }
}
