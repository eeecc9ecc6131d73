package dev.migrationreview.github;

/**
 * One pull request at one head commit, in one installation: what a review job works on.
 *
 * @param headSha the head commit to review; {@code null} means "the pull request's current head",
 *                for requests that do not name a commit (a {@code /migration-review recheck} comment):
 *                the reviewer resolves it when the job runs
 */
public record PullRequestTarget(long installationId, String owner, String repo, int number, String headSha) {
    public String fullName() {
        return owner + "/" + repo;
    }
}
