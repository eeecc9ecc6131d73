package dev.migrationreview.schema;

import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParsedStatement;
import java.util.List;

/**
 * Rebuilds a schema by applying statements in order, as the review's dialect would. A statement the replay
 * does not model is recorded and the replay goes on: a history is never rejected for one odd statement.
 */
public interface SchemaReplay {

    /** Applies one statement. {@code unmodelled} is null when the statement was modelled (or needs no change). */
    Step apply(Dialect dialect, Schema before, ParsedStatement statement);

    /** Replays whole migration files (applied sections only), in order, starting from {@code start}. */
    default Result replay(Dialect dialect, Schema start, List<MigrationScript> history) {
        return replay(dialect, start, history, Long.MAX_VALUE);
    }

    /**
     * The same, leaving out every file over {@code fileBytes} bytes of UTF-8 (a review limit), each named in
     * {@link Result#tooLarge}. The replay checks a file's size as it reads it: a history file may not be read yet, and
     * a replay the on-disk cache holds never reads it.
     */
    Result replay(Dialect dialect, Schema start, List<MigrationScript> history, long fileBytes);

    /** {@link #apply(Dialect, Schema, ParsedStatement)} for PostgreSQL, the default dialect. */
    default Step apply(Schema before, ParsedStatement statement) {
        return apply(Dialect.POSTGRESQL, before, statement);
    }

    /** {@link #replay(Dialect, Schema, List)} for PostgreSQL, the default dialect. */
    default Result replay(Schema start, List<MigrationScript> history) {
        return replay(Dialect.POSTGRESQL, start, history);
    }

    record Step(Schema after, String unmodelled) {}

    /**
     * @param unmodelled {@code path:line: what was not modelled}, in order
     * @param tooLarge   the files left out for their size, in order
     */
    record Result(Schema schema, List<String> unmodelled, List<TooLarge> tooLarge) {
        public Result {
            unmodelled = List.copyOf(unmodelled);
            tooLarge = List.copyOf(tooLarge);
        }

        /** A replay that left no file out. */
        public Result(Schema schema, List<String> unmodelled) {
            this(schema, unmodelled, List.of());
        }
    }

    /** A history file left out of the replay: its size in bytes of UTF-8 is over the limit. */
    record TooLarge(String path, long bytes) {}
}
