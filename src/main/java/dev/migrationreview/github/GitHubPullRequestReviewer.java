package dev.migrationreview.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.analysis.ChangeReviewer;
import dev.migrationreview.config.ConfigException;
import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.analysis.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reviews a pull request at one head commit and publishes the result: the {@code migration-review} check
 * run (the gate), one review with an inline comment per finding on lines in the diff, and one pull request
 * comment for findings outside it. Every run starts from what is already on GitHub, so running it again
 * (a retry, a redelivered webhook, the next push) edits, keeps or removes earlier comments by fingerprint
 * and never posts a second copy.
 */
public final class GitHubPullRequestReviewer implements PullRequestReviewer {
    public static final String CHECK_NAME = "migration-review";
    public static final String ACCEPT_RISK_ACTION = "accept-risk";
    static final String OUTSIDE_DIFF_MARKER = "<!-- migration-review:outside-diff -->";
    private static final Logger LOG = LoggerFactory.getLogger(GitHubPullRequestReviewer.class);

    /** Folders listed one by one when GitHub truncates a huge repository's tree: where tools keep migrations. */
    static final List<String> CONVENTIONAL_MIGRATION_FOLDERS = List.of(".github", "db", "migrations", "migration",
            "src/main/resources/db", "prisma/migrations", "sql", "schema", "database");

    private final GitHubRestClient github;
    private final ChangeReviewer changeReviewer;
    private final ConfigLoader configLoader;
    private final BlobCache blobCache;
    private final ReviewCommentBody commentBody;
    private final Clock clock;

    public GitHubPullRequestReviewer(GitHubRestClient github, ChangeReviewer changeReviewer, ConfigLoader configLoader,
            BlobCache blobCache, String rulesDocsUrl, Clock clock) {
        this.github = github;
        this.changeReviewer = changeReviewer;
        this.configLoader = configLoader;
        this.blobCache = blobCache;
        this.commentBody = new ReviewCommentBody(rulesDocsUrl);
        this.clock = clock;
    }

    private record ChangedFile(String path, String status, DiffHunks hunks) {}

    @Override
    public void review(PullRequestTarget requested) throws GitHubRetryException {
        String repo = repoPath(requested);
        JsonNode pull = github.get(requested.installationId(), repo + "/pulls/" + requested.number());
        PullRequestTarget target = atCurrentHeadIfUnknown(requested, pull);
        if (headMoved(target, pull)) {
            return;
        }
        String baseSha = pull.path("base").path("sha").asText();
        long runId = startCheckRun(target);

        Map<String, ChangedFile> changed = new LinkedHashMap<>();
        for (JsonNode f : github.getAll(target.installationId(), repo + "/pulls/" + target.number() + "/files")) {
            String path = f.path("filename").asText();
            changed.put(path, new ChangedFile(path, f.path("status").asText(), DiffHunks.parse(f.path("patch").asText(null))));
        }
        List<String> changedPaths = changed.values().stream().filter(f -> !"removed".equals(f.status())).map(ChangedFile::path).toList();
        List<String> fallbackFolders = new ArrayList<>(CONVENTIONAL_MIGRATION_FOLDERS);
        changedPaths.stream().filter(p -> p.contains("/")).map(p -> p.substring(0, p.lastIndexOf('/'))).distinct().forEach(fallbackFolders::add);
        GitTreeFiles base = new GitTreeFiles(github, target.installationId(), target.owner(), target.repo(), baseSha, blobCache, fallbackFolders);
        GitTreeFiles head = new GitTreeFiles(github, target.installationId(), target.owner(), target.repo(), target.headSha(), blobCache, fallbackFolders);

        ReviewConfig config;
        Report report;
        try {
            config = configLoader.load(base);
            report = changeReviewer.review(base, head, changedPaths);
        } catch (GitTreeFiles.RetryableRead e) {
            throw e.retry();
        } catch (UncheckedIOException e) {
            // code that reads files inside a lambda wraps the GitHub "try again later" once more
            if (e.getCause() instanceof GitTreeFiles.RetryableRead retryable) {
                throw retryable.retry();
            }
            throw e;
        } catch (ConfigException e) {
            // the config comes from the base branch, so failing here would block the very pull request that fixes it
            complete(target, runId, "neutral", "The review configuration is invalid",
                    "The base branch's configuration cannot be used, so nothing was reviewed:\n\n    " + e.getMessage()
                            + "\n\nFix it on the base branch; this check is neutral so it does not block that fix.", List.of());
            return;
        } catch (IOException e) {
            complete(target, runId, "neutral", "The repository could not be read",
                    "The review could not read the files it needs: " + e.getMessage(), List.of());
            return;
        }

        // the review may have taken a while: a newer push gets its own job, and this result would be stale
        if (headMoved(target, github.get(target.installationId(), repo + "/pulls/" + target.number()))) {
            complete(target, runId, "neutral", "Superseded by a newer commit",
                    "A newer commit was pushed while this one was being reviewed; the review of the newer commit is the one that counts.", List.of());
            return;
        }

        List<PublishedFinding> findings = PublishedFinding.of(report);
        Map<String, InlineComment> inline = new LinkedHashMap<>();
        List<PublishedFinding> outsideDiff = new ArrayList<>();
        for (PublishedFinding f : findings) {
            ChangedFile file = changed.get(f.path());
            Optional<DiffHunks.Anchor> anchor = file == null ? Optional.empty()
                    : file.hunks().anchor(f.finding().line(), Math.max(f.finding().line(), f.finding().endLine()));
            if (anchor.isPresent()) {
                DiffHunks.Anchor a = anchor.get();
                boolean coversSuggestion = (a.startLine() == null ? a.line() : a.startLine()) == f.finding().line()
                        && a.line() == Math.max(f.finding().line(), f.finding().endLine());
                inline.put(f.fingerprint(), new InlineComment(f, a, commentBody.render(f, coversSuggestion)));
            } else {
                outsideDiff.add(f);
            }
        }

        syncReviewComments(target, inline, report);
        syncOutsideDiffComment(target, outsideDiff);
        CheckRunOutput.Output output = CheckRunOutput.of(report, config.failOn(), findings, outsideDiff);
        complete(target, runId, output.conclusion(), output.title(), output.summary(), output.text(), output.annotations(),
                "failure".equals(output.conclusion()));
    }

