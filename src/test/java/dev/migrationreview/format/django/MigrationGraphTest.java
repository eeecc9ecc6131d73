package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.format.django.MigrationGraph.Conflict;
import dev.migrationreview.format.django.MigrationGraph.Header;
import dev.migrationreview.format.django.MigrationGraph.Key;
import dev.migrationreview.format.django.MigrationGraph.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The orders and refusals of Django's loader, from headers alone (expected orders worked out with Django's own walk). */
class MigrationGraphTest {

    /** A migration {@code app.name} depending on {@code "app.name"} strings, each on its own line from line 5. */
    private static Header migration(String key, String... dependencies) {
        return migration(key, List.of(dependencies), List.of(), List.of());
    }

    private static Header migration(String key, List<String> dependencies, List<String> runBefore, List<String> replaces) {
        Key k = key(key);
        return new Header(k, k.app() + "/migrations/" + k.name() + ".py", 3, refs(dependencies, 5), refs(runBefore, 20),
                refs(replaces, 40), false);
    }

    private static List<Reference> refs(List<String> keys, int firstLine) {
        List<Reference> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Key k = key(keys.get(i));
            out.add(new Reference(k.app(), k.name(), firstLine + i));
        }
        return out;
    }

    private static Key key(String dotted) {
        int dot = dotted.indexOf('.');
        return new Key(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    private static List<String> order(MigrationGraph graph) {
        return graph.plan().stream().map(h -> h.key().toString()).toList();
    }

    @Test
    void edgesOrderMigrationsNotTheirNames() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("shop.0001_initial"),
                migration("shop.0002_b", "shop.0003_a"),
                migration("shop.0003_a", "shop.0001_initial")));
        assertEquals(List.of("shop.0001_initial", "shop.0003_a", "shop.0002_b"), order(graph));
        assertTrue(graph.conflicts().isEmpty());
        assertTrue(graph.problems().isEmpty());
    }

    @Test
    void aMergeMigrationWalksItsGreatestParentFirstAsDjangoDoes() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("shop.0001"),
                migration("shop.0002", "shop.0001"),
                migration("shop.0003", "shop.0001"),
                migration("shop.0004_merge", "shop.0002", "shop.0003")));
        assertEquals(List.of("shop.0001", "shop.0003", "shop.0002", "shop.0004_merge"), order(graph));
        assertTrue(graph.conflicts().isEmpty(), "the merge migration is the one leaf");
    }

    @Test
    void appsAreAppliedLeafByLeafInSortedOrderWithTheirDependenciesFirst() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("a.0001"),
                migration("a.0002", "a.0001"),
                migration("b.0001", "z.0001", "a.0001"),
                migration("z.0001")));
        assertEquals(List.of("a.0001", "a.0002", "z.0001", "b.0001"), order(graph));
    }

    @Test
    void firstAndLatestOfAnotherAppAreItsRootAndLeaf() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("orders.0001", "customers.__latest__"),
                migration("customers.0001"),
                migration("customers.0002", "customers.0001"),
                migration("billing.0001", "customers.__first__")));
        assertEquals(List.of("customers.0001", "billing.0001", "customers.0002", "orders.0001"), order(graph));
        Header billing = graph.header(key("billing.0001"));
        assertEquals("billing/migrations/0001.py", billing.path());
    }

    @Test
    void theUserModelDependencyFollowsTheProjectsSetting() {
        Key orders = key("orders.0001");
        Header dependsOnUser = new Header(orders, "orders/migrations/0001.py", 3,
                List.of(Reference.swappable("AUTH_USER_MODEL", 6)), List.of(), List.of(), true);
        List<Header> headers = List.of(dependsOnUser, migration("users.0001"), migration("users.0002", "users.0001"));
        assertEquals(List.of("orders.0001", "users.0001", "users.0002"), order(MigrationGraph.of(headers)),
                "by default the user model is auth.User, an installed app: the repository's apps stay in leaf order");
        assertEquals(List.of("users.0001", "orders.0001", "users.0002"),
                order(MigrationGraph.of(headers, Map.of("AUTH_USER_MODEL", "users"))),
                "AUTH_USER_MODEL = 'users.User' puts orders right after the users app's first migration");
    }

    @Test
    void runBeforePutsTheNamedMigrationAfterThisOne() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("a.0001"),
                migration("z.0001", List.of(), List.of("a.0001"), List.of())));
        assertEquals(List.of("z.0001", "a.0001"), order(graph));
    }

    @Test
    void dependenciesOnAppsOutsideTheRepositoryAreTheInstalledPackages() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("shop.0001", "contenttypes.0002_remove_content_type_name", "auth.__first__")));
        assertEquals(List.of("shop.0001"), order(graph));
        assertTrue(graph.problems().isEmpty());
    }

    @Test
    void aSquashedMigrationStandsInForTheOnesItReplaces() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("shop.0001"),
                migration("shop.0002", "shop.0001"),
                migration("shop.0001_squashed_0002", List.of(), List.of(), List.of("shop.0001", "shop.0002")),
                migration("shop.0003", "shop.0002"),
                migration("billing.0001", "shop.0001")));
        assertEquals(List.of("shop.0001_squashed_0002", "billing.0001", "shop.0003"), order(graph));
        assertEquals(Set.of(key("shop.0001"), key("shop.0002")), graph.replaced());
        assertTrue(graph.problems().isEmpty());
        assertTrue(graph.conflicts().isEmpty());
    }

    @Test
    void aSquashWhoseReplacedFilesWereDeletedStillSatisfiesTheirDependents() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("shop.0001_squashed_0002", List.of(), List.of(), List.of("shop.0001", "shop.0002")),
                migration("shop.0003", "shop.0002")));
        assertEquals(List.of("shop.0001_squashed_0002", "shop.0003"), order(graph));
        assertTrue(graph.problems().isEmpty(), graph.problems().toString());
    }

    @Test
    void aDependencyOnAMissingMigrationNamesTheFileAndLine() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("shop.0001"),
                migration("shop.0002", "shop.0001", "shop.0001_intial")));
        assertEquals(1, graph.problems().size());
        MigrationGraph.Problem problem = graph.problems().get(0);
        assertEquals("shop/migrations/0002.py", problem.path());
        assertEquals(6, problem.line());
        assertEquals("shop/migrations/0002.py:6: dependencies names ('shop', '0001_intial'), but app 'shop' has no migration"
                + " 0001_intial (Django stops with NodeNotFoundError): add it, or depend on the migration that exists", problem.toString());
        assertEquals(List.of("shop.0001", "shop.0002"), order(graph), "the rest of the graph still orders");
    }

    @Test
    void twoLeavesInOneAppAreAConflict() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("shop.0001"),
                migration("shop.0002_orders", "shop.0001"),
                migration("shop.0002_refunds", "shop.0001"),
                migration("billing.0001", "shop.0002_orders")));
        assertEquals(List.of(new Conflict("shop", List.of(key("shop.0002_orders"), key("shop.0002_refunds")))), graph.conflicts());
        assertEquals(4, graph.plan().size(), "both branches are still read");
    }

    @Test
    void aCycleIsFoundAndTheOrderStillEnds() {
        MigrationGraph graph = MigrationGraph.of(List.of(
                migration("a.0001", "b.0001"),
                migration("b.0001", "a.0001")));
        assertEquals(List.of(key("a.0001"), key("b.0001")), graph.cycle());
        assertEquals(2, graph.plan().size());
    }

    @Test
    void twoAppsWithOneLabelAreAProblemNotAnOverwrite() {
        Header first = migration("users.0001");
        Header second = new Header(key("users.0001"), "legacy/users/migrations/0001.py", 3, List.of(), List.of(), List.of(), true);
        MigrationGraph graph = MigrationGraph.of(List.of(first, second));
        assertEquals(List.of("users.0001"), order(graph));
        assertEquals("legacy/users/migrations/0001.py", graph.problems().get(0).path());
        assertTrue(graph.problems().get(0).message().contains("label"));
    }
}
