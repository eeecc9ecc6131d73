package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

@Singleton
public final class CharColumn extends PostgresRule {

    public CharColumn() {
        super("char-column", Risk.INFO, "char(n) pads with spaces and is no faster than text or varchar");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        List<Finding> out = new ArrayList<>();
        for (IntroducedColumns.Introduced c : IntroducedColumns.of(context)) {
            String n = c.type().name();
            if (!(n.equals("character") || n.equals("char") || n.equals("bpchar"))) {
                continue;
            }
            out.addAll(report(context, Risk.INFO, "Prefer text to " + c.type().raw() + " for `" + c.column() + "`",
                    "`" + c.table() + "." + c.column() + "` is " + c.type().raw() + ": shorter values are padded with spaces, the padding"
                            + " is ignored in some comparisons and not in others (LIKE, concatenation), and it saves no space or time.",
                    "Use `text` (with `CHECK (char_length(" + c.column() + ") = n)` if the length is a rule), or varchar(n).", null));
        }
        return out;
    }
}
