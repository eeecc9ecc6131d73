package dev.migrationreview.format.django;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The order Django applies a project's migrations in, built the way its {@code MigrationLoader} and
 * {@code MigrationGraph} build it: a node per migration, an edge per {@code dependencies} / {@code run_before}
 * entry, squashed migrations standing in for the ones they {@code replaces}, and {@code migrate}'s plan (the
 * forwards plan of every leaf, leaves in sorted order). Names carry no order in Django: only the edges do.
 *
 * <p>What Django refuses is kept as facts rather than thrown, so that a review still reads every migration: a
 * cycle ({@code CircularDependencyError}), several leaves in one app ("Conflicting migrations detected"), a
 * dependency on a migration that does not exist ({@code NodeNotFoundError}), two migrations with one name.
 *
 * <p>Migrations of apps that are not in the repository ({@code auth}, {@code contenttypes}, third-party
 * packages) are outside the graph: a dependency on them is satisfied by the installed package.
 */
public final class MigrationGraph {
    /** Django's {@code swappable_dependency(settings.AUTH_USER_MODEL)} setting when the project does not set it. */
    public static final Map<String, String> DEFAULT_SWAPPABLE = Map.of("AUTH_USER_MODEL", "auth");

    private static final String FIRST = "__first__";
    private static final String LATEST = "__latest__";

    /** A migration: its app label and its module name ({@code 0001_initial}). */
    public record Key(String app, String name) implements Comparable<Key> {
        public Key {
            Objects.requireNonNull(app);
            Objects.requireNonNull(name);
        }

        @Override
        public int compareTo(Key o) {
            int c = app.compareTo(o.app);
            return c != 0 ? c : name.compareTo(o.name);
        }

        @Override
        public String toString() {
            return app + "." + name;
        }
    }

    /**
     * A reference as written in a migration's header: {@code ("orders", "0001_initial")}, {@code ("shop", "__first__")},
     * or {@code swappable_dependency(settings.AUTH_USER_MODEL)} ({@code setting} names the setting; {@code app} is
     * then whatever the reader could tell, usually null, and {@code name} is {@code __first__}).
     *
     * @param line the 1-based line of the reference in its file, for errors
     */
    public record Reference(String app, String name, int line, String setting) {
        public Reference(String app, String name, int line) {
            this(app, name, line, null);
        }

        /** {@code migrations.swappable_dependency(settings.<setting>)} */
        public static Reference swappable(String setting, int line) {
            return new Reference(null, FIRST, line, setting);
        }

        private String written() {
            return setting != null ? "swappable_dependency(settings." + setting + ")" : "('" + app + "', '" + name + "')";
        }
    }

    /**
     * What the graph needs of one migration file.
     *
     * @param line the line of its {@code class Migration}, where findings about the migration as a whole land
     */
    public record Header(Key key, String path, int line, List<Reference> dependencies, List<Reference> runBefore,
            List<Reference> replaces, boolean initial) {
        public Header {
            dependencies = List.copyOf(dependencies);
            runBefore = List.copyOf(runBefore);
            replaces = List.copyOf(replaces);
        }
    }

    /** Something Django would refuse, at the file and line that says it. */
    public record Problem(String path, int line, String message) {
        @Override
        public String toString() {
            return path + ":" + line + ": " + message;
        }
    }

    /** An app with several leaf migrations: Django's {@code migrate} stops ("Conflicting migrations detected"). */
    public record Conflict(String app, List<Key> leaves) {
        public Conflict {
            leaves = List.copyOf(leaves);
        }
    }

    private final Map<Key, Header> nodes;
    private final List<Header> plan;
    private final List<Conflict> conflicts;
    private final List<Key> cycle;
    private final List<Problem> problems;
    private final Set<Key> replaced;

    private MigrationGraph(Map<Key, Header> nodes, List<Header> plan, List<Conflict> conflicts, List<Key> cycle,
            List<Problem> problems, Set<Key> replaced) {
        this.nodes = nodes;
        this.plan = List.copyOf(plan);
        this.conflicts = List.copyOf(conflicts);
        this.cycle = List.copyOf(cycle);
        this.problems = List.copyOf(problems);
        this.replaced = Collections.unmodifiableSet(replaced);
    }

