package dev.migrationreview.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real schemas from the shared corpus: pg_dump structure files and lemmy's whole diesel history. */
class CorpusReplayTest {
    private final HistoryReplay replay = new HistoryReplay(new PostgresStatementParser());

    private static Path corpus() {
        var root = Corpus.root();
        assumeTrue(root.isPresent(), Corpus::missingMessage);
        return root.get();
    }

    private SchemaReplay.Result structure(String project) {
        return replay.replay(Schema.EMPTY, List.of(Corpus.structureSql(corpus(), project)));
    }

    private static long foreignKeys(Schema s) {
        return s.tables().values().stream().flatMap(t -> t.constraints().stream()).filter(c -> c.type() == ConstraintType.FOREIGN_KEY).count();
    }

    private static Table table(Schema s, String name) {
        return s.table(QualifiedName.parse(name)).orElseThrow(() -> new AssertionError("no table " + name));
    }

    @Test
    void lagoStructureLoadsWithPartitionsEnumsAndEveryConstraint() {
        SchemaReplay.Result r = structure("lago-api");
        Schema s = r.schema();
        assertEquals(List.of(), r.unmodelled());
        assertEquals(139, s.tables().size());
        assertEquals(339, foreignKeys(s), "every FOREIGN KEY in the dump");
        assertEquals(760, s.indexes().size(), "624 CREATE INDEX plus the primary key and unique constraints' indexes");
        assertEquals(34, s.views().size());
        assertEquals(43, s.enums().size());
        Table invoices = table(s, "invoices");
        assertEquals("gen_random_uuid()", invoices.column("id").orElseThrow().defaultExpression());
        assertTrue(invoices.column("id").orElseThrow().notNull());
        assertEquals(List.of("id"), invoices.primaryKey().orElseThrow().columns());
        assertTrue(s.index(QualifiedName.of("invoices_pkey")).orElseThrow().unique());
        assertTrue(s.foreignKeysReferencing(QualifiedName.of("invoices")).size() > 10);
        assertTrue(table(s, "enriched_events").partitioned());
        assertEquals(QualifiedName.parse("public.enriched_events"), table(s, "enriched_events_default").partitionOf());
        assertTrue(s.index(QualifiedName.of("index_enriched_events_on_event_id")).orElseThrow().valid(),
                "an ON ONLY index becomes valid once the partition's index is attached");
        assertTrue(s.index(QualifiedName.of("enriched_events_default_event_id_idx")).isPresent());
        assertTrue(s.schemas().contains("partman"));
        assertTrue(s.table(QualifiedName.parse("partman.template_public_enriched_events")).isPresent());
    }

    @Test
    void danbooruStructureLoadsSerialColumnsFromSetDefault() {
        SchemaReplay.Result r = structure("danbooru");
        Schema s = r.schema();
        assertEquals(List.of(), r.unmodelled());
        assertEquals(66, s.tables().size());
        assertEquals(93, foreignKeys(s));
        assertEquals(456, s.indexes().size());
        Column id = table(s, "posts").column("id").orElseThrow();
        assertEquals("integer", id.type().name());
        assertEquals("nextval('public.posts_id_seq'::regclass)", id.defaultExpression());
        assertEquals("public.posts.id", s.sequence(QualifiedName.of("posts_id_seq")).orElseThrow().ownedBy());
    }

    @Test
    void openstreetmapStructureLoadsCompositeKeysAndEnums() {
        SchemaReplay.Result r = structure("openstreetmap");
        Schema s = r.schema();
        assertEquals(List.of(), r.unmodelled());
        assertEquals(57, s.tables().size());
        assertEquals(71, foreignKeys(s));
        assertEquals(155, s.indexes().size());
        assertEquals(8, s.enums().size());
        Table nodes = table(s, "nodes");
        assertEquals(List.of("node_id", "version"), nodes.primaryKey().orElseThrow().columns());
        assertTrue(nodes.column("timestamp").isPresent(), "quoted keyword column names survive");
        assertTrue(table(s, "current_nodes").constraint("current_nodes_pkey1").isPresent());
    }

    @Test
    void lemmyWholeHistoryReplaysAndOnlyRecordsWhatItCannotModel() {
        List<dev.migrationreview.format.MigrationScript> history = Corpus.lemmyHistory(corpus());
        assertEquals(342, history.size());
        SchemaReplay.Result r = replay.replay(Schema.EMPTY, history);
        Schema s = r.schema();
        Table post = table(s, "post");
        assertTrue(post.column("name").isPresent());
        assertTrue(post.primaryKey().isPresent());
        assertTrue(s.foreignKeysReferencing(QualifiedName.of("person")).size() > 20, "the user table was renamed person, its references follow");
        assertTrue(s.table(QualifiedName.of("user_")).isEmpty());
        assertTrue(r.unmodelled().stream().allMatch(u -> u.matches("lemmy/migrations/[^:]+/up\\.sql:\\d+: .+")), () -> r.unmodelled().toString());
        // what is left: its three DO blocks
        assertTrue(r.unmodelled().size() <= 3, () -> r.unmodelled().size() + " unmodelled: " + String.join("\n", r.unmodelled()));
        assertFalse(r.unmodelled().stream().anyMatch(u -> u.contains("ALTER CONSTRAINT")), "deferrability changes need no modelling");
    }
}
