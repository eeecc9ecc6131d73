package dev.migrationreview.analysis;

import dev.migrationreview.sql.QualifiedName;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the change has created, and not dropped again, as it stood at each statement of the walk. Each name
 * keeps the stretches of the walk in which it existed, so a statement's view is a number, not a copy of
 * the set (which made the cost of a long change grow with its square).
 */
final class CreatedByChange {
    /** For each name, its lifetimes as [first step it exists in, first step it no longer does). */
    private final Map<QualifiedName, List<int[]>> lifetimes = new LinkedHashMap<>();
    private final Map<QualifiedName, Boolean> existsNext = new HashMap<>();
    private int step;

    /** The set as the statement now being judged sees it. */
    java.util.Set<QualifiedName> current() {
        return new AsOf(step);
    }

    /** Whether it exists for the next statement (after what this statement did so far). */
    boolean containsNext(QualifiedName name) {
        return existsNext.getOrDefault(name, false);
    }

    void add(QualifiedName name) {
        if (containsNext(name)) {
            return;
        }
        lifetimes.computeIfAbsent(name, k -> new ArrayList<>()).add(new int[] {step + 1, Integer.MAX_VALUE});
        existsNext.put(name, true);
    }

    void remove(QualifiedName name) {
        if (!containsNext(name)) {
            return;
        }
        List<int[]> spans = lifetimes.get(name);
        int[] last = spans.get(spans.size() - 1);
        if (last[0] == step + 1) {
            spans.remove(spans.size() - 1);
        } else {
            last[1] = step + 1;
        }
        existsNext.put(name, false);
    }

    /** The statement is done: the next one sees what it created and not what it dropped. */
    void advance() {
        step++;
    }

    final class AsOf extends AbstractSet<QualifiedName> {
        private final int at;

        AsOf(int at) {
            this.at = at;
        }

        @Override
        public boolean contains(Object o) {
            List<int[]> spans = o instanceof QualifiedName q ? lifetimes.get(q) : null;
            if (spans == null) {
                return false;
            }
            for (int i = spans.size() - 1; i >= 0; i--) {
                int[] s = spans.get(i);
                if (s[0] <= at) {
                    return at < s[1];
                }
            }
            return false;
        }

        @Override
        public Iterator<QualifiedName> iterator() {
            return lifetimes.keySet().stream().filter(this::contains).toList().iterator();
        }

        @Override
        public int size() {
            return (int) lifetimes.keySet().stream().filter(this::contains).count();
        }
    }
}
