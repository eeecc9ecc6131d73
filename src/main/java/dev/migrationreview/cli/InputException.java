package dev.migrationreview.cli;

/** Bad input from the user (a missing file, an unknown ref, a bad option value): exit code 2, message on stderr. */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
