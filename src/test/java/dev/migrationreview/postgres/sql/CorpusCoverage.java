package dev.migrationreview.postgres.sql;

import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.ParsedStatement.Recogniser;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Counts, per corpus, how many statements JSqlParser parsed and how many the engine understood. */
final class CorpusCoverage {

    /** Statement kinds that take table locks or rewrite tables: every one of them must be understood. */
    static final Set<String> LOCK_RELEVANT = Set.of(
            "ALTER TABLE", "CREATE TABLE", "DROP TABLE", "CREATE INDEX", "DROP INDEX", "ALTER INDEX", "REINDEX",
            "VACUUM", "CLUSTER", "LOCK TABLE", "REFRESH MATERIALIZED VIEW", "TRUNCATE", "ALTER TYPE", "DROP TYPE",
            "CREATE TRIGGER", "DROP TRIGGER", "CREATE MATERIALIZED VIEW", "CREATE VIEW", "DROP VIEW", "ALTER SEQUENCE",
            "UPDATE", "DELETE", "INSERT", "DO", "CREATE TYPE", "ALTER VIEW", "DROP MATERIALIZED VIEW");

    record Unit(String corpus, Path file, ParsedStatement statement) {}

    record Result(String corpus, int files, int statements, int meta, int jsqlParsed, int irFromParser, int irFromClassifier,
            int notUnderstood, int lockRelevant, int lockRelevantNotUnderstood, int alterActions, int alterActionsOther,
            List<Unit> failures) {

        double understoodPercent() {
            return statements == 0 ? 100.0 : 100.0 * (statements - notUnderstood) / statements;
        }
    }

    static Result measure(PostgresCorpus corpus, PostgresStatementParser parser) {
        int statements = 0, meta = 0, parsed = 0, fromParser = 0, fromClassifier = 0, notUnderstood = 0;
        int lock = 0, lockNot = 0, actions = 0, other = 0;
        List<Unit> failures = new ArrayList<>();
        for (Path file : corpus.files()) {
            for (ParsedStatement p : parser.parse(corpus.applied(file))) {
                statements++;
                if (p.raw().metaCommand()) {
                    meta++;
                } else if (p.parseError() == null && p.source() != Recogniser.NONE) {
                    parsed++;
                }
                if (p.source() == Recogniser.PARSER) {
                    fromParser++;
                } else if (p.source() == Recogniser.CLASSIFIER) {
                    fromClassifier++;
                }
                if (!p.understood()) {
                    notUnderstood++;
                    failures.add(new Unit(corpus.name(), file, p));
                }
                if (LOCK_RELEVANT.contains(p.kind())) {
                    lock++;
                    if (!p.understood()) {
                        lockNot++;
                    }
                }
                if (p.statement() instanceof Statement.AlterTable a) {
                    for (AlterTableAction x : a.actions()) {
                        actions++;
                        if (x instanceof AlterTableAction.Other) {
                            other++;
                        }
                    }
                }
            }
        }
        return new Result(corpus.name(), corpus.files().size(), statements, meta, parsed, fromParser, fromClassifier,
                notUnderstood, lock, lockNot, actions, other, failures);
    }

    static String markdown(List<Result> results, Path root) {
        StringBuilder sb = new StringBuilder();
        sb.append("| corpus | files | statements | parsed by JSqlParser | IR from JSqlParser | IR from classifier | not understood | understood | lock-relevant (not understood) | ALTER TABLE actions (kept as Other) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        int[] total = new int[9];
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %.2f%% | %d (%d) | %d (%d) |%n", r.corpus(), r.files(),
                    r.statements(), r.jsqlParsed(), r.irFromParser(), r.irFromClassifier(), r.notUnderstood(),
                    r.understoodPercent(), r.lockRelevant(), r.lockRelevantNotUnderstood(), r.alterActions(), r.alterActionsOther()));
            int[] add = {r.files(), r.statements(), r.jsqlParsed(), r.irFromParser(), r.irFromClassifier(), r.notUnderstood(),
                    r.lockRelevant(), r.lockRelevantNotUnderstood(), r.meta()};
            for (int i = 0; i < add.length; i++) {
                total[i] += add[i];
            }
        }
        sb.append(String.format(Locale.ROOT, "| **all** | %d | %d | %d (%.1f%%) | %d | %d | %d | %.2f%% | %d (%d) | |%n", total[0], total[1],
                total[2], 100.0 * total[2] / Math.max(1, total[1] - total[8]), total[3], total[4], total[5],
                100.0 * (total[1] - total[5]) / Math.max(1, total[1]), total[6], total[7]));
        sb.append("\nNot understood:\n\n");
        for (Result r : results) {
            for (Unit u : r.failures()) {
                String first = u.statement().raw().sql().lines().findFirst().orElse("").strip();
                if (first.length() > 90) {
                    first = first.substring(0, 90) + "...";
                }
                sb.append(String.format(Locale.ROOT, "- `%s:%d` %s: `%s`%n", root.relativize(u.file()).toString().replace('\\', '/'),
                        u.statement().span().startLine(), u.statement().kind(), first.replace("`", "'")));
            }
        }
        return sb.toString();
    }
}
