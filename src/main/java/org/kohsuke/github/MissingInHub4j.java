package org.kohsuke.github;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The three requests migration-review needs that hub4j 1.330's typed builders cannot express, written with
 * hub4j's own request machinery (same connector, authorization, rate-limit handling and error mapping),
 * which is why this class sits in hub4j's package. Nothing else of hub4j is extended; see docs/publishing.md.
 */
public final class MissingInHub4j {
    private MissingInHub4j() {
    }

    /**
     * Removes every button from a check run ({@code "actions": []}): once the risk is accepted, "Accept risk"
     * must go. {@link GHCheckRunBuilder} sends {@code actions} only when at least one was added, so it can
     * add buttons but never clear them.
     */
    public static void removeCheckRunActions(GHRepository repository, long checkRunId) throws IOException {
        repository.root()
                .createRequest()
                .method("PATCH")
                .with("actions", List.of())
                .withUrlPath(repository.getApiTailUrl("check-runs/" + checkRunId))
                .send();
    }

    /**
     * Answers a review comment through {@code POST /repos/{owner}/{repo}/pulls/{n}/comments} with
     * {@code in_reply_to}: {@link GHPullRequestReviewCommentBuilder} has no {@code in_reply_to}, and
     * {@link GHPullRequestReviewComment#reply} uses the {@code .../comments/{id}/replies} endpoint, which the
     * app's declared API surface (the OpenAPI subset its tests hold it to) does not include.
     */
    public static void replyToReviewComment(GHPullRequest pullRequest, long commentId, String commitId, String path,
            String body) throws IOException {
        pullRequest.root()
                .createRequest()
                .method("POST")
                .with("body", body)
                .with("commit_id", commitId)
                .with("path", path)
                .with("in_reply_to", commentId)
                .withUrlPath(pullRequest.getRepository().getApiTailUrl("pulls/" + pullRequest.getNumber() + "/comments"))
                .send();
    }

    /**
     * Posts a review whose comments say which side of the diff they are on ({@code side}, {@code start_side}:
     * {@code RIGHT}, the new version). {@link GHPullRequestReviewBuilder#singleLineComment} and
     * {@link GHPullRequestReviewBuilder#multiLineComment} send only {@code path}, {@code line} and
     * {@code start_line}, and GitHub's REST description documents no default side.
     *
     * @param comments each with {@code path}, {@code body}, {@code line}, and {@code start_line} for a range
     */
    public static void createCommentReview(GHPullRequest pullRequest, String commitId, String body,
            List<Map<String, Object>> comments) throws IOException {
        pullRequest.root()
                .createRequest()
                .method("POST")
                .with("commit_id", commitId)
                .with("event", "COMMENT")
                .with("body", body)
                .with("comments", comments)
                .withUrlPath(pullRequest.getRepository().getApiTailUrl("pulls/" + pullRequest.getNumber() + "/reviews"))
                .send();
    }
}