    /** The graph of these migrations, with Django's default {@code AUTH_USER_MODEL} ({@code auth.User}). */
    public static MigrationGraph of(List<Header> headers) {
        return of(headers, DEFAULT_SWAPPABLE);
    }

    /**
     * @param swappableApps for each swappable setting the project sets ({@code AUTH_USER_MODEL = "accounts.User"}),
     *                      the app label of the model it names ({@code accounts}); unset settings default as Django does
     */
    public static MigrationGraph of(List<Header> headers, Map<String, String> swappableApps) {
        return new Builder(swappableApps).build(headers);
    }

    /** Every migration Django applies, in the order {@code manage.py migrate} applies them on an empty database. */
    public List<Header> plan() {
        return plan;
    }

    /** Apps with more than one leaf, sorted by app label. */
    public List<Conflict> conflicts() {
        return conflicts;
    }

    /** A dependency cycle (each migration depends on the next, the last on the first), or empty. */
    public List<Key> cycle() {
        return cycle;
    }

    /** Dependencies on missing migrations and duplicate names, each at its file and line. */
    public List<Problem> problems() {
        return problems;
    }

    /** Migrations a squashed migration stands in for: Django does not apply them on their own. */
    public Set<Key> replaced() {
        return replaced;
    }

    /** The migration with this key, if it is in the graph (replaced ones are not). */
    public Header header(Key key) {
        return nodes.get(key);
    }

    /** Builds one graph; thrown away afterwards. */
    private static final class Builder {
        private final Map<String, String> swappableApps;
        /** Real nodes (Django's {@code graph.nodes}). */
        private final Map<Key, Header> nodes = new LinkedHashMap<>();
        /** Parents and children of real and dummy nodes (Django's {@code node_map}). */
        private final Map<Key, TreeSet<Key>> parents = new HashMap<>();
        private final Map<Key, TreeSet<Key>> children = new HashMap<>();
        /** A referenced migration that is not on disk, and the first reference to it. */
        private final Map<Key, Problem> dummies = new LinkedHashMap<>();
        private final List<Problem> problems = new ArrayList<>();
        private final Set<String> apps = new HashSet<>();
        private final Set<Key> replaced = new LinkedHashSet<>();

        Builder(Map<String, String> swappableApps) {
            this.swappableApps = Map.copyOf(swappableApps);
        }

