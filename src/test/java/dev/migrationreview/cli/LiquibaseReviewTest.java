package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Liquibase project reviewed end to end by the CLI on a real git repository: the master changelog found by
 * convention, the history replayed from the changeSets that ran before, only the changeSets the branch adds
 * reviewed, findings on the XML and YAML lines of the changes, fixes written as Liquibase changeSets.
 */
public class LiquibaseReviewTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static final String MASTER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                <include file="changes/001-orders.xml" relativeToChangelogFile="true"/>
                <include file="changes/002-customers.yaml" relativeToChangelogFile="true"/>
            </databaseChangeLog>
            """;

    public static final String ORDERS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                <changeSet id="1" author="ana">
                    <createTable tableName="orders">
                        <column name="id" type="bigint">
                            <constraints primaryKey="true"/>
                        </column>
                        <column name="customer_id" type="bigint"/>
                        <column name="status" type="text"/>
                    </createTable>
                    <rollback>
                        <dropTable tableName="orders"/>
                    </rollback>
                </changeSet>
            </databaseChangeLog>
            """;

    public static final String ORDERS_WITH_INDEX_AND_KEY = ORDERS.replace("</databaseChangeLog>", """
                <changeSet id="3" author="ben">
                    <createIndex tableName="orders" indexName="orders_status_idx">
                        <column name="status"/>
                    </createIndex>
                    <addForeignKeyConstraint baseTableName="orders" baseColumnNames="customer_id"
                            constraintName="orders_customer_fk"
                            referencedTableName="customers" referencedColumnNames="id"/>
                </changeSet>
            </databaseChangeLog>
            """);

    public static final String CUSTOMERS = """
            databaseChangeLog:
              - changeSet:
                  id: 2
                  author: ana
                  changes:
                    - createTable:
                        tableName: customers
                        columns:
                          - column:
                              name: id
                              type: bigint
                              constraints:
                                primaryKey: true
                          - column:
                              name: email
                              type: text
            """;

    public static final String CUSTOMERS_WITH_INDEX = CUSTOMERS + """
              - changeSet:
                  id: 4
                  author: ben
                  changes:
                    - createIndex:
                        tableName: customers
                        indexName: customers_email_idx
                        columns:
                          - column:
                              name: email
            """;

    static final String CONFIG = """
            dialect: postgresql
            database-version: "16"
            tables:
              orders: { rows: 50000000 }
              customers: { rows: 2000000 }
            """;

    @TempDir
    Path dir;

    @Test
    void aBranchThatAddsChangeSetsIsReviewedOnItsXmlAndYamlLines() throws Exception {
        TestGit git = new TestGit(dir);
        git.init();
        git.write("src/main/resources/db/changelog/db.changelog-master.xml", MASTER);
        git.write("src/main/resources/db/changelog/changes/001-orders.xml", ORDERS);
        git.write("src/main/resources/db/changelog/changes/002-customers.yaml", CUSTOMERS);
        git.write(".github/migration-review.yml", CONFIG);
        git.commit("orders and customers");
        git.git("checkout", "-q", "-b", "feature");
        git.write("src/main/resources/db/changelog/changes/001-orders.xml", ORDERS_WITH_INDEX_AND_KEY);
        git.write("src/main/resources/db/changelog/changes/002-customers.yaml", CUSTOMERS_WITH_INDEX);
        git.commit("indexes and a foreign key");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"review", "--repo", dir.toString(), "--format", "json"}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(1, code, "high findings fail the review; stderr: " + err + " stdout: " + out);
        JsonNode report = MAPPER.readTree(out.toString());
        JsonNode files = report.get("files");
        assertEquals(2, files.size(), files.toString());

        // only changeSet 3 is the change: changeSet 1, in the same file, ran before and built the table
        JsonNode xml = files.get(0);
        assertEquals("src/main/resources/db/changelog/changes/001-orders.xml", xml.get("path").asText());
        assertEquals("liquibase", xml.get("tool").asText());
        assertEquals(2, xml.get("statements").size(), xml.toString());
        JsonNode index = xml.get("statements").get(0);
        assertEquals(16, index.get("startLine").asInt(), index.toString());
        assertEquals(18, index.get("endLine").asInt(), index.toString());
        assertEquals("CREATE INDEX orders_status_idx ON orders(status)", index.get("sql").asText());
        assertTrue(index.get("operation").asText().startsWith("<createIndex tableName=\"orders\""), index.toString());
        JsonNode indexFinding = finding(index, "create-index-non-concurrent");
        assertEquals(16, indexFinding.get("line").asInt());
        String fix = indexFinding.get("fix").asText();
        assertTrue(fix.contains("<changeSet id=\"3-concurrently\" author=\"ben\" runInTransaction=\"false\">"), fix);
        assertTrue(fix.contains("<sql>CREATE INDEX CONCURRENTLY orders_status_idx ON orders(status)</sql>"), fix);
        assertFalse(fix.contains("```sql"), "the fix is Liquibase, not SQL: " + fix);

        JsonNode key = xml.get("statements").get(1);
        assertEquals(19, key.get("startLine").asInt(), key.toString());
        assertEquals(21, key.get("endLine").asInt(), key.toString());
        JsonNode keyFinding = finding(key, "add-foreign-key-validating");
        String keyFix = keyFinding.get("fix").asText();
        assertTrue(keyFix.contains("validate=\"false\""), keyFix);
        assertTrue(keyFix.contains("<sql>ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk</sql>"), keyFix);
        assertTrue(keyFinding.get("suggestion").asText().contains("<addForeignKeyConstraint validate=\"false\" baseTableName=\"orders\""),
                keyFinding.toString());

        JsonNode yaml = files.get(1);
        assertEquals("src/main/resources/db/changelog/changes/002-customers.yaml", yaml.get("path").asText());
        assertEquals(1, yaml.get("statements").size(), yaml.toString());
        JsonNode yamlIndex = yaml.get("statements").get(0);
        assertEquals(21, yamlIndex.get("startLine").asInt(), yamlIndex.toString());
        assertEquals(26, yamlIndex.get("endLine").asInt(), yamlIndex.toString());
        String yamlFix = finding(yamlIndex, "create-index-non-concurrent").get("fix").asText();
        assertTrue(yamlFix.contains("runInTransaction: false"), yamlFix);
        assertTrue(yamlFix.contains("sql: CREATE INDEX CONCURRENTLY customers_email_idx ON customers(email)"), yamlFix);

        StringWriter text = new StringWriter();
        Main.execute(new String[] {"review", "--repo", dir.toString()}, new PrintWriter(text), new PrintWriter(new StringWriter()));
        assertTrue(text.toString().contains("src/main/resources/db/changelog/changes/001-orders.xml:16  HIGH  create-index-non-concurrent"),
                text.toString());
        assertFalse(text.toString().contains("Exception"), text.toString());
    }

    @Test
    void editingAChangeSetThatAlreadyRanIsAFindingOnItsLines() throws Exception {
        TestGit git = new TestGit(dir);
        git.init();
        git.write("src/main/resources/db/changelog/db.changelog-master.xml", MASTER);
        git.write("src/main/resources/db/changelog/changes/001-orders.xml", ORDERS);
        git.write("src/main/resources/db/changelog/changes/002-customers.yaml", CUSTOMERS);
        git.write(".github/migration-review.yml", CONFIG);
        git.commit("orders and customers");
        git.git("checkout", "-q", "-b", "feature");
        git.write("src/main/resources/db/changelog/changes/002-customers.yaml", CUSTOMERS.replace("type: text", "type: varchar(320)"));
        git.commit("a shorter email");

        StringWriter out = new StringWriter();
        int code = Main.execute(new String[] {"review", "--repo", dir.toString(), "--format", "json"}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        assertEquals(1, code, out.toString());
        JsonNode file = MAPPER.readTree(out.toString()).get("files").get(0);
        assertEquals("src/main/resources/db/changelog/changes/002-customers.yaml", file.get("path").asText());
        JsonNode edited = finding(file.get("statements").get(0), "edited-applied-migration");
        assertEquals(6, edited.get("line").asInt(), edited.toString());
        assertEquals("high", edited.get("risk").asText());
        assertTrue(edited.get("message").asText().contains("changeSet `2` (author ana)"), edited.toString());
        assertTrue(edited.get("fix").asText().contains("new changeSet"), edited.toString());
    }

    private static JsonNode finding(JsonNode statement, String rule) {
        List<String> rules = new ArrayList<>();
        for (JsonNode f : statement.get("findings")) {
            if (f.get("rule").asText().equals(rule)) {
                return f;
            }
            rules.add(f.get("rule").asText());
        }
        throw new AssertionError("no " + rule + " finding, only " + rules + " on " + statement);
    }
}
