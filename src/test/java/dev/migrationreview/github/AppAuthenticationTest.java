package dev.migrationreview.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationreview.github.fake.FakeGitHubFixture;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AppAuthenticationTest {
    private static final KeyPair KEY = FakeGitHubFixture.rsaKeyPair();

    @Test
    void readsThePkcs1KeyGitHubIssuesAndThePkcs8FormPeopleConvertItTo() {
        String pkcs1 = FakeGitHubFixture.pkcs1Pem(KEY);
        assertTrue(pkcs1.startsWith("-----BEGIN RSA PRIVATE KEY-----"), pkcs1.substring(0, 40));
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEY.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertEquals(KEY.getPrivate(), AppPrivateKey.parse(pkcs1));
        assertEquals(KEY.getPrivate(), AppPrivateKey.parse(pkcs8));
    }

    @Test
    void aKeyThatIsNotAPemPrivateKeySaysWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppPrivateKey.parse("ghp_notakey"));
        assertTrue(e.getMessage().contains("BEGIN RSA PRIVATE KEY"), e.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> AppPrivateKey.parse(" "));
        assertTrue(empty.getMessage().contains("GITHUB_PRIVATE_KEY"), empty.getMessage());
    }

    @Test
    void theJwtIsRs256SignedBackdatedAMinuteAndExpiresWithinTenMinutes() throws Exception {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        String jwt = new AppJwtSigner("4242", KEY.getPrivate(), Clock.fixed(now, ZoneOffset.UTC)).sign();
        String[] parts = jwt.split("\\.");
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(KEY.getPublic());
        verify.update((parts[0] + "." + parts[1]).getBytes());
        assertTrue(verify.verify(Base64.getUrlDecoder().decode(parts[2])));
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals(4242, claims.get("iss").asLong());
        assertEquals(now.getEpochSecond() - 60, claims.get("iat").asLong());
        assertTrue(claims.get("exp").asLong() - claims.get("iat").asLong() <= 600);
    }

    @Test
    void installationTokensAreReusedUntilShortlyBeforeTheyExpire() throws Exception {
        try (FakeGitHubFixture f = new FakeGitHubFixture()) {
            String sha = f.git.commit("init", java.util.Map.of("README.md", "hi\n"));
            for (int i = 0; i < 3; i++) {
                f.client.call(FakeGitHubFixture.INSTALLATION, gh -> gh.getRepository("acme/shop").getTreeRecursive(sha, 1));
            }
            long tokenRequests = f.github.requests().stream().filter(r -> r.contains("/access_tokens")).count();
            assertEquals(1, tokenRequests, f.github.requests().toString());
            assertEquals(java.util.List.of(), f.github.violations());
        }
    }
}
