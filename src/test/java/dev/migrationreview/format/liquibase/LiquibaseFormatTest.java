package dev.migrationreview.format.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Liquibase changelogs as the finder reads them: JSON and XML, sqlFile, code it cannot see, a broken include. */
class LiquibaseFormatTest {
    private final LayoutMigrationFinder finder = new LayoutMigrationFinder();

    private List<MigrationScript> find(String... pathsAndContents) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return finder.find(new InMemoryRepositoryFiles(files), ReviewConfig.defaults());
    }

    @Test
    void jsonChangelogsAreReadAtTheirLinesWithContextPreconditionsAndTransactionMode() throws IOException {
        List<MigrationScript> scripts = find(
                "db/changelog/db.changelog-master.json", """
                        {"databaseChangeLog": [
                          {"include": {"file": "orders.json", "relativeToChangelogFile": true, "context": "prod"}}
                        ]}
                        """,
                "db/changelog/orders.json", """
                        {"databaseChangeLog": [
                          {"changeSet": {"id": "1", "author": "ana",
                            "changes": [
                              {"createTable": {"tableName": "orders",
                                "columns": [{"column": {"name": "id", "type": "bigint"}}]}}
                            ]}},
                          {"changeSet": {"id": "2", "author": "ana", "runInTransaction": false,
                            "preConditions": [{"tableExists": {"tableName": "orders"}}],
                            "changes": [
                              {"createIndex": {"tableName": "orders", "indexName": "orders_id_idx",
                                "columns": [{"column": {"name": "id"}}]}}
                            ],
                            "rollback": [{"dropIndex": {"indexName": "orders_id_idx"}}]}}
                        ]}
                        """);
        assertEquals(List.of("1::ana", "2::ana"), scripts.stream().map(MigrationScript::version).toList());
        Operation index = scripts.get(1).operations().get(0);
        assertEquals(1, scripts.get(1).operations().size(), "the rollback is not a forward change");
        assertEquals(10, index.span().startLine());
        assertEquals(11, index.span().endLine());
        assertEquals(List.of("CREATE INDEX orders_id_idx ON orders(id)"), index.sql());
        assertFalse(index.transactional(), "runInTransaction false");
        assertTrue(index.written().contains("[context prod; preconditions tableExists]"), index.written());
        assertTrue(scripts.get(0).operations().get(0).transactional());
    }

    @Test
    void sqlFilesCodeAndChangesForOtherDatabasesAreNeitherLostNorGuessed() throws IOException {
        List<MigrationScript> scripts = find(
                "src/main/resources/db/changelog/db.changelog-master.xml", """
                        <databaseChangeLog>
                          <changeSet id="1" author="ana">
                            <sqlFile path="sql/orders.sql" relativeToChangelogFile="true"/>
                          </changeSet>
                          <changeSet id="2" author="ana">
                            <customChange class="com.example.FillTotals">
                              <param name="batch" value="1000"/>
                            </customChange>
                            <executeCommand executable="/usr/bin/backfill"/>
                            <output>done</output>
                            <sql>UPDATE orders SET total = 0 WHERE total IS NULL;
                        DELETE FROM orders WHERE id &lt; 0;</sql>
                          </changeSet>
                          <changeSet id="3" author="ana" dbms="mysql">
                            <sql>ALTER TABLE orders ENGINE=InnoDB</sql>
                          </changeSet>
                        </databaseChangeLog>
                        """,
                "src/main/resources/db/changelog/sql/orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total int);\n");
        assertEquals(2, scripts.size(), "changeSet 3 is for MySQL only: " + scripts);
        MigrationScript file = scripts.get(0);
        assertTrue(file.isSql());
        assertEquals("src/main/resources/db/changelog/sql/orders.sql", file.path());
        assertTrue(file.appliedText().contains("CREATE TABLE orders"));

        List<Operation> ops = scripts.get(1).operations();
        assertEquals(4, ops.size());
        assertEquals(6, ops.get(0).span().startLine());
        assertEquals(8, ops.get(0).span().endLine());
        assertTrue(ops.get(0).sql().isEmpty());
        assertTrue(ops.get(0).untranslated().contains("com.example.FillTotals"), ops.get(0).untranslated());
        assertTrue(ops.get(1).untranslated().contains("/usr/bin/backfill"), ops.get(1).untranslated());
        assertTrue(ops.get(2).untranslated().contains("prints a message"), ops.get(2).untranslated());
        assertEquals(11, ops.get(3).span().startLine());
        assertTrue(ops.get(3).sql().get(0).contains("DELETE FROM orders WHERE id < 0"), ops.get(3).sql().toString());
        assertNull(ops.get(3).untranslated());
    }

    @Test
    void aChangelogLiquibaseCannotReadIsShownWithTheReasonNotAnException() throws IOException {
        List<MigrationScript> scripts = find("db/changelog/db.changelog-master.yaml", """
                databaseChangeLog:
                  - include:
                      file: db/changelog/missing.yaml
                """);
        assertEquals(1, scripts.size());
        Operation problem = scripts.get(0).operations().get(0);
        assertEquals(1, problem.span().startLine());
        assertTrue(problem.untranslated().contains("db/changelog/db.changelog-master.yaml"), problem.untranslated());
        assertTrue(problem.untranslated().contains("missing.yaml"), problem.untranslated());
        assertFalse(problem.untranslated().contains("Exception"), problem.untranslated());
    }

    @Test
    void aConfiguredMasterKeepsEveryChangeSetOfAFile() throws IOException {
        ReviewConfig d = ReviewConfig.defaults();
        ReviewConfig config = new ReviewConfig(d.dialect(), d.version(), List.of(new ReviewConfig.MigrationLocation("db/master.yml", "liquibase")),
                d.schemaFile(), d.deploy(), d.failOn(), d.largeTableRows(), d.tables(), d.rules(), d.ignorePaths());
        Map<String, String> files = new LinkedHashMap<>();
        files.put("db/master.yml", "databaseChangeLog:\n  - include:\n      file: changes/a.yml\n      relativeToChangelogFile: true\n");
        files.put("db/changes/a.yml", """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ana
                      changes:
                        - createTable: {tableName: a, columns: [{column: {name: id, type: int}}]}
                  - changeSet:
                      id: 2
                      author: ana
                      changes:
                        - createIndex: {tableName: a, indexName: a_id, columns: [{column: {name: id}}]}
                """);
        List<MigrationScript> scripts = finder.find(new InMemoryRepositoryFiles(files), config);
        assertEquals(List.of("1::ana", "2::ana"), scripts.stream().map(MigrationScript::version).toList());
        assertEquals(11, scripts.get(1).operations().get(0).span().startLine());
    }

    @Test
    void fixesAreWrittenInTheChangelogsOwnSyntax() {
        String json = """
                {"databaseChangeLog": [
                  {"changeSet": {"id": "7", "author": "ben",
                    "changes": [
                      {"createIndex": {"tableName": "orders", "indexName": "orders_total_idx",
                        "columns": [{"column": {"name": "total"}}]}}
                    ]}}
                ]}
                """;
        Operation op = new Operation(new dev.migrationreview.sql.SourceSpan(4, 1, 5, 1), "createIndex", List.of(), true);
        MigrationScript script = MigrationScript.ofOperations("db/changelog/7.json", dev.migrationreview.format.MigrationTool.LIQUIBASE,
                "7::ben", json, List.of(op));
        MigrationFormat.Fix fix = new LiquibaseFormat().fix("create-index-non-concurrent", "Instead: ...", null,
                "CREATE INDEX orders_total_idx ON orders(total)", op, script);
        assertTrue(fix.fix().contains("```json\n{\"changeSet\": {\"id\": \"7-concurrently\", \"author\": \"ben\", \"runInTransaction\": false"),
                fix.fix());
        assertTrue(fix.fix().contains("{\"sql\": {\"sql\": \"CREATE INDEX CONCURRENTLY orders_total_idx ON orders(total)\"}}"), fix.fix());
    }
}