        MigrationGraph build(List<Header> headers) {
            List<Header> loaded = new ArrayList<>();
            for (Header h : headers) {
                Header earlier = nodes.get(h.key());
                if (earlier != null) {
                    // two folders giving one app label: Django refuses to start ("Application labels aren't unique")
                    problems.add(new Problem(h.path(), h.line(), "migration " + h.key() + " is also " + earlier.path()
                            + ": two apps have the label '" + h.key().app() + "'; give one a different `label` in its AppConfig"));
                    continue;
                }
                nodes.put(h.key(), h);
                node(h.key());
                apps.add(h.key().app());
                loaded.add(h);
            }
            // internal dependencies first, so that __first__ and __latest__ of other apps find their real root and leaf
            for (Header h : loaded) {
                for (Reference parent : h.dependencies()) {
                    Key key = resolvedApp(parent) == null ? null : new Key(resolvedApp(parent), parent.name());
                    if (key != null && key.app().equals(h.key().app()) && !parent.name().equals(FIRST)) {
                        edge(h, parent, h.key(), key, true);
                    }
                }
            }
            for (Header h : loaded) {
                for (Reference parent : h.dependencies()) {
                    String app = resolvedApp(parent);
                    if (app == null || app.equals(h.key().app())) {
                        continue;
                    }
                    Key key = resolve(new Key(app, parent.name()));
                    if (key != null) {
                        edge(h, parent, h.key(), key, true);
                    }
                }
                for (Reference child : h.runBefore()) {
                    String app = resolvedApp(child);
                    if (app == null) {
                        continue;
                    }
                    Key key = resolve(new Key(app, child.name()));
                    if (key != null) {
                        edge(h, child, key, h.key(), false);
                    }
                }
            }
            // a squashed migration applies when all or none of the ones it replaces did: a repository's history is
            // either, so the squashed one stands in for them (partly applied histories exist only on a live database)
            for (Header h : loaded) {
                if (!h.replaces().isEmpty()) {
                    replace(h);
                }
            }
            for (Map.Entry<Key, Problem> dummy : dummies.entrySet()) {
                if (parents.containsKey(dummy.getKey())) {
                    problems.add(dummy.getValue());
                    drop(dummy.getKey());
                }
            }
            List<Key> cycle = cycle();
            List<Header> plan = new ArrayList<>();
            Set<Key> planned = new HashSet<>();
            for (Key leaf : leaves(null)) {
                for (Key key : forwardsPlan(leaf)) {
                    if (planned.add(key)) {
                        plan.add(nodes.get(key));
                    }
                }
            }
            Map<String, List<Key>> leavesByApp = new TreeMap<>();
            for (Key leaf : leaves(null)) {
                leavesByApp.computeIfAbsent(leaf.app(), a -> new ArrayList<>()).add(leaf);
            }
            List<Conflict> conflicts = new ArrayList<>();
            leavesByApp.forEach((app, leaves) -> {
                if (leaves.size() > 1) {
                    conflicts.add(new Conflict(app, leaves));
                }
            });
            return new MigrationGraph(Collections.unmodifiableMap(nodes), plan, conflicts, cycle, problems, replaced);
        }

        private String resolvedApp(Reference ref) {
            if (ref.setting() == null) {
                return ref.app();
            }
            String model = swappableApps.get(ref.setting());
            return model != null ? model : DEFAULT_SWAPPABLE.get(ref.setting());
        }

        /**
         * Django's {@code check_key}: {@code __first__} is the app's first root, {@code __latest__} its first leaf;
         * null when the reference is to an app the repository does not hold (an installed package's migrations).
         */
        private Key resolve(Key key) {
            if (!apps.contains(key.app())) {
                return null;
            }
            if (nodes.containsKey(key) || (!key.name().equals(FIRST) && !key.name().equals(LATEST))) {
                return key;
            }
            List<Key> candidates = key.name().equals(FIRST) ? roots(key.app()) : leaves(key.app());
            return candidates.isEmpty() ? null : candidates.get(0);
        }

        private void node(Key key) {
            parents.computeIfAbsent(key, k -> new TreeSet<>());
            children.computeIfAbsent(key, k -> new TreeSet<>());
        }

        /** {@code child} depends on {@code parent}; a side that is not on disk becomes a dummy until squashes resolve it. */
        private void edge(Header from, Reference ref, Key child, Key parent, boolean dependency) {
            for (Key side : List.of(child, parent)) {
                if (!nodes.containsKey(side) && !parents.containsKey(side)) {
                    node(side);
                    String which = dependency ? "dependencies" : "run_before";
                    dummies.putIfAbsent(side, new Problem(from.path(), ref.line(), which + " names " + ref.written()
                            + ", but app '" + side.app() + "' has no migration " + side.name()
                            + " (Django stops with NodeNotFoundError): add it, or depend on the migration that exists"));
                }
            }
            parents.get(child).add(parent);
            children.get(parent).add(child);
        }

