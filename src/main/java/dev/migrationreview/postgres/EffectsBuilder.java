package dev.migrationreview.postgres;

import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.RelationLock.RelationKind;
import dev.migrationreview.analysis.StatementEffects;
import dev.migrationreview.analysis.TransactionUse;
import dev.migrationreview.sql.QualifiedName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects one statement's effects, keeping the strongest lock per relation. Not shared between statements. */
final class EffectsBuilder {
    private final Map<QualifiedName, RelationLock> locks = new LinkedHashMap<>();
    private final Set<QualifiedName> rewrites = new LinkedHashSet<>();
    private final Set<QualifiedName> scans = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();
    private TransactionUse transactionUse = TransactionUse.ANY;

    EffectsBuilder lock(QualifiedName relation, RelationKind kind, PostgresLockMode mode) {
        QualifiedName q = relation.qualified();
        locks.merge(q, new RelationLock(q, kind, mode),
                (a, b) -> ((PostgresLockMode) b.mode()).strongerThan((PostgresLockMode) a.mode()) ? b : a);
        return this;
    }

    EffectsBuilder rewrite(QualifiedName relation) {
        rewrites.add(relation.qualified());
        scans.remove(relation.qualified());
        return this;
    }

    EffectsBuilder scan(QualifiedName relation) {
        if (!rewrites.contains(relation.qualified())) {
            scans.add(relation.qualified());
        }
        return this;
    }

    boolean rewrites(QualifiedName relation) {
        return rewrites.contains(relation.qualified());
    }

    EffectsBuilder note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
        return this;
    }

    EffectsBuilder transactionUse(TransactionUse use) {
        transactionUse = use;
        return this;
    }

    StatementEffects build() {
        return new StatementEffects(List.copyOf(locks.values()), List.copyOf(rewrites), List.copyOf(scans), transactionUse, true, notes);
    }
}
