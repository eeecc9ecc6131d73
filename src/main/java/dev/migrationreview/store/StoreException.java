package dev.migrationreview.store;

/** The store could not be read or written; the message names the operation. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
