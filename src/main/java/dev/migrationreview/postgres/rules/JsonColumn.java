package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

@Singleton
public final class JsonColumn extends PostgresRule {

    public JsonColumn() {
        super("json-column", Risk.LOW, "json columns: prefer jsonb (equality operator, indexing, faster reads)");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        List<Finding> out = new ArrayList<>();
        for (IntroducedColumns.Introduced c : IntroducedColumns.of(context)) {
            if (!c.type().name().equals("json")) {
                continue;
            }
            out.addAll(report(context, Risk.LOW, "Prefer jsonb for `" + c.column() + "`",
                    "`" + c.table() + "." + c.column() + "` is json, which stores the text as written: it has no equality operator, so"
                            + " SELECT DISTINCT, UNION and GROUP BY over rows with it fail (\"could not identify an equality operator for"
                            + " type json\"), it cannot be indexed with GIN, and every read re-parses it.",
                    "Use `jsonb` unless you must keep key order, duplicate keys or exact formatting.",
                    suggest(context, s -> s.replaceAll("(?i)\\bjson\\b(?!b)", "jsonb"))));
        }
        return out.size() > 1 ? out.subList(0, 1) : out;
    }
}
