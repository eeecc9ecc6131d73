package dev.migrationreview.github.fake;

import dev.migrationreview.github.BlobCache;
import dev.migrationreview.github.GitHubAppCredentials;
import dev.migrationreview.github.GitHubApi;
import dev.migrationreview.github.GitHubCallListener;
import dev.migrationreview.github.JdbcBlobCache;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.h2.jdbcx.JdbcDataSource;

/**
 * One test's GitHub: a real git repository, the fake GitHub serving it, an app key pair GitHub "knows",
 * a client signed in as the app, and a blob cache in an in-memory H2 store.
 */
public final class FakeGitHubFixture implements AutoCloseable {
    public static final String OWNER = "acme";
    public static final String REPO = "shop";
    public static final String APP_ID = "4242";
    public static final long INSTALLATION = 77;

    public final GitRepository git = new GitRepository();
    public final KeyPair appKey = rsaKeyPair();
    public final FakeGitHub github;
    public final GitHubApi client;
    public final BlobCache blobCache;
    private final Connection keepAlive;

    public FakeGitHubFixture() {
        Clock clock = Clock.systemUTC();
        github = new FakeGitHub(OWNER, REPO, git, APP_ID, appKey.getPublic(), clock);
        client = new GitHubApi(new GitHubAppCredentials(APP_ID, pkcs1Pem(appKey), "secret", github.apiUrl()),
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), clock, Duration.ofSeconds(10), Duration.ZERO,
                GitHubCallListener.NONE);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:blobs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try {
            keepAlive = ds.getConnection();
            // the store's own tables, as the server creates them
            org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        blobCache = new JdbcBlobCache(ds);
    }

    public static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key as GitHub hands it out: PKCS#1, {@code BEGIN RSA PRIVATE KEY}. */
    public static String pkcs1Pem(KeyPair key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(key.getPrivate());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    @Override
    public void close() throws SQLException {
        github.close();
        git.close();
        keepAlive.close();
    }
}
