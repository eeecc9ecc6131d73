package dev.migrationreview.schema;

import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.StatementParser;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rebuilds the schema a change meets by replaying the history before it, statement by statement,
 * with PostgreSQL's semantics (see {@link StatementApplier}). A pg_dump-style schema file is just
 * one more script of the history. Statements it does not model are listed as {@code path:line: reason}.
 */
@Singleton
public class HistoryReplay implements SchemaReplay {
    private final StatementParser parser;
    private final StatementApplier applier = new StatementApplier();

    public HistoryReplay(StatementParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    @Override
    public Step apply(Schema before, ParsedStatement statement) {
        return applier.apply(before, statement);
    }

    @Override
    public Result replay(Schema start, List<MigrationScript> history) {
        // one mutable draft for the whole history: copying the schema once per statement would make
        // a long history quadratic
        SchemaDraft draft = SchemaDraft.of(start);
        List<String> unmodelled = new ArrayList<>();
        for (MigrationScript script : history) {
            // every file runs in a session of its own: search_path and temporary tables do not carry over
            draft.defaultSchema = start.defaultSchema();
            List<QualifiedName> temporary = new ArrayList<>();
            for (ParsedStatement statement : script.statements(parser)) {
                String reason = applier.applyTo(draft, statement);
                if (reason != null) {
                    unmodelled.add(script.path() + ":" + line(statement) + ": " + reason);
                }
                if (statement.statement() instanceof Statement.CreateTable ct && ct.temporary()) {
                    temporary.add(draft.resolve(ct.table()));
                }
            }
            for (QualifiedName t : temporary) {
                if (draft.tables.containsKey(t)) {
                    applier.dropTable(draft, t, true);
                }
            }
        }
        draft.defaultSchema = start.defaultSchema();
        return new Result(draft.freeze(), unmodelled);
    }

    private static int line(ParsedStatement statement) {
        return statement.raw() == null ? 0 : statement.span().startLine();
    }
}
