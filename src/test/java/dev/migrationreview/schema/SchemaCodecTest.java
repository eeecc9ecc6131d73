package dev.migrationreview.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.format.DialectEvidence;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.QualifiedName;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The replayed-history cache's codec reads back exactly the schema it wrote, and nothing else. */
class SchemaCodecTest {
    private static final String KEY = "0123456789abcdef".repeat(4);

    /**
     * Every component of every record a schema holds, each set to a value that is not its default: a component the codec
     * does not write comes back as null, false or 0 and fails this. A component of a type this test cannot make fails it
     * too — then teach both this test and {@link SchemaCodec} the type (and raise {@link SchemaCodec#VERSION}).
     */
    @Test
    void everyComponentOfEverySchemaRecordIsWrittenAndRead() {
        Schema full = (Schema) new Values().of(Schema.class);
        SchemaReplay.Result result = new SchemaReplay.Result(full, List.of("V1__a.sql:3: not modelled", "ünïcode ✓ 😀"),
                List.of(new SchemaReplay.TooLarge("V2__dump.sql", 5_000_000_000L), new SchemaReplay.TooLarge("V3__ü.sql", 1)));
        assertEquals(result, SchemaCodec.read(SchemaCodec.write(KEY, result), KEY).orElseThrow());
    }

    @Test
    void nullsWhereTheModelAllowsThemComeBackAsNulls() {
        QualifiedName name = new QualifiedName(null, "t");
        Table table = new Table(name, List.of(new Column("c", null, false, null, null, null, false)),
                List.of(new Constraint(null, null, List.of(), null, List.of(), null, true)), null, null, false, null, 0);
        Schema schema = new Schema(Map.of(name, table), Map.of(), Map.of(), Map.of(),
                Map.of(QualifiedName.of("s"), new Sequence(QualifiedName.of("s"), null)));
        SchemaReplay.Result result = new SchemaReplay.Result(schema, List.of());
        assertEquals(result, SchemaCodec.read(SchemaCodec.write(KEY, result), KEY).orElseThrow());
        SchemaReplay.Result empty = new SchemaReplay.Result(Schema.EMPTY, List.of());
        assertEquals(empty, SchemaCodec.read(SchemaCodec.write(KEY, empty), KEY).orElseThrow());
    }

    @Test
    void anotherKeyAnotherVersionAndDamagedBytesReadAsNothing() {
        SchemaReplay.Result result = new SchemaReplay.Result((Schema) new Values().of(Schema.class), List.of("a note"));
        byte[] bytes = SchemaCodec.write(KEY, result);
        assertTrue(SchemaCodec.read(bytes, "f" + KEY.substring(1)).isEmpty(), "another history");
        for (int length = 0; length < bytes.length; length++) {
            assertTrue(SchemaCodec.read(Arrays.copyOf(bytes, length), KEY).isEmpty(), "truncated to " + length);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertTrue(SchemaCodec.read(longer, KEY).isEmpty(), "trailing bytes");
        byte[] otherVersion = bytes.clone();
        otherVersion[7]++;
        assertTrue(SchemaCodec.read(otherVersion, KEY).isEmpty(), "another layout");
        for (int i = 0; i < bytes.length; i++) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= (byte) 0x5a;
            // a flipped byte inside a string's text reads as another text: the rest must never throw
            SchemaCodec.read(damaged, KEY);
        }
    }

    /** Real histories of each dialect and format replay to a schema that comes back equal from the codec. */
    @ParameterizedTest
    @ValueSource(strings = {"lemmy", "lago-api", "ory-kratos", "rails-lobsters", "rails-openstreetmap", "django-healthchecks",
            "django-saleor", "liquibase-spinnaker-keel"})
    void realHistoriesComeBackEqual(String project) throws IOException {
        Optional<Path> corpus = SharedCorpus.present();
        Assumptions.assumeTrue(corpus.isPresent(), SharedCorpus::missingMessage);
        Path root = corpus.get();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve(project)), project + " is not in the corpus");
        Dialect dialect = Dialect.POSTGRESQL;
        List<MigrationScript> history;
        if (project.equals("lemmy")) {
            history = Corpus.lemmyHistory(root);
        } else if (project.equals("lago-api")) {
            history = List.of(Corpus.structureSql(root, project));
        } else if (project.equals("ory-kratos")) {
            dialect = Dialect.MYSQL;
            try (Stream<Path> files = Files.walk(root.resolve(project))) {
                history = files.filter(p -> p.getFileName().toString().endsWith(".mysql.up.sql")).sorted()
                        .map(p -> Corpus.script(root, p, MigrationTool.PLAIN)).toList();
            }
        } else {
            DirectoryRepositoryFiles files = new DirectoryRepositoryFiles(root.resolve(project));
            LayoutMigrationFinder finder = new LayoutMigrationFinder();
            ReviewConfig config = ReviewConfig.defaults();
            Optional<DialectEvidence> detected = finder.detectDialect(files, config);
            if (detected.isPresent()) {
                config = config.withDialect(detected.get().dialect());
            }
            dialect = config.dialect();
            history = finder.find(files, config);
        }
        assertFalse(history.isEmpty(), project + ": no history found");
        try (ApplicationContext context = ApplicationContext.builder(Environment.CLI).start()) {
            SchemaReplay.Result replayed = context.getBean(SchemaReplay.class).replay(dialect, Schema.EMPTY, history);
            assertFalse(replayed.schema().tables().isEmpty(), project + ": the replay built no table");
            byte[] bytes = SchemaCodec.write(KEY, replayed);
            assertEquals(replayed, SchemaCodec.read(bytes, KEY).orElseThrow(), project);
            System.out.printf("%s (%s): %d files, %d tables, %,d bytes%n", project, dialect.configName(), history.size(),
                    replayed.schema().tables().size(), bytes.length);
        }
    }

    /** Builds a record with every component set to something that is not its type's default. */
    private static final class Values {
        private int next = 1;

        Object of(Type type) {
            if (type instanceof ParameterizedType p) {
                Type[] arguments = p.getActualTypeArguments();
                if (p.getRawType() == List.class) {
                    return List.of(of(arguments[0]), of(arguments[0]));
                }
                if (p.getRawType() == Set.class) {
                    return Set.of(of(arguments[0]), of(arguments[0]));
                }
                if (p.getRawType() == Map.class) {
                    return Map.of(of(arguments[0]), of(arguments[1]), of(arguments[0]), of(arguments[1]));
                }
            } else if (type instanceof Class<?> c) {
                if (c == String.class) {
                    return "v" + next++;
                }
                if (c == boolean.class) {
                    return true;
                }
                if (c == int.class || c == Integer.class) {
                    return next++;
                }
                if (c.isEnum()) {
                    Object[] constants = c.getEnumConstants();
                    return constants[next++ % constants.length];
                }
                if (c.isRecord()) {
                    RecordComponent[] components = c.getRecordComponents();
                    Object[] values = new Object[components.length];
                    Class<?>[] types = new Class<?>[components.length];
                    for (int i = 0; i < components.length; i++) {
                        values[i] = of(components[i].getGenericType());
                        types[i] = components[i].getType();
                    }
                    try {
                        Constructor<?> canonical = c.getDeclaredConstructor(types);
                        return canonical.newInstance(values);
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError("cannot make a " + c.getName(), e);
                    }
                }
            }
            return fail("a schema holds a " + type.getTypeName() + ": teach SchemaCodec (and this test) to write it");
        }
    }
}