    @Override
    public void giveUp(PullRequestTarget requested, String reason) throws GitHubRetryException {
        PullRequestTarget target = requested.headSha() != null ? requested : atCurrentHeadIfUnknown(requested,
                github.get(requested.installationId(), repoPath(requested) + "/pulls/" + requested.number()));
        Optional<JsonNode> run = findCheckRun(target);
        String summary = "The review could not be completed: " + reason
                + "\n\nThis check is neutral so it does not block merging. Push again, re-run the check, or comment "
                + "`/migration-review recheck` to try again.";
        if (run.isPresent() && "completed".equals(run.get().path("status").asText())) {
            // this commit's review was published (the job failed after it, or a re-run failed): its verdict stands
            LOG.info("{}#{}: not marking {} neutral, its check run already completed as {}", target.fullName(), target.number(),
                    target.headSha(), run.get().path("conclusion").asText());
        } else if (run.isPresent()) {
            complete(target, run.get().path("id").asLong(), "neutral", "Review did not complete", summary, List.of());
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", CHECK_NAME);
            body.put("head_sha", target.headSha());
            body.put("status", "completed");
            body.put("conclusion", "neutral");
            body.put("completed_at", now());
            body.put("output", Map.of("title", "Review did not complete", "summary", summary));
            github.post(target.installationId(), repoPath(target) + "/check-runs", body);
        }
    }

