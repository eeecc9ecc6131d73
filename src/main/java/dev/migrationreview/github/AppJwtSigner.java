package dev.migrationreview.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs the short-lived JWT an app presents to ask for installation tokens (RS256). Issued 60 seconds in
 * the past, as GitHub recommends, so a clock slightly ahead of GitHub's is not rejected; valid nine
 * minutes, under GitHub's ten-minute maximum even with that skew.
 */
public final class AppJwtSigner {
    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(9);

    private final String appId;
    private final PrivateKey key;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public AppJwtSigner(String appId, PrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    public String sign() {
        Instant now = clock.instant();
        ObjectNode header = json.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        ObjectNode claims = json.createObjectNode()
                .put("iat", now.minus(BACKDATE).getEpochSecond())
                .put("exp", now.plus(LIFETIME).getEpochSecond());
        // a numeric app id goes in as a number, a client id (Iv1.abc...) as a string; GitHub takes both
        if (appId.chars().allMatch(Character::isDigit)) {
            claims.put("iss", Long.parseLong(appId));
        } else {
            claims.put("iss", appId);
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the GitHub App JWT with the configured key: " + e.getMessage(), e);
        }
    }
}
