package dev.migrationreview.setup;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-time code that opens set-up mode. Whoever reaches a fresh server first could otherwise
 * register their own app on it; the code is printed in the server's log at start (as Jenkins prints
 * its initial password), so only someone who can read that log gets in. Only its SHA-256 is kept;
 * it is compared in constant time and works once: it is exchanged for a browser session (a cookie,
 * also kept hashed) that carries the rest of the manifest flow. Ten wrong codes replace it with a
 * new one, printed again.
 */
@Singleton
public class SetupCode implements ApplicationEventListener<ServerStartupEvent> {
    public static final String COOKIE = "migration-review-setup";
    private static final Logger LOG = LoggerFactory.getLogger(SetupCode.class);
    /** No 0/O, 1/I/L: the code is read off a terminal and typed. */
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final int MAX_WRONG = 10;

    private final AppCredentialsStore credentials;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private byte[] codeHash;
    private int wrong;

    public SetupCode(AppCredentialsStore credentials) {
        this.credentials = credentials;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (credentials.current().isEmpty()) {
            issue();
        }
    }

    /** True while a code waits to be used; false once it was (or before the server started). */
    public synchronized boolean pending() {
        return codeHash != null;
    }

    /**
     * Exchanges the code for a session token (for the cookie), once. Empty when the code is wrong or
     * already used.
     */
    public synchronized Optional<String> redeem(String typed) {
        if (codeHash == null || typed == null) {
            return Optional.empty();
        }
        String normalized = typed.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (!MessageDigest.isEqual(codeHash, sha256(normalized))) {
            if (++wrong >= MAX_WRONG) {
                LOG.warn("{} wrong set-up codes: the code is replaced by a new one", wrong);
                issue();
            }
            return Optional.empty();
        }
        codeHash = null;
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        sessions.add(HexFormat.of().formatHex(sha256(token)));
        LOG.info("The set-up code was used; the set-up page is open to that browser only");
        return Optional.of(token);
    }

    /** True when the cookie's token was handed out by {@link #redeem}. */
    public boolean admits(String token) {
        if (token == null || token.length() != 64) {
            return false;
        }
        return sessions.contains(HexFormat.of().formatHex(sha256(token)));
    }

    private synchronized void issue() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            if (i > 0 && i % 5 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        codeHash = sha256(code.toString().replace("-", ""));
        wrong = 0;
        LOG.warn("""

                *************************************************************
                migration-review is in set-up mode. To register the GitHub App,
                open this server's home page and enter the set-up code:

                    {}

                It works once. (Or configure GITHUB_APP_ID, GITHUB_PRIVATE_KEY_PATH
                and GITHUB_WEBHOOK_SECRET instead; see docs/github-app.md.)
                *************************************************************""", code);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
