package dev.migrationreview.analysis;

/** The config names a dialect this build cannot read yet: a config problem for the user, not a crash. */
public class UnsupportedDialectException extends RuntimeException {
    public UnsupportedDialectException(String message) {
        super(message);
    }
}