    /**
     * GitHub sends {@code requested_action} only for buttons on this app's own check run, and shows check
     * run buttons only to people with write access to the repository; the webhook layer passes on the
     * clicker's login, which is recorded here.
     */
    @Override
    public void acceptRisk(PullRequestTarget target, long checkRunId, String login) throws GitHubRetryException {
        String repo = repoPath(target);
        JsonNode run = github.get(target.installationId(), repo + "/check-runs/" + checkRunId);
        if (!CHECK_NAME.equals(run.path("name").asText())
                || (target.headSha() != null && !target.headSha().equals(run.path("head_sha").asText()))) {
            throw new GitHubApiException(422, "check run " + checkRunId + " is not the " + CHECK_NAME + " run of commit "
                    + target.headSha() + " in " + target.fullName() + "; the risk was not accepted");
        }
        String previousTitle = run.path("output").path("title").asText("");
        String previousSummary = run.path("output").path("summary").asText("");
        String summary = "**Risk accepted by @" + login + "** on " + now() + " for commit `" + run.path("head_sha").asText() + "`: "
                + previousTitle + ". The findings stay as reviewed below and on the lines; a new push is reviewed afresh.\n\n---\n\n"
                + previousSummary;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "completed");
        body.put("conclusion", "success");
        body.put("completed_at", now());
        body.put("output", Map.of("title", CheckRunOutput.abbreviate("Risk accepted by @" + login + ": " + previousTitle, 255),
                "summary", CheckRunOutput.cut(summary)));
        body.put("actions", List.of());
        github.patch(target.installationId(), repo + "/check-runs/" + checkRunId, body);
    }

    /** A recheck asked for by comment names no commit: it means the pull request as it is now. */
    private static PullRequestTarget atCurrentHeadIfUnknown(PullRequestTarget target, JsonNode pull) {
        if (target.headSha() != null) {
            return target;
        }
        return new PullRequestTarget(target.installationId(), target.owner(), target.repo(), target.number(),
                pull.path("head").path("sha").asText());
    }

    private boolean headMoved(PullRequestTarget target, JsonNode pull) {
        String current = pull.path("head").path("sha").asText();
        if (!current.equals(target.headSha())) {
            LOG.info("{}#{}: head is now {}, not {}; not publishing for the older commit", target.fullName(), target.number(),
                    current, target.headSha());
            return true;
        }
        return false;
    }

    private Optional<JsonNode> findCheckRun(PullRequestTarget target) throws GitHubRetryException {
        JsonNode runs = github.get(target.installationId(), repoPath(target) + "/commits/" + target.headSha()
                + "/check-runs?check_name=" + CHECK_NAME + "&filter=latest");
        for (JsonNode run : runs.path("check_runs")) {
            if (CHECK_NAME.equals(run.path("name").asText())) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    /**
     * Reuses this head's run while it is still in progress and carries no annotations (a retry of the same
     * job); otherwise starts a new one, since annotations only append and a re-review must not double them.
     */
    private long startCheckRun(PullRequestTarget target) throws GitHubRetryException {
        Optional<JsonNode> existing = findCheckRun(target);
        if (existing.isPresent() && !"completed".equals(existing.get().path("status").asText())
                && existing.get().path("output").path("annotations_count").asInt(0) == 0) {
            long id = existing.get().path("id").asLong();
            if (!"in_progress".equals(existing.get().path("status").asText())) {
                github.patch(target.installationId(), repoPath(target) + "/check-runs/" + id, Map.of("status", "in_progress"));
            }
            return id;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", CHECK_NAME);
        body.put("head_sha", target.headSha());
        body.put("status", "in_progress");
        body.put("started_at", now());
        body.put("output", Map.of("title", "Reviewing migrations", "summary", "Reading the pull request's migrations."));
        return github.post(target.installationId(), repoPath(target) + "/check-runs", body).path("id").asLong();
    }

    private void complete(PullRequestTarget target, long runId, String conclusion, String title, String summary,
            List<CheckRunOutput.Annotation> annotations) throws GitHubRetryException {
        complete(target, runId, conclusion, title, CheckRunOutput.cut(summary), null, annotations, false);
    }

    private void complete(PullRequestTarget target, long runId, String conclusion, String title, String summary, String text,
            List<CheckRunOutput.Annotation> annotations, boolean offerAcceptRisk) throws GitHubRetryException {
        String path = repoPath(target) + "/check-runs/" + runId;
        int batches = Math.max(1, (annotations.size() + CheckRunOutput.ANNOTATIONS_PER_REQUEST - 1) / CheckRunOutput.ANNOTATIONS_PER_REQUEST);
        for (int batch = 0; batch < batches; batch++) {
            List<CheckRunOutput.Annotation> slice = annotations.subList(batch * CheckRunOutput.ANNOTATIONS_PER_REQUEST,
                    Math.min(annotations.size(), (batch + 1) * CheckRunOutput.ANNOTATIONS_PER_REQUEST));
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("title", title);
            output.put("summary", summary);
            if (text != null) {
                output.put("text", text);
            }
            if (!slice.isEmpty()) {
                output.put("annotations", slice.stream().map(CheckRunOutput.Annotation::toJson).toList());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("output", output);
            // GitHub appends each batch's annotations; the run completes with the last one so the gate opens with everything in place
            if (batch == batches - 1) {
                body.put("status", "completed");
                body.put("conclusion", conclusion);
                body.put("completed_at", now());
                body.put("actions", offerAcceptRisk
                        ? List.of(Map.of("label", "Accept risk", "description", "Pass this check for this commit",
                                "identifier", ACCEPT_RISK_ACTION))
                        : List.of());
            }
            github.patch(target.installationId(), path, body);
        }
    }

    private record InlineComment(PublishedFinding finding, DiffHunks.Anchor anchor, String body) {}

    private void syncReviewComments(PullRequestTarget target, Map<String, InlineComment> wanted, Report report)
            throws GitHubRetryException {
        String repo = repoPath(target);
        List<JsonNode> all = github.getAll(target.installationId(), repo + "/pulls/" + target.number() + "/comments");
        Map<Long, List<JsonNode>> replies = new LinkedHashMap<>();
        Map<String, List<JsonNode>> ours = new LinkedHashMap<>();
        for (JsonNode c : all) {
            if (c.hasNonNull("in_reply_to_id")) {
                replies.computeIfAbsent(c.get("in_reply_to_id").asLong(), k -> new ArrayList<>()).add(c);
            } else {
                ReviewCommentBody.fingerprintIn(c.path("body").asText()).ifPresent(fp -> ours.computeIfAbsent(fp, k -> new ArrayList<>()).add(c));
            }
        }
        Set<String> toPost = new LinkedHashSet<>(wanted.keySet());
        for (Map.Entry<String, List<JsonNode>> e : ours.entrySet()) {
            String fp = e.getKey();
            List<JsonNode> comments = e.getValue();
            InlineComment still = wanted.get(fp);
            for (int i = 0; i < comments.size(); i++) {
                JsonNode c = comments.get(i);
                long id = c.path("id").asLong();
                List<JsonNode> thread = replies.getOrDefault(id, List.of());
                boolean keep = still != null && i == 0;
                if (keep) {
                    toPost.remove(fp);
                    if (!still.body().equals(c.path("body").asText())) {
                        github.patch(target.installationId(), repo + "/pulls/comments/" + id, Map.of("body", still.body()));
                    }
                } else if (thread.isEmpty()) {
                    github.delete(target.installationId(), repo + "/pulls/comments/" + id);
                } else if (thread.stream().noneMatch(r -> ReviewCommentBody.isResolvedReply(r.path("body").asText()))) {
                    // someone answered: deleting would take their words with it, so close the thread instead
                    Map<String, Object> reply = new LinkedHashMap<>();
                    reply.put("body", ReviewCommentBody.resolvedReply(fp));
                    reply.put("commit_id", target.headSha());
                    reply.put("path", c.path("path").asText());
                    reply.put("in_reply_to", id);
                    github.post(target.installationId(), repo + "/pulls/" + target.number() + "/comments", reply);
                }
            }
        }
        if (toPost.isEmpty()) {
            return;
        }
        List<Map<String, Object>> comments = new ArrayList<>();
        for (String fp : toPost) {
            InlineComment ic = wanted.get(fp);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("path", ic.finding().path());
            c.put("body", ic.body());
            c.put("line", ic.anchor().line());
            c.put("side", "RIGHT");
            if (ic.anchor().startLine() != null) {
                c.put("start_line", ic.anchor().startLine());
                c.put("start_side", "RIGHT");
            }
            comments.add(c);
        }
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("commit_id", target.headSha());
        review.put("event", "COMMENT");
        review.put("body", "migration-review: " + comments.size() + (comments.size() == 1 ? " finding" : " findings")
                + " on the changed migrations (overall risk: " + report.risk().configName()
                + "). The `" + CHECK_NAME + "` check run has the full summary.");
        review.put("comments", comments);
        github.post(target.installationId(), repo + "/pulls/" + target.number() + "/reviews", review);
    }

    private void syncOutsideDiffComment(PullRequestTarget target, List<PublishedFinding> outside) throws GitHubRetryException {
        String repo = repoPath(target);
        List<JsonNode> ours = new ArrayList<>();
        for (JsonNode c : github.getAll(target.installationId(), repo + "/issues/" + target.number() + "/comments")) {
            if (c.path("body").asText().contains(OUTSIDE_DIFF_MARKER)) {
                ours.add(c);
            }
        }
        String body = outside.isEmpty() ? null : outsideDiffBody(outside);
        for (int i = 0; i < ours.size(); i++) {
            JsonNode c = ours.get(i);
            long id = c.path("id").asLong();
            if (body != null && i == 0) {
                if (!body.equals(c.path("body").asText())) {
                    github.patch(target.installationId(), repo + "/issues/comments/" + id, Map.of("body", body));
                }
            } else {
                github.delete(target.installationId(), repo + "/issues/comments/" + id);
            }
        }
        if (body != null && ours.isEmpty()) {
            github.post(target.installationId(), repo + "/issues/" + target.number() + "/comments", Map.of("body", body));
        }
    }

    private String outsideDiffBody(List<PublishedFinding> outside) {
        StringBuilder s = new StringBuilder("**migration-review** found ").append(outside.size())
                .append(outside.size() == 1 ? " issue" : " issues")
                .append(" on lines this pull request does not change, so GitHub cannot take them as line comments:\n\n");
        for (PublishedFinding f : outside) {
            s.append("- `").append(f.path()).append("` line ").append(f.finding().line()).append(" · **")
                    .append(f.finding().risk().configName()).append("** · ").append(f.finding().title()).append(": ")
                    .append(f.finding().message()).append('\n');
        }
        s.append('\n').append(OUTSIDE_DIFF_MARKER);
        return CheckRunOutput.cut(s.toString());
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String repoPath(PullRequestTarget target) {
        return "/repos/" + GitHubRestClient.segment(target.owner()) + "/" + GitHubRestClient.segment(target.repo());
    }

}
