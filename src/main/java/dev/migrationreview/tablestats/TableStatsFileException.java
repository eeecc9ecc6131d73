package dev.migrationreview.tablestats;

/** A table-stats file that cannot be used; the message names the file and the field. */
public class TableStatsFileException extends RuntimeException {
    public TableStatsFileException(String message) {
        super(message);
    }
}
