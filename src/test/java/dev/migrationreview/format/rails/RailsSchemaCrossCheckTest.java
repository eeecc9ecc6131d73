package dev.migrationreview.format.rails;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.format.DialectEvidence;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationFinder;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.mysql.sql.MysqlStatementParser;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import dev.migrationreview.schema.Column;
import dev.migrationreview.schema.HistoryReplay;
import dev.migrationreview.schema.Index;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.SchemaReplay;
import dev.migrationreview.schema.Table;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.statement.TypeName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reader checked against the applications themselves: replaying a Rails application's complete migration history
 * must give the schema its own dump (db/schema.rb, or db/structure.sql) records, table by table, column by column
 * (type, limit, null) and index by index (columns, unique). Every difference is printed; the ceilings below are the
 * differences docs/parser-coverage.md explains one by one, so a change that reads worse fails.
 */
class RailsSchemaCrossCheckTest {
    private final LayoutMigrationFinder finder = new LayoutMigrationFinder();
    private final HistoryReplay replay = new HistoryReplay(List.of(new PostgresStatementParser(), new MysqlStatementParser()));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // corpus, differences in tables, in columns, in indexes (ceilings: each is explained in docs/parser-coverage.md)
            "rails-maybe, 2, 1, 1",
            "rails-rubygems, 0, 8, 1",
            "rails-lobsters, 10, 25, 13",
            "rails-openstreetmap, 1, 22, 17",
    })
    void replayingTheWholeHistoryGivesTheSchemaTheDumpRecords(String corpus, int tableCeiling, int columnCeiling, int indexCeiling)
            throws IOException {
        assumeTrue(SharedCorpus.present().isPresent(), SharedCorpus.missingMessage());
        Path root = SharedCorpus.root().resolve(corpus);
        assumeTrue(Files.isDirectory(root), corpus + " is not in the corpus");
        DirectoryRepositoryFiles files = new DirectoryRepositoryFiles(root);
        ReviewConfig config = ReviewConfig.defaults();
        Optional<DialectEvidence> detected = finder.detectDialect(files, config);
        if (detected.isPresent()) {
            config = config.withDialect(detected.get().dialect());
        }
        MigrationFinder.Found found = finder.findWithSkipped(files, config);
        String location = found.byLocation().keySet().stream().filter(l -> l.equals("rails db/migrate")).findFirst().orElseThrow();
        List<MigrationScript> history = found.byLocation().get(location);
        MigrationFormat.SchemaDump dump = found.schemaDumps().get(location);
        assertTrue(dump != null, corpus + ": its schema dump is found");
        assertTrue(dump.covered().size() == history.size(), corpus + ": the dump records every migration (" + dump.covered().size()
                + " of " + history.size() + ")");

        SchemaReplay.Result replayed = replay.replay(config.dialect(), Schema.EMPTY, history);
        SchemaReplay.Result loaded = replay.replay(config.dialect(), Schema.EMPTY, List.of(dump.script()));
        Differences d = compare(replayed.schema(), loaded.schema(), config.dialect());
        System.out.println("== " + corpus + " (" + config.dialect().configName() + "): " + history.size() + " migrations vs "
                + dump.script().path() + ": " + loaded.schema().tables().size() + " tables in the dump, " + replayed.schema().tables().size()
                + " replayed; differences: " + d.tables.size() + " tables, " + d.columns.size() + " columns, " + d.indexes.size()
                + " indexes, " + d.names.size() + " index names; not modelled: history " + replayed.unmodelled().size() + ", dump " + loaded.unmodelled().size());
        replayed.unmodelled().stream().limit(Long.getLong("rails.unmodelled", 0)).forEach(u -> System.out.println("  UNMODELLED " + u));
        d.tables.forEach(s -> System.out.println("  TABLE  " + s));
        d.columns.forEach(s -> System.out.println("  COLUMN " + s));
        d.indexes.forEach(s -> System.out.println("  INDEX  " + s));
        d.names.forEach(s -> System.out.println("  NAME   " + s));
        assertTrue(d.tables.size() <= tableCeiling, corpus + " tables: " + d.tables);
        assertTrue(d.columns.size() <= columnCeiling, corpus + " columns: " + d.columns);
        assertTrue(d.indexes.size() <= indexCeiling, corpus + " indexes: " + d.indexes);
    }

    /** @param names indexes of the same columns under another name (Rails renames indexes with their table) */
    private record Differences(List<String> tables, List<String> columns, List<String> indexes, List<String> names) {}

    /** What the replayed history has that the dump does not ("+") and the reverse ("-"), by table. */
    private static Differences compare(Schema replayed, Schema dump, Dialect dialect) {
        List<String> tables = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, Table> r = byName(replayed);
        Map<String, Table> s = byName(dump);
        for (String t : new TreeSet<>(union(r.keySet(), s.keySet()))) {
            if (t.equals("schema_migrations") || t.equals("ar_internal_metadata")) {
                continue;
            }
            if (!s.containsKey(t)) {
                tables.add("+ " + t + " (replayed, not in the dump)");
                continue;
            }
            if (!r.containsKey(t)) {
                tables.add("- " + t + " (in the dump, not replayed)");
                continue;
            }
            Map<String, String> rc = columns(r.get(t), dialect);
            Map<String, String> sc = columns(s.get(t), dialect);
            for (String c : new TreeSet<>(union(rc.keySet(), sc.keySet()))) {
                String a = rc.get(c);
                String b = sc.get(c);
                if (a == null) {
                    columns.add(t + "." + c + ": only in the dump (" + b + ")");
                } else if (b == null) {
                    columns.add(t + "." + c + ": only replayed (" + a + ")");
                } else if (!a.equals(b)) {
                    columns.add(t + "." + c + ": replayed " + a + ", dump " + b);
                }
            }
            Map<String, String> ri = indexes(replayed, r.get(t));
            Map<String, String> si = indexes(dump, s.get(t));
            for (Map.Entry<String, String> i : ri.entrySet()) {
                if (!si.containsKey(i.getKey())) {
                    indexes.add(t + ": only replayed " + i.getKey() + " " + i.getValue());
                } else if (!si.get(i.getKey()).equals(i.getValue())) {
                    names.add(t + ": " + i.getKey() + " named " + i.getValue() + " replayed, " + si.get(i.getKey()) + " in the dump");
                }
            }
            for (Map.Entry<String, String> i : si.entrySet()) {
                if (!ri.containsKey(i.getKey())) {
                    indexes.add(t + ": only in the dump " + i.getKey() + " " + i.getValue());
                }
            }
        }
        return new Differences(tables, columns, indexes, names);
    }

    private static Map<String, Table> byName(Schema schema) {
        Map<String, Table> out = new TreeMap<>();
        schema.tables().forEach((name, table) -> out.put(name.name().toLowerCase(Locale.ROOT), table));
        return out;
    }

    private static Map<String, String> columns(Table table, Dialect dialect) {
        Map<String, String> out = new TreeMap<>();
        for (Column c : table.columns()) {
            out.put(c.name().toLowerCase(Locale.ROOT), type(c.type(), dialect) + (c.notNull() ? " not null" : " null"));
        }
        return out;
    }

    private static String type(TypeName t, Dialect dialect) {
        String name = t.name().toLowerCase(Locale.ROOT);
        if (name.startsWith("public.")) {
            name = name.substring("public.".length());
        }
        int space = name.indexOf(" character set ");
        if (space > 0) {
            name = name.substring(0, space);
        }
        return name + (t.modifiers().isEmpty() ? "" : t.modifiers().toString()) + "[]".repeat(t.arrayDimensions());
    }

    /** Each index by its shape (unique, columns or expressions, partial), with its name. */
    private static Map<String, String> indexes(Schema schema, Table table) {
        Map<String, String> out = new TreeMap<>();
        for (Index i : schema.indexesOn(table.name())) {
            String shape = (i.unique() ? "unique " : "") + i.elements().stream().map(RailsSchemaCrossCheckTest::expression).toList()
                    + (i.where() == null ? "" : " where " + expression(i.where()));
            out.put(shape, i.name().name());
        }
        return out;
    }

    /** An index element as PostgreSQL deparses it ({@code lower((name)::text)}) or as written ({@code lower(name)}): the same. */
    private static String expression(String e) {
        return e.toLowerCase(Locale.ROOT).replaceAll("::[a-z ]+(\\[\\])?", "").replaceAll("[()\"`\\s]", "");
    }

    private static <T> java.util.Set<T> union(java.util.Set<T> a, java.util.Set<T> b) {
        java.util.Set<T> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
