package dev.migrationreview.format.liquibase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a pull request changes in a Liquibase changelog, changeSet by changeSet: Liquibase runs a changeSet
 * it has not recorded (by file, id and author) and skips one it has, so the change is the changeSets that are
 * new at the head, plus those edited with {@code runOnChange}. Everything at the base ran before, in the base's
 * execution order: that is the history. An edit to a changeSet that already ran is not run again; Liquibase's
 * checksum validation refuses it instead (unless {@code validCheckSum: ANY}).
 *
 * @param history       the base's changeSets for the dialect, in execution order
 * @param changed       the head's new (or re-run) changeSets, in execution order
 * @param editedApplied the head's changeSets whose content differs from the base's although they already ran
 */
public record ChangeSetDiff(List<LiquibaseChangeSet> history, List<LiquibaseChangeSet> changed,
        List<LiquibaseChangeSet> editedApplied) {
    public ChangeSetDiff {
        history = List.copyOf(history);
        changed = List.copyOf(changed);
        editedApplied = List.copyOf(editedApplied);
    }

    /**
     * @param changedPaths the files the pull request touches: only changeSets in them (or whose {@code sqlFile} is
     *                     one of them) can differ
     */
    public static ChangeSetDiff of(LiquibaseChangelog base, LiquibaseChangelog head, Set<String> changedPaths) {
        Map<String, LiquibaseChangeSet> atBase = new HashMap<>();
        List<LiquibaseChangeSet> history = new ArrayList<>();
        for (LiquibaseChangeSet c : base.changeSets()) {
            atBase.putIfAbsent(c.identity(), c);
            if (c.forDialect()) {
                history.add(c);
            }
        }
        List<LiquibaseChangeSet> changed = new ArrayList<>();
        List<LiquibaseChangeSet> edited = new ArrayList<>();
        for (LiquibaseChangeSet c : head.changeSets()) {
            if (!c.forDialect() || !touched(c, changedPaths)) {
                continue;
            }
            LiquibaseChangeSet before = atBase.get(c.identity());
            if (before == null) {
                changed.add(c);
            } else if (!sameContent(before, c)) {
                if (c.runOnChange()) {
                    changed.add(c);
                } else if (!c.anyCheckSum()) {
                    edited.add(c);
                }
            }
        }
        return new ChangeSetDiff(history, changed, edited);
    }

    private static boolean touched(LiquibaseChangeSet c, Set<String> changedPaths) {
        return changedPaths.contains(c.path()) || c.operations().stream().anyMatch(o -> changedPaths.contains(o.path()));
    }

    private static boolean sameContent(LiquibaseChangeSet a, LiquibaseChangeSet b) {
        if (!a.checkSum().isEmpty() && !b.checkSum().isEmpty()) {
            return a.checkSum().equals(b.checkSum());
        }
        return sql(a).equals(sql(b));
    }

    private static List<String> sql(LiquibaseChangeSet c) {
        return c.operations().stream()
                .flatMap(o -> o.analysed() ? o.statements().stream().map(LiquibaseOperation.TranslatedSql::sql) : java.util.stream.Stream.of(o.operation()))
                .toList();
    }
}
