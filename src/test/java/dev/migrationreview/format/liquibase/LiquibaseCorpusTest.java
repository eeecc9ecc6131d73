package dev.migrationreview.format.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationreview.SharedCorpus;
import dev.migrationreview.fetch.DirectoryRepositoryFiles;
import dev.migrationreview.sql.Dialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every changeSet of the Liquibase corpora read through Liquibase, every change translated to SQL or reported as
 * not analysed with a reason, each at its line; no crash, no exception text. The numbers are floors
 * (docs/parser-coverage.md): a change that makes fewer changeSets or changes readable fails here.
 */
class LiquibaseCorpusTest {
    private static final Pattern EXCEPTION_TEXT = Pattern.compile("Exception|\\bat [a-z]+\\.[a-z]+\\.|\\w+\\.java:\\d+");

    @ParameterizedTest(name = "{0} {1} on {2}")
    @CsvSource({
            // corpus, master changelog, dialect, changeSets for the dialect (floor), changes translated (floor), not analysed (ceiling)
            "apache-fineract, fineract-provider/src/main/resources/db/changelog/db.changelog-master.xml, postgresql, 1521, 4731, 3",
            "apache-fineract, fineract-provider/src/main/resources/db/changelog/db.changelog-master.xml, mysql, 1521, 4704, 30",
            "liquibase-spinnaker-keel, keel-sql/src/main/resources/db/changelog-master.yml, mysql, 200, 429, 1",
            "liquibase-spinnaker-orca, orca-sql/src/main/resources/db/changelog-master.yml, mysql, 44, 86, 0",
            "liquibase-spinnaker-orca, orca-sql/src/main/resources/db/changelog-master.yml, postgresql, 44, 78, 0",
            "liquibase-spinnaker-orca, keiko-sql/src/main/resources/db/changelog-keiko.yml, mysql, 10, 14, 0",
    })
    void everyChangeSetIsReadAndEveryChangeTranslatedOrReported(String corpus, String master, String dialect, int changeSets,
            int translated, int notAnalysed) {
        assumeTrue(SharedCorpus.present().isPresent(), SharedCorpus.missingMessage());
        Path root = SharedCorpus.root().resolve(corpus);
        LiquibaseChangelog changelog = new ChangelogReader().read(new DirectoryRepositoryFiles(root), master,
                Dialect.fromConfigName(dialect), "16");
        assertNull(changelog.problem(), corpus);

        int forDialect = 0;
        int otherDatabase = 0;
        int changesForOtherDatabases = 0;
        int ok = 0;
        int reported = 0;
        int statements = 0;
        Map<String, Integer> byReason = new TreeMap<>();
        List<String> unlocated = new ArrayList<>();
        for (LiquibaseChangeSet c : changelog.changeSets()) {
            if (!c.forDialect()) {
                otherDatabase++;
                continue;
            }
            forDialect++;
            changesForOtherDatabases += c.otherDatabase();
            if (c.startLine() < 1) {
                unlocated.add(c.path() + " " + c.describe());
            }
            for (LiquibaseOperation op : c.operations()) {
                assertTrue(op.startLine() >= 1 && op.endLine() >= op.startLine(), op.toString());
                assertTrue(!EXCEPTION_TEXT.matcher(op.operation()).find(), op.operation());
                if (op.analysed()) {
                    ok++;
                    statements += op.statements().size();
                } else {
                    reported++;
                    byReason.merge(op.change() + ": " + op.notAnalysed().replaceAll("class \\S+|program \\S+", "…"), 1, Integer::sum);
                    assertTrue(!EXCEPTION_TEXT.matcher(op.notAnalysed()).find(), op.notAnalysed());
                }
            }
        }
        System.out.printf("%s %s on %s: %d changeSets read (%d for another database), %d changes translated to %d SQL statements,"
                + " %d not analysed %s, %d skipped as for another database (their own dbms)%n", corpus, master, dialect,
                forDialect + otherDatabase, otherDatabase, ok, statements, reported, byReason, changesForOtherDatabases);
        assertEquals(List.of(), unlocated, "every changeSet is found in its file");
        assertTrue(forDialect >= changeSets, forDialect + " changeSets for " + dialect);
        assertTrue(ok >= translated, ok + " changes translated");
        assertTrue(reported <= notAnalysed, reported + " changes not analysed: " + byReason);
    }
}
