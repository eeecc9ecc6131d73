package dev.migrationreview.schema;

import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.sql.ParsedStatement;
import java.util.List;

/**
 * Rebuilds a schema by applying statements in order. A statement the replay does not model is
 * recorded and the replay goes on: a history is never rejected for one odd statement.
 */
public interface SchemaReplay {

    /** Applies one statement. {@code unmodelled} is null when the statement was modelled (or needs no change). */
    Step apply(Schema before, ParsedStatement statement);

    /** Replays whole migration files (applied sections only), in order, starting from {@code start}. */
    Result replay(Schema start, List<MigrationScript> history);

    record Step(Schema after, String unmodelled) {}

    /** @param unmodelled {@code path:line: what was not modelled}, in order */
    record Result(Schema schema, List<String> unmodelled) {
        public Result {
            unmodelled = List.copyOf(unmodelled);
        }
    }
}
