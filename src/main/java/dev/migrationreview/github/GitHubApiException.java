package dev.migrationreview.github;

/**
 * GitHub refused a request for a reason that trying again will not fix (404, 422, a permission the app
 * lacks). Carries the status and GitHub's own message so the job's log says what to fix.
 */
public class GitHubApiException extends RuntimeException {
    private final int status;

    public GitHubApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
