package dev.migrationreview.github;

/** One pull request at one head commit, in one installation: what a review job works on. */
public record PullRequestTarget(long installationId, String owner, String repo, int number, String headSha) {
    public String fullName() {
        return owner + "/" + repo;
    }
}
