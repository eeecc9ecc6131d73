package dev.migrationreview.format.rails;

import dev.migrationreview.format.MigrationFormat.Fix;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;

/** Rules write their fixes in SQL; a Rails author gets them in Ruby, as a migration says them. */
final class RailsFix {
    private RailsFix() {}

    static Fix of(String rule, String fix, String suggestion, String sql, Operation operation, MigrationScript script) {
        return new Fix(fix, suggestion == null ? null : new RailsFormat().writeSql(suggestion));
    }
}
