package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

@Singleton
public final class TimestampWithoutTimeZone extends PostgresRule {

    public TimestampWithoutTimeZone() {
        super("timestamp-without-time-zone", Risk.LOW, "timestamp without time zone stores wall-clock time with no zone; prefer timestamptz");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        List<Finding> out = new ArrayList<>();
        for (IntroducedColumns.Introduced c : IntroducedColumns.of(context)) {
            if (!c.type().name().equals("timestamp without time zone")) {
                continue;
            }
            String precision = c.type().modifiers().isEmpty() ? "" : "(" + c.type().modifiers().get(0) + ")";
            String arrays = "[]".repeat(c.type().arrayDimensions());
            out.addAll(report(context, Risk.LOW, "Prefer timestamptz for `" + c.column() + "`",
                    "`" + c.table() + "." + c.column() + "` is " + c.type().raw() + ": it stores the clock reading without its zone, so"
                            + " values written by sessions or servers in different time zones (or across a DST change) cannot be compared"
                            + " or converted reliably.",
                    "Use `timestamptz" + precision + arrays + "` (timestamp with time zone): it stores an absolute instant, same 8 bytes,"
                            + " and converts to each session's TimeZone on output.",
                    suggest(context, s -> s.replaceAll("(?i)\\btimestamp(\\s*\\(\\s*\\d+\\s*\\))?(\\s+without\\s+time\\s+zone)?(?!\\s+with\\s+time\\s+zone|tz)",
                            "timestamptz$1"))));
        }
        return out.size() > 1 ? out.subList(0, 1) : out;
    }
}
