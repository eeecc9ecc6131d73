package dev.migrationreview.analysis;

/** Whether a statement may run inside a transaction block. */
public enum TransactionUse {
    /** Runs anywhere. */
    ANY,
    /** Fails inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...). */
    NOT_IN_TRANSACTION,
    /** Opens, ends or alters the transaction itself (BEGIN, COMMIT). */
    CONTROLS_TRANSACTION
}
