package dev.migrationreview.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installation access tokens, kept until shortly before they expire (GitHub issues them for an hour), so a
 * review costs one token request per installation per hour rather than one per job.
 */
final class InstallationTokens {
    /** Renewed this long before expiry, so a token never runs out in the middle of a review. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    record Token(String value, Instant expiresAt) {}

    interface Issuer {
        Token issue(long installationId) throws GitHubRetryException;
    }

    private final Issuer issuer;
    private final Clock clock;
    private final Map<Long, Token> tokens = new ConcurrentHashMap<>();

    InstallationTokens(Issuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    String token(long installationId) throws GitHubRetryException {
        Token cached = tokens.get(installationId);
        if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(RENEW_BEFORE_EXPIRY))) {
            return cached.value();
        }
        Token fresh = issuer.issue(installationId);
        tokens.put(installationId, fresh);
        return fresh.value();
    }

    /** Drops a token GitHub no longer accepts (the installation was suspended or the token revoked). */
    void forget(long installationId) {
        tokens.remove(installationId);
    }
}
