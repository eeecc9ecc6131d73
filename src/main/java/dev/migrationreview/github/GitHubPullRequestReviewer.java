package dev.migrationreview.github;

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
import java.util.concurrent.ExecutorService;
import java.util.Date;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHPermissionType;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHPullRequestReviewComment;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.MissingInHub4j;
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

    private final GitHubApi github;
    private final ChangeReviewer changeReviewer;
    private final ConfigLoader configLoader;
    private final BlobCache blobCache;
    private final ReviewCommentBody commentBody;
    private final Clock clock;
    private final OnReviewError onReviewError;
    private final String appId;
    private final ExecutorService blobFetcher;

    public GitHubPullRequestReviewer(GitHubApi github, ChangeReviewer changeReviewer, ConfigLoader configLoader,
            BlobCache blobCache, String rulesDocsUrl, Clock clock) {
        this(github, changeReviewer, configLoader, blobCache, rulesDocsUrl, clock, OnReviewError.FAILURE, "");
    }

    /**
     * @param appId this app's numeric id, to tell its check runs from other apps' of the same name; empty
     *              when only a client id is configured
     */
    public GitHubPullRequestReviewer(GitHubApi github, ChangeReviewer changeReviewer, ConfigLoader configLoader,
            BlobCache blobCache, String rulesDocsUrl, Clock clock, OnReviewError onReviewError, String appId) {
        this(github, changeReviewer, configLoader, blobCache, rulesDocsUrl, clock, onReviewError, appId, null);
    }

    /** @param blobFetcher where files are fetched in parallel (its size is the bound); null fetches one at a time */
    public GitHubPullRequestReviewer(GitHubApi github, ChangeReviewer changeReviewer, ConfigLoader configLoader,
            BlobCache blobCache, String rulesDocsUrl, Clock clock, OnReviewError onReviewError, String appId,
            ExecutorService blobFetcher) {
        this.blobFetcher = blobFetcher;
        this.onReviewError = onReviewError;
        this.appId = appId == null || !appId.chars().allMatch(Character::isDigit) ? "" : appId;
        this.github = github;
        this.changeReviewer = changeReviewer;
        this.configLoader = configLoader;
        this.blobCache = blobCache;
        this.commentBody = new ReviewCommentBody(rulesDocsUrl);
        this.clock = clock;
    }

    private record ChangedFile(String path, String status, DiffHunks hunks) {}

    @Override
    public void review(PullRequestTarget requested, String runKey) throws GitHubRetryException {
        long installation = requested.installationId();
        GHRepository repo = github.repository(installation, requested.owner(), requested.repo());
        GHPullRequest pull = github.call(installation, gh -> repo.getPullRequest(requested.number()));
        PullRequestTarget target = atCurrentHeadIfUnknown(requested, pull);
        if (headMoved(target, pull)) {
            return;
        }
        String baseSha = pull.getBase().getSha();
        Optional<Run> started = startCheckRun(repo, target, runKey);
        if (started.isEmpty()) {
            return;
        }
        long runId = started.get().id();
        int annotationsSent = started.get().annotations();

        Map<String, ChangedFile> changed = new LinkedHashMap<>();
        for (GHPullRequestFileDetail f : github.call(installation, gh -> pull.listFiles().withPageSize(100).toList())) {
            changed.put(f.getFilename(), new ChangedFile(f.getFilename(), f.getStatus(), DiffHunks.parse(f.getPatch())));
        }
        List<String> changedPaths = changed.values().stream().filter(f -> !"removed".equals(f.status())).map(ChangedFile::path).toList();
        List<String> fallbackFolders = new ArrayList<>(CONVENTIONAL_MIGRATION_FOLDERS);
        changedPaths.stream().filter(p -> p.contains("/")).map(p -> p.substring(0, p.lastIndexOf('/'))).distinct().forEach(fallbackFolders::add);
        // base and head share most files: what one fetched, the other reads from memory
        BlobCache blobs = new ReviewBlobs(blobCache);
        GitTreeFiles base = new GitTreeFiles(github, installation, repo, baseSha, blobs, fallbackFolders, blobFetcher);
        GitTreeFiles head = new GitTreeFiles(github, installation, repo, target.headSha(), blobs, fallbackFolders, blobFetcher);

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
            // a history file is read when the replay needs it (format.ScriptText), not when it is found: the same failure
            complete(repo, target, runId, "neutral", "The repository could not be read",
                    "The review could not read the files it needs: " + e.getMessage(), List.of());
            return;
        } catch (ConfigException e) {
            // the config comes from the base branch, so failing here would block the very pull request that fixes it
            complete(repo, target, runId, "neutral", "The review configuration is invalid",
                    "The base branch's configuration cannot be used, so nothing was reviewed:\n\n    " + e.getMessage()
                            + "\n\nFix it on the base branch; this check is neutral so it does not block that fix.", List.of());
            return;
        } catch (IOException e) {
            complete(repo, target, runId, "neutral", "The repository could not be read",
                    "The review could not read the files it needs: " + e.getMessage(), List.of());
            return;
        }

        // the review may have taken a while: a newer push gets its own job, and this result would be stale
        if (headMoved(target, github.call(installation, gh -> repo.getPullRequest(target.number())))) {
            complete(repo, target, runId, "neutral", "Superseded by a newer commit",
                    "A newer commit was pushed while this one was being reviewed; the review of the newer commit is the one that counts.", List.of());
            return;
        }

        List<PublishedFinding> findings = PublishedFinding.of(report);
        Map<String, InlineComment> inline = new LinkedHashMap<>();
        List<PublishedFinding> outsideDiff = new ArrayList<>();
        for (PublishedFinding f : findings) {
            if (!f.finding().risk().atLeast(config.commentOn())) {
                continue; // below comment-on: in the check run only, not worth interrupting the author
            }
            ChangedFile file = changed.get(f.path());
            Optional<DiffHunks.Anchor> anchor = file == null ? Optional.empty()
                    : file.hunks().anchor(f.finding().line(), Math.max(f.finding().line(), f.finding().endLine()));
            if (anchor.isPresent()) {
                DiffHunks.Anchor a = anchor.get();
                boolean coversSuggestion = (a.startLine() == null ? a.line() : a.startLine()) == f.finding().line()
                        && a.line() == Math.max(f.finding().line(), f.finding().endLine());
                inline.put(f.fingerprint(), new InlineComment(f, a, commentBody.render(f, coversSuggestion, config.dialect())));
            } else {
                outsideDiff.add(f);
            }
        }

        syncReviewComments(pull, target, inline, report);
        syncOutsideDiffComment(pull, target, outsideDiff);
        CheckRunOutput.Output output = CheckRunOutput.of(report, config.failOn(), findings, outsideDiff);
        // a retry after a crash in the middle of the batches sends only the annotations GitHub does not have yet
        List<CheckRunOutput.Annotation> annotations = output.annotations();
        complete(repo, target, runId, output.conclusion(), output.title(), output.summary(), output.text(),
                annotations.subList(Math.min(annotationsSent, annotations.size()), annotations.size()),
                "failure".equals(output.conclusion()));
    }

    @Override
    public void giveUp(PullRequestTarget requested, String runKey, String reason) throws GitHubRetryException {
        long installation = requested.installationId();
        GHRepository repo = github.repository(installation, requested.owner(), requested.repo());
        PullRequestTarget target = requested.headSha() != null ? requested : atCurrentHeadIfUnknown(requested,
                github.call(installation, gh -> repo.getPullRequest(requested.number())));
        String conclusion = onReviewError.conclusion();
        String title = "Review could not be completed: Re-run this check or comment /migration-review recheck";
        String summary = "**migration-review could not complete the review of this commit.** " + reason
                + "\n\n" + onReviewError.consequence()
                + "\n\nTo review it again once GitHub answers: click **Re-run** on this check, or comment `"
                + "/migration-review recheck` on the pull request. A new push is reviewed as usual.";
        Optional<GHCheckRun> run = findRun(repo, target, runKey, true);
        if (run.isPresent() && run.get().getStatus() == GHCheckRun.Status.COMPLETED) {
            // this request's review was published (the job failed after it): its verdict stands
            LOG.info("{}#{}: not overriding the review of {}, its check run already completed as {}", target.fullName(),
                    target.number(), target.headSha(), run.get().getConclusion());
        } else if (run.isPresent()) {
            complete(repo, target, run.get().getId(), conclusion, title, summary, List.of());
        } else {
            github.call(installation, gh -> repo.createCheckRun(CHECK_NAME, target.headSha())
                    .withExternalID(runKey)
                    .withStatus(GHCheckRun.Status.COMPLETED)
                    .withConclusion(GHCheckRun.Conclusion.valueOf(conclusion.toUpperCase(java.util.Locale.ROOT)))
                    .withCompletedAt(now())
                    .add(new GHCheckRunBuilder.Output(title, CheckRunOutput.cut(summary)))
                    .create());
        }
    }

    /**
     * GitHub sends {@code requested_action} only for buttons on this app's own check run, but who clicked is
     * not vouched for: GitHub does not document that it shows the button only to people who can write to
     * the repository. So the clicker's permission is asked of GitHub first; write, maintain and admin may
     * accept, anyone else's click is refused on the run and its verdict stays.
     */
    @Override
    public void acceptRisk(PullRequestTarget target, long checkRunId, String login) throws GitHubRetryException {
        long installation = target.installationId();
        GHRepository repo = github.repository(installation, target.owner(), target.repo());
        Optional<GHCheckRun> found = target.headSha() == null ? Optional.empty() : ourRuns(repo, target).stream()
                .filter(r -> r.getId() == checkRunId).findFirst();
        if (found.isEmpty()) {
            throw new GitHubApiException(422, "check run " + checkRunId + " is not the " + CHECK_NAME + " run of commit "
                    + target.headSha() + " in " + target.fullName() + "; the risk was not accepted");
        }
        GHCheckRun run = found.get();
        String previousTitle = run.getOutput() == null || run.getOutput().getTitle() == null ? "" : run.getOutput().getTitle();
        String previousSummary = run.getOutput() == null || run.getOutput().getSummary() == null ? "" : run.getOutput().getSummary();
        String role = repositoryRole(repo, installation, login);
        if (!ACCEPTING_ROLES.contains(role)) {
            String previousText = run.getOutput() == null || run.getOutput().getText() == null ? "" : run.getOutput().getText();
            String refusal = "**@" + login + " asked to accept the risk on " + now().toInstant() + ", which was refused:** accepting "
                    + "needs write, maintain or admin access to " + target.fullName() + ", and GitHub reports "
                    + ("none".equals(role) ? "no access" : "`" + role + "` access") + " for @" + login
                    + ". The verdict above stands; someone with write access can accept it.";
            LOG.info("{}: refused {}'s risk acceptance of check run {} ({} access)", target.fullName(), login, checkRunId, role);
            github.call(installation, gh -> repo.updateCheckRun(checkRunId)
                    .add(new GHCheckRunBuilder.Output(previousTitle, previousSummary)
                            .withText(CheckRunOutput.cut(refusal + (previousText.isEmpty() ? "" : "\n\n---\n\n" + previousText))))
                    .create());
            return;
        }
        String summary = "**Risk accepted by @" + login + "** (" + role + " access to the repository, checked with GitHub) on "
                + now().toInstant() + " for commit `" + run.getHeadSha() + "`: " + previousTitle
                + ". The findings stay as reviewed below and on the lines; a new push is reviewed afresh.\n\n---\n\n"
                + previousSummary;
        github.call(installation, gh -> {
            repo.updateCheckRun(checkRunId)
                    .withStatus(GHCheckRun.Status.COMPLETED)
                    .withConclusion(GHCheckRun.Conclusion.SUCCESS)
                    .withCompletedAt(now())
                    .add(new GHCheckRunBuilder.Output(CheckRunOutput.abbreviate("Risk accepted by @" + login + ": " + previousTitle, 255),
                            CheckRunOutput.cut(summary)))
                    .create();
            MissingInHub4j.removeCheckRunActions(repo, checkRunId);
            return null;
        });
    }

    /** The roles that may accept a failing check's risk: those that could merge around it anyway. */
    private static final Set<String> ACCEPTING_ROLES = Set.of("admin", "write");

    /**
     * The user's access to the repository as GitHub's legacy base permission (admin, write — which maintain
     * maps to —, read — which triage maps to —, none); {@code none} for someone who is not a collaborator.
     */
    private String repositoryRole(GHRepository repo, long installation, String login) throws GitHubRetryException {
        if (login == null || login.isBlank()) {
            return "none";
        }
        GHPermissionType permission;
        try {
            permission = github.call(installation, gh -> repo.getPermission(login));
        } catch (GitHubApiException e) {
            if (e.status() == 404) {
                return "none";
            }
            throw e;
        }
        return switch (permission) {
            case ADMIN -> "admin";
            case WRITE -> "write";
            case READ -> "read";
            default -> "none";
        };
    }

    /** A recheck asked for by comment names no commit: it means the pull request as it is now. */
    private static PullRequestTarget atCurrentHeadIfUnknown(PullRequestTarget target, GHPullRequest pull) {
        if (target.headSha() != null) {
            return target;
        }
        return new PullRequestTarget(target.installationId(), target.owner(), target.repo(), target.number(),
                pull.getHead().getSha());
    }

    private boolean headMoved(PullRequestTarget target, GHPullRequest pull) {
        String current = pull.getHead().getSha();
        if (!current.equals(target.headSha())) {
            LOG.info("{}#{}: head is now {}, not {}; not publishing for the older commit", target.fullName(), target.number(),
                    current, target.headSha());
            return true;
        }
        return false;
    }

    /** This review request's run as GitHub has it: its id and the annotations it already carries. */
    private record Run(long id, int annotations) {}

    /**
     * This app's {@code migration-review} runs on the head commit, newest first. Listed with
     * {@code filter=all}: the run of this request need not be the latest one on the commit.
     */
    private List<GHCheckRun> ourRuns(GHRepository repo, PullRequestTarget target) throws GitHubRetryException {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("check_name", CHECK_NAME);
        query.put("filter", "all");
        if (!appId.isEmpty()) {
            query.put("app_id", appId);
        }
        List<GHCheckRun> runs = new ArrayList<>();
        for (GHCheckRun run : github.call(target.installationId(),
                gh -> repo.getCheckRuns(target.headSha(), query).withPageSize(100).toList())) {
            if (CHECK_NAME.equals(run.getName())
                    && (appId.isEmpty() || (run.getApp() != null && appId.equals(Long.toString(run.getApp().getId()))))) {
                runs.add(run);
            }
        }
        runs.sort((a, b) -> Long.compare(b.getId(), a.getId()));
        return runs;
    }

    private static int annotationsOf(GHCheckRun run) {
        return run.getOutput() == null ? 0 : run.getOutput().getAnnotationsCount();
    }

    /**
     * The run of {@code runKey} (by {@code external_id}); with {@code adopt}, else an unfinished run of an
     * earlier request for the same pull request (or one from before runs carried an external id) that has no
     * annotations yet, which then becomes this request's run.
     */
    private Optional<GHCheckRun> findRun(GHRepository repo, PullRequestTarget target, String runKey, boolean adopt)
            throws GitHubRetryException {
        List<GHCheckRun> runs = ourRuns(repo, target);
        for (GHCheckRun run : runs) {
            if (runKey.equals(run.getExternalId())) {
                return Optional.of(run);
            }
        }
        if (!adopt) {
            return Optional.empty();
        }
        String samePullRequest = runKey.contains("@") ? runKey.substring(0, runKey.lastIndexOf('@') + 1) : runKey;
        for (GHCheckRun run : runs) {
            String externalId = run.getExternalId() == null ? "" : run.getExternalId();
            if (run.getStatus() != GHCheckRun.Status.COMPLETED && annotationsOf(run) == 0
                    && (externalId.isEmpty() || externalId.startsWith(samePullRequest))) {
                github.call(target.installationId(), gh -> repo.updateCheckRun(run.getId())
                        .withExternalID(runKey).withStatus(GHCheckRun.Status.IN_PROGRESS).create());
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    /**
     * The run this request publishes to: the one it already has (a retry, even one after a crash between
     * publishing and recording the job as done), else a new one. Empty when that run is already completed:
     * the review was published and there is nothing left to do.
     */
    private Optional<Run> startCheckRun(GHRepository repo, PullRequestTarget target, String runKey) throws GitHubRetryException {
        Optional<GHCheckRun> existing = findRun(repo, target, runKey, true);
        if (existing.isPresent()) {
            GHCheckRun run = existing.get();
            if (run.getStatus() == GHCheckRun.Status.COMPLETED) {
                LOG.info("{}#{}: the check run of {} is already completed ({}); nothing to publish again", target.fullName(),
                        target.number(), runKey, run.getConclusion());
                return Optional.empty();
            }
            return Optional.of(new Run(run.getId(), annotationsOf(run)));
        }
        GHCheckRun created = github.call(target.installationId(), gh -> repo.createCheckRun(CHECK_NAME, target.headSha())
                .withExternalID(runKey)
                .withStatus(GHCheckRun.Status.IN_PROGRESS)
                .withStartedAt(now())
                .add(new GHCheckRunBuilder.Output("Reviewing migrations", "Reading the pull request's migrations."))
                .create());
        return Optional.of(new Run(created.getId(), 0));
    }

    private void complete(GHRepository repo, PullRequestTarget target, long runId, String conclusion, String title, String summary,
            List<CheckRunOutput.Annotation> annotations) throws GitHubRetryException {
        complete(repo, target, runId, conclusion, title, CheckRunOutput.cut(summary), null, annotations, false);
    }

    /**
     * Sends the output in requests of at most 50 annotations, completing the run with the last one so the
     * gate opens with everything in place (hub4j's own batching would complete it with the first).
     */
    private void complete(GHRepository repo, PullRequestTarget target, long runId, String conclusion, String title, String summary,
            String text, List<CheckRunOutput.Annotation> annotations, boolean offerAcceptRisk) throws GitHubRetryException {
        int batches = Math.max(1, (annotations.size() + CheckRunOutput.ANNOTATIONS_PER_REQUEST - 1) / CheckRunOutput.ANNOTATIONS_PER_REQUEST);
        for (int batch = 0; batch < batches; batch++) {
            List<CheckRunOutput.Annotation> slice = annotations.subList(batch * CheckRunOutput.ANNOTATIONS_PER_REQUEST,
                    Math.min(annotations.size(), (batch + 1) * CheckRunOutput.ANNOTATIONS_PER_REQUEST));
            GHCheckRunBuilder.Output output = new GHCheckRunBuilder.Output(title, summary).withText(text);
            slice.forEach(a -> output.add(a.toHub4j()));
            boolean last = batch == batches - 1;
            github.call(target.installationId(), gh -> {
                GHCheckRunBuilder update = repo.updateCheckRun(runId).add(output);
                if (last) {
                    update.withStatus(GHCheckRun.Status.COMPLETED)
                            .withConclusion(GHCheckRun.Conclusion.valueOf(conclusion.toUpperCase(java.util.Locale.ROOT)))
                            .withCompletedAt(now());
                    if (offerAcceptRisk) {
                        update.add(new GHCheckRunBuilder.Action("Accept risk", "Pass this check for this commit", ACCEPT_RISK_ACTION));
                    }
                }
                return update.create();
            });
        }
    }

    private record InlineComment(PublishedFinding finding, DiffHunks.Anchor anchor, String body) {}

    private void syncReviewComments(GHPullRequest pull, PullRequestTarget target, Map<String, InlineComment> wanted, Report report)
            throws GitHubRetryException {
        long installation = target.installationId();
        List<GHPullRequestReviewComment> all = github.call(installation, gh -> pull.listReviewComments().withPageSize(100).toList());
        Map<Long, List<GHPullRequestReviewComment>> replies = new LinkedHashMap<>();
        Map<String, List<GHPullRequestReviewComment>> ours = new LinkedHashMap<>();
        for (GHPullRequestReviewComment c : all) {
            if (c.getInReplyToId() > 0) {
                replies.computeIfAbsent(c.getInReplyToId(), k -> new ArrayList<>()).add(c);
            } else {
                ReviewCommentBody.fingerprintIn(c.getBody()).ifPresent(fp -> ours.computeIfAbsent(fp, k -> new ArrayList<>()).add(c));
            }
        }
        Set<String> toPost = new LinkedHashSet<>(wanted.keySet());
        for (Map.Entry<String, List<GHPullRequestReviewComment>> e : ours.entrySet()) {
            String fp = e.getKey();
            List<GHPullRequestReviewComment> comments = e.getValue();
            InlineComment still = wanted.get(fp);
            for (int i = 0; i < comments.size(); i++) {
                GHPullRequestReviewComment c = comments.get(i);
                List<GHPullRequestReviewComment> thread = replies.getOrDefault(c.getId(), List.of());
                boolean keep = still != null && i == 0;
                if (keep) {
                    toPost.remove(fp);
                    if (!still.body().equals(c.getBody())) {
                        github.call(installation, gh -> {
                            c.update(still.body());
                            return null;
                        });
                    }
                } else if (thread.isEmpty()) {
                    github.call(installation, gh -> {
                        c.delete();
                        return null;
                    });
                } else if (thread.stream().noneMatch(r -> ReviewCommentBody.isResolvedReply(r.getBody()))) {
                    // someone answered: deleting would take their words with it, so close the thread instead
                    github.call(installation, gh -> {
                        MissingInHub4j.replyToReviewComment(pull, c.getId(), target.headSha(), c.getPath(),
                                ReviewCommentBody.resolvedReply(fp));
                        return null;
                    });
                }
            }
        }
        if (toPost.isEmpty()) {
            return;
        }
        String body = "migration-review: " + toPost.size() + (toPost.size() == 1 ? " finding" : " findings")
                + " on the changed migrations (overall risk: " + report.risk().configName()
                + "). The `" + CHECK_NAME + "` check run has the full summary.";
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
        github.call(installation, gh -> {
            MissingInHub4j.createCommentReview(pull, target.headSha(), body, comments);
            return null;
        });
    }

    private void syncOutsideDiffComment(GHPullRequest pull, PullRequestTarget target, List<PublishedFinding> outside)
            throws GitHubRetryException {
        long installation = target.installationId();
        List<GHIssueComment> ours = new ArrayList<>();
        for (GHIssueComment c : github.call(installation, gh -> pull.listComments().withPageSize(100).toList())) {
            if (c.getBody() != null && c.getBody().contains(OUTSIDE_DIFF_MARKER)) {
                ours.add(c);
            }
        }
        String body = outside.isEmpty() ? null : outsideDiffBody(outside);
        for (int i = 0; i < ours.size(); i++) {
            GHIssueComment c = ours.get(i);
            if (body != null && i == 0) {
                if (!body.equals(c.getBody())) {
                    github.call(installation, gh -> {
                        c.update(body);
                        return null;
                    });
                }
            } else {
                github.call(installation, gh -> {
                    c.delete();
                    return null;
                });
            }
        }
        if (body != null && ours.isEmpty()) {
            github.call(installation, gh -> pull.comment(body));
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

    private Date now() {
        return Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }
}