        /** Django's {@code remove_replaced_nodes}: the squashed migration takes over the edges of those it replaces. */
        private void replace(Header squash) {
            Set<Key> gone = new HashSet<>();
            for (Reference ref : squash.replaces()) {
                String app = resolvedApp(ref);
                if (app != null) {
                    gone.add(new Key(app, ref.name()));
                }
            }
            for (Key old : gone) {
                if (old.equals(squash.key()) || !parents.containsKey(old)) {
                    continue;
                }
                for (Key child : children.get(old)) {
                    parents.get(child).remove(old);
                    if (!gone.contains(child)) {
                        children.get(squash.key()).add(child);
                        parents.get(child).add(squash.key());
                    }
                }
                for (Key parent : parents.get(old)) {
                    children.get(parent).remove(old);
                    if (!gone.contains(parent)) {
                        parents.get(squash.key()).add(parent);
                        children.get(parent).add(squash.key());
                    }
                }
                parents.remove(old);
                children.remove(old);
                if (nodes.remove(old) != null) {
                    replaced.add(old);
                }
            }
        }

        private void drop(Key key) {
            for (Key child : children.remove(key)) {
                parents.get(child).remove(key);
            }
            for (Key parent : parents.remove(key)) {
                children.get(parent).remove(key);
            }
        }

        /** Nodes without a parent in their own app, sorted (Django's {@code root_nodes}). */
        private List<Key> roots(String app) {
            List<Key> out = new ArrayList<>();
            for (Key key : nodes.keySet()) {
                if ((app == null || key.app().equals(app)) && parents.get(key).stream().noneMatch(p -> p.app().equals(key.app()))) {
                    out.add(key);
                }
            }
            Collections.sort(out);
            return out;
        }

        /** Nodes without a child in their own app, sorted (Django's {@code leaf_nodes}). */
        private List<Key> leaves(String app) {
            List<Key> out = new ArrayList<>();
            for (Key key : nodes.keySet()) {
                if ((app == null || key.app().equals(app)) && children.get(key).stream().noneMatch(c -> c.app().equals(key.app()))) {
                    out.add(key);
                }
            }
            Collections.sort(out);
            return out;
        }

        /**
         * Django's {@code iterative_dfs}: a post-order walk of the parents, pushed in sorted order (so the greatest is
         * walked first). A parent still being walked is a cycle, already reported: it is skipped instead of looping.
         */
        private List<Key> forwardsPlan(Key target) {
            List<Key> visited = new ArrayList<>();
            Set<Key> done = new HashSet<>();
            Set<Key> open = new HashSet<>();
            Deque<Map.Entry<Key, Boolean>> stack = new ArrayDeque<>();
            stack.push(Map.entry(target, false));
            while (!stack.isEmpty()) {
                Map.Entry<Key, Boolean> top = stack.pop();
                Key key = top.getKey();
                if (done.contains(key)) {
                    continue;
                }
                if (top.getValue()) {
                    done.add(key);
                    open.remove(key);
                    visited.add(key);
                } else if (open.add(key)) {
                    stack.push(Map.entry(key, true));
                    for (Key parent : parents.get(key)) {
                        if (!open.contains(parent)) {
                            stack.push(Map.entry(parent, false));
                        }
                    }
                }
            }
            return visited;
        }

        /** The first cycle a depth-first walk in sorted order meets, or empty. */
        private List<Key> cycle() {
            Set<Key> done = new HashSet<>();
            for (Key start : new TreeSet<>(nodes.keySet())) {
                if (done.contains(start)) {
                    continue;
                }
                // path of the walk, and for each node on it the parents still to walk
                List<Key> path = new ArrayList<>();
                Set<Key> onPath = new HashSet<>();
                Deque<java.util.Iterator<Key>> pending = new ArrayDeque<>();
                path.add(start);
                onPath.add(start);
                pending.push(parents.get(start).iterator());
                while (!pending.isEmpty()) {
                    java.util.Iterator<Key> it = pending.peek();
                    if (!it.hasNext()) {
                        pending.pop();
                        Key finished = path.remove(path.size() - 1);
                        onPath.remove(finished);
                        done.add(finished);
                        continue;
                    }
                    Key next = it.next();
                    if (onPath.contains(next)) {
                        List<Key> loop = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                        return loop;
                    }
                    if (!done.contains(next)) {
                        path.add(next);
                        onPath.add(next);
                        pending.push(parents.get(next).iterator());
                    }
                }
            }
            return List.of();
        }
    }
}
