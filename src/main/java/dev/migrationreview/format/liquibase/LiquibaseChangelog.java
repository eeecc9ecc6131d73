package dev.migrationreview.format.liquibase;

import java.util.List;

/**
 * A master changelog read through Liquibase: every changeSet in Liquibase's execution order.
 *
 * @param master     the repository path of the master changelog
 * @param changeSets in execution order, including those for another database ({@code forDialect} false)
 * @param problem    why the changelog could not be read (names the file), or null when it was
 */
public record LiquibaseChangelog(String master, List<LiquibaseChangeSet> changeSets, String problem) {
    public LiquibaseChangelog {
        changeSets = List.copyOf(changeSets);
    }

    /** The changelog files it reads, in order of first use. */
    public List<String> files() {
        return changeSets.stream().map(LiquibaseChangeSet::path).distinct().toList();
    }
}
