package dev.migrationreview.github;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the app's private key. GitHub hands out PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) files, which the
 * JDK (and hub4j's JWT provider) cannot read; people who converted it have PKCS#8
 * ({@code BEGIN PRIVATE KEY}). Both are accepted.
 */
public final class AppPrivateKey {
    private AppPrivateKey() {
    }

    public static PrivateKey parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("the GitHub App private key is empty: set GITHUB_PRIVATE_KEY or GITHUB_PRIVATE_KEY_PATH to the .pem file GitHub generated");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem.strip()))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("the GitHub App private key is not an RSA private key in PEM form (expected "
                    + "'-----BEGIN RSA PRIVATE KEY-----' or '-----BEGIN PRIVATE KEY-----', found "
                    + (object == null ? "no PEM block" : object.getClass().getSimpleName()) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("the GitHub App private key cannot be read as PEM: " + e.getMessage(), e);
        }
    }
}
